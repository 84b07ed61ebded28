import type { StatementRef } from '@strongroom/iam-policy';
import { BENCH_REQUEST } from '../../libs/iam-policy/bench/bench-policy';
import { cpuOf, failureLines, findResult, rateOf, type Measurement } from '../lib/measurement';
import { MEASUREMENT_LEGEND, measurementTable } from '../lib/measurement-table';
import { formatMicros, formatPercent, formatRate, formatTable } from '../lib/text-table';

/** What was called. */
export type PolicyOperation = 'policy evaluation' | 'empty RPC' | 'Authorize';

/** How it was called. */
export type PolicyPath = 'gRPC' | 'in-process';

/** One measurement of the policy case. */
export type PolicyMeasurement = Measurement<PolicyOperation, PolicyPath>;

/** The aim from the issue: in-process evaluations per second of the 10-statement policy, on one core. */
export const POLICY_AIM = { evaluationsPerSecond: 200_000 } as const;

const PATH_LABELS: Record<PolicyOperation, Record<PolicyPath, string>> = {
  'policy evaluation': { gRPC: 'gRPC', 'in-process': 'in-process, evaluate() on one core' },
  'empty RPC': { gRPC: 'gRPC (Health/Check)', 'in-process': 'in-process' },
  Authorize: { gRPC: 'gRPC', 'in-process': 'in-process handler' },
};

const LEGEND = [
  ...MEASUREMENT_LEGEND,
  'policy evaluation: the library\'s benchPolicyEvaluation, a synchronous loop of evaluate() on the parsed policy (no per-call latency: p50/p99 empty).',
  'empty RPC: grpc.health.v1.Health/Check on the policy API port, same channel and credential: gRPC, auth and middleware alone.',
  'Authorize, gRPC: the real RPC on a bucket carrying the same policy; caches warm, so no database round trip per call.',
  'Authorize, in-process handler: the service\'s Authorize handler called directly with startPolicyService\'s wiring: no gRPC, no auth.',
  'Client and server share one Node process (one event loop); each concurrency level uses a fresh channel (one HTTP/2 connection).',
];

function describeStatements(statements: readonly StatementRef[]): string {
  return statements.map((statement) => statement.sid ?? `#${statement.index}`).join(', ');
}

function requestLines(allowedBy: readonly StatementRef[]): string[] {
  const principal = BENCH_REQUEST.principal.type === 'aws' ? BENCH_REQUEST.principal.arn : BENCH_REQUEST.principal.type;
  const keys = Object.keys(BENCH_REQUEST.context ?? {}).join(', ');
  return [
    `Request: ${principal} ${BENCH_REQUEST.action} ${BENCH_REQUEST.resource}`,
    `         context ${keys} (over gRPC the service sets aws:username and aws:PrincipalAccount itself)`,
    `         allowed by the 10-statement policy (statement ${describeStatements(allowedBy)}), in-process and over gRPC`,
  ];
}

function ratioTable(measurements: readonly PolicyMeasurement[]): string[] {
  const concurrencies = [...new Set(measurements.filter((m) => m.path === 'gRPC').map((m) => m.concurrency))];
  const authorize = (c: number) => rateOf(measurements, 'Authorize', 'gRPC', c);
  return formatTable(
    [
      { title: 'conc', align: 'right' },
      { title: 'Authorize gRPC ÷ empty RPC', align: 'right' },
      { title: 'by CPU/call (empty RPC ÷ Authorize)', align: 'right' },
      { title: 'Authorize gRPC ÷ in-process handler', align: 'right' },
    ],
    concurrencies.map((c) => [
      String(c),
      formatPercent(authorize(c) / rateOf(measurements, 'empty RPC', 'gRPC', c)),
      formatPercent(cpuOf(measurements, 'empty RPC', 'gRPC', c) / cpuOf(measurements, 'Authorize', 'gRPC', c)),
      formatPercent(authorize(c) / rateOf(measurements, 'Authorize', 'in-process', c)),
    ]),
  );
}

function aimLines(measurements: readonly PolicyMeasurement[]): string[] {
  const evaluation = findResult(measurements, 'policy evaluation', 'in-process', 1);
  const rate = evaluation?.opsPerSecond ?? Number.NaN;
  const verdict = Number.isNaN(rate) ? 'NOT MEASURED' : rate >= POLICY_AIM.evaluationsPerSecond ? 'MET' : 'MISSED';
  const cpu = evaluation?.cpuMicrosPerCall ?? Number.NaN;
  const lines = [
    `Aim: in-process, >= ${formatRate(POLICY_AIM.evaluationsPerSecond)} evaluations/s of the 10-statement policy on one core: ${verdict} (${formatRate(rate)}/s)`,
    `     by CPU: ${formatMicros(cpu)} µs per evaluation, ${formatRate(1e6 / cpu)} per CPU-second`,
  ];
  if (verdict !== 'MET') lines.push('     (a measurement: the exit status does not depend on it)');
  return lines;
}

/** The policy case's report: the request, the measurements, the ratios per concurrency, whether the aim is met, any failures, and a legend. */
export function policyReport(measurements: readonly PolicyMeasurement[], allowedBy: readonly StatementRef[]): string[] {
  const table = measurementTable(measurements, (operation, path) => PATH_LABELS[operation][path]);
  return [
    ...requestLines(allowedBy),
    '',
    ...table,
    '',
    ...ratioTable(measurements),
    '',
    ...aimLines(measurements),
    ...failureLines(measurements),
    '',
    ...LEGEND,
  ];
}
