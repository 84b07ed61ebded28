import type { ClosedLoopResult } from '../lib/closed-loop';
import { formatMs, formatPercent, formatRate, formatTable } from '../lib/text-table';

/** What was called. */
export type KmsOperation = 'empty RPC' | 'GenerateDataKey' | 'Decrypt';

/** How it was called. */
export type KmsPath = 'gRPC' | 'in-process';

/** One measurement of the KMS case. */
export interface KmsMeasurement {
  readonly operation: KmsOperation;
  readonly path: KmsPath;
  readonly concurrency: number;
  readonly result: ClosedLoopResult;
}

/** The aim from the issue: GenerateDataKey over gRPC keeps this share of the empty RPC's rate at this concurrency. */
export const KMS_AIM = { concurrency: 64, share: 0.7 } as const;

const PATH_LABELS: Record<KmsOperation, Record<KmsPath, string>> = {
  'empty RPC': { gRPC: 'gRPC (Health/Check)', 'in-process': 'in-process' },
  GenerateDataKey: { gRPC: 'gRPC, audited', 'in-process': 'in-process, no audit' },
  Decrypt: { gRPC: 'gRPC, audited', 'in-process': 'in-process, no audit' },
};

const LEGEND = [
  'ops/s: successful calls per second of wall time; p50/p99: latency of every successful call (nearest rank).',
  'cpu µs/call: this process\'s CPU time per call (client and server together; PostgreSQL not included); steadier than ops/s on a busy machine.',
  'empty RPC: grpc.health.v1.Health/Check on the KMS API port, same channel and credential: gRPC, auth and middleware alone.',
  'gRPC, audited: the real RPC; the server commits an audit row (group-committed) before it answers.',
  'in-process: the KMS handler functions called directly with the server\'s KmsDeps wiring: no gRPC, no auth, no audit write.',
  'Client and server share one Node process (one event loop); each concurrency level uses a fresh channel (one HTTP/2 connection).',
];

function find(measurements: readonly KmsMeasurement[], operation: KmsOperation, path: KmsPath, concurrency: number): ClosedLoopResult | undefined {
  return measurements.find((m) => m.operation === operation && m.path === path && m.concurrency === concurrency)?.result;
}

function rate(measurements: readonly KmsMeasurement[], operation: KmsOperation, path: KmsPath, concurrency: number): number {
  return find(measurements, operation, path, concurrency)?.opsPerSecond ?? Number.NaN;
}

/** The gRPC rate of `operation` as a share of a baseline's rate at the same concurrency; NaN when either is missing. */
function grpcShare(measurements: readonly KmsMeasurement[], operation: KmsOperation, baseline: 'empty RPC' | 'in-process', concurrency: number): number {
  const baselineRate =
    baseline === 'empty RPC' ? rate(measurements, 'empty RPC', 'gRPC', concurrency) : rate(measurements, operation, 'in-process', concurrency);
  return rate(measurements, operation, 'gRPC', concurrency) / baselineRate;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function measurementTable(measurements: readonly KmsMeasurement[]): string[] {
  return formatTable(
    [
      { title: 'conc', align: 'right' },
      { title: 'operation', align: 'left' },
      { title: 'path', align: 'left' },
      { title: 'ops/s', align: 'right' },
      { title: 'p50 ms', align: 'right' },
      { title: 'p99 ms', align: 'right' },
      { title: 'cpu µs/call', align: 'right' },
      { title: 'errors', align: 'right' },
    ],
    measurements.map(({ operation, path, concurrency, result }) => [
      String(concurrency),
      operation,
      PATH_LABELS[operation][path],
      formatRate(result.opsPerSecond),
      formatMs(result.p50Ms),
      formatMs(result.p99Ms),
      Number.isNaN(result.cpuMicrosPerCall) ? '-' : result.cpuMicrosPerCall.toFixed(0),
      String(result.errors),
    ]),
  );
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
  const cpu = (operation: KmsOperation) => find(measurements, operation, 'gRPC', KMS_AIM.concurrency)?.cpuMicrosPerCall ?? Number.NaN;
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
  const failures = measurements
    .filter(({ result }) => result.errors > 0)
    .map(({ operation, path, concurrency, result }) => `FAILED CALLS: ${operation} ${path} at concurrency ${concurrency}: ${result.errors}, first: ${errorText(result.firstError)}`);
  return [...measurementTable(measurements), '', ...ratioTable(measurements), '', ...aimLines(measurements), ...failures, '', ...LEGEND];
}
