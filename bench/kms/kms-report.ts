import { cpuOf, failureLines, rateOf, type Measurement } from '../lib/measurement';
import { MEASUREMENT_LEGEND, measurementTable } from '../lib/measurement-table';
import { formatPercent, formatTable } from '../lib/text-table';

/** What was called. */
export type KmsOperation = 'empty RPC' | 'GenerateDataKey' | 'Decrypt';

/** How it was called. */
export type KmsPath = 'gRPC' | 'in-process';

/** One measurement of the KMS case. */
export type KmsMeasurement = Measurement<KmsOperation, KmsPath>;

/** The aim from the issue: GenerateDataKey over gRPC keeps this share of the empty RPC's rate at this concurrency. */
export const KMS_AIM = { concurrency: 64, share: 0.7 } as const;

const PATH_LABELS: Record<KmsOperation, Record<KmsPath, string>> = {
  'empty RPC': { gRPC: 'gRPC (Health/Check)', 'in-process': 'in-process' },
  GenerateDataKey: { gRPC: 'gRPC, audited', 'in-process': 'in-process, no audit' },
  Decrypt: { gRPC: 'gRPC, audited', 'in-process': 'in-process, no audit' },
};

const LEGEND = [
  ...MEASUREMENT_LEGEND,
  'empty RPC: grpc.health.v1.Health/Check on the KMS API port, same channel and credential: gRPC, auth and middleware alone.',
  'gRPC, audited: the real RPC; the server commits an audit row (group-committed) before it answers.',
  'in-process: the KMS handler functions called directly with the server\'s KmsDeps wiring: no gRPC, no auth, no audit write.',
  'Client and server share one Node process (one event loop); each concurrency level uses a fresh channel (one HTTP/2 connection).',
];

/** The gRPC rate of `operation` as a share of a baseline's rate at the same concurrency; NaN when either is missing. */
function grpcShare(measurements: readonly KmsMeasurement[], operation: KmsOperation, baseline: 'empty RPC' | 'in-process', concurrency: number): number {
  const baselineRate =
    baseline === 'empty RPC' ? rateOf(measurements, 'empty RPC', 'gRPC', concurrency) : rateOf(measurements, operation, 'in-process', concurrency);
  return rateOf(measurements, operation, 'gRPC', concurrency) / baselineRate;
}

function ratioTable(measurements: readonly KmsMeasurement[]): string[] {
  const concurrencies = [...new Set(measurements.map((m) => m.concurrency))];
  const share = (operation: KmsOperation, baseline: 'empty RPC' | 'in-process', concurrency: number) =>
    formatPercent(grpcShare(measurements, operation, baseline, concurrency));
  return formatTable(
    [
      { title: 'conc', align: 'right' },
      { title: 'GenerateDataKey gRPC ÷ empty RPC', align: 'right' },
      { title: 'Decrypt gRPC ÷ empty RPC', align: 'right' },
      { title: 'GenerateDataKey gRPC ÷ in-process', align: 'right' },
      { title: 'Decrypt gRPC ÷ in-process', align: 'right' },
    ],
    concurrencies.map((c) => [
      String(c),
      share('GenerateDataKey', 'empty RPC', c),
      share('Decrypt', 'empty RPC', c),
      share('GenerateDataKey', 'in-process', c),
      share('Decrypt', 'in-process', c),
    ]),
  );
}

function aimLines(measurements: readonly KmsMeasurement[]): string[] {
  const share = grpcShare(measurements, 'GenerateDataKey', 'empty RPC', KMS_AIM.concurrency);
  const verdict = Number.isNaN(share) ? 'NOT MEASURED' : share >= KMS_AIM.share ? 'MET' : 'MISSED';
  const aim = `Aim: at concurrency ${KMS_AIM.concurrency}, GenerateDataKey over gRPC (audited) >= ${formatPercent(KMS_AIM.share)} of the empty RPC's rate`;
  const cpu = (operation: KmsOperation) => cpuOf(measurements, operation, 'gRPC', KMS_AIM.concurrency);
  const cpuShare = cpu('empty RPC') / cpu('GenerateDataKey');
  const lines = [
    `${aim}: ${verdict} (${formatPercent(share)})`,
    `     by CPU per call (empty RPC ÷ GenerateDataKey): ${formatPercent(cpuShare)}; when the two disagree much, other load moved the rates: run again`,
  ];
  if (verdict !== 'MET') lines.push('     (a measurement: the exit status does not depend on it)');
  return lines;
}

/** The KMS case's report: the measurements, the ratios per concurrency, whether the aim is met, any failures, and a legend. */
export function kmsReport(measurements: readonly KmsMeasurement[]): string[] {
  const table = measurementTable(measurements, (operation, path) => PATH_LABELS[operation][path]);
  return [...table, '', ...ratioTable(measurements), '', ...aimLines(measurements), ...failureLines(measurements), '', ...LEGEND];
}
