import { failureLines, type Measurement } from '../lib/measurement';
import { formatMegabytesPerSecond, formatMicros, formatMs, formatPercent, formatRate, formatTable } from '../lib/text-table';
import type { KmsCallCounts } from './kms-json';
import { OBJECT_SIZES, type ObjectSize } from './payload';
import type { S3Operation } from './s3-measure';
import type { SseVariantName } from './sse-variants';

/** One measurement of the s3-encryption case: a variant's PUT or GET of one size. */
export interface EncryptionMeasurement extends Measurement<S3Operation, SseVariantName> {
  readonly bytesPerCall: number;
  /** CPU time (all threads) of the stack's process per call, in microseconds. */
  readonly serverCpuMicrosPerCall: number;
  /** KMS calls per S3 call, by operation (warm-up included in both counts); undefined when they were not counted. */
  readonly kmsCallsPerCall: KmsCallCounts | undefined;
}

/** One aim of the issue: a variant's rate at least `atLeast` times SSE-S3's for these operations. */
interface EncryptionAim {
  readonly variant: SseVariantName;
  readonly operations: readonly S3Operation[];
  readonly atLeast: number;
  readonly text: string;
}

const EVERY_OPERATION: readonly S3Operation[] = OBJECT_SIZES.flatMap((size) => [`PUT ${size.label}`, `GET ${size.label}`] as const);

/** The aims of the issue, against SSE-S3 over the same (HTTPS) endpoint. */
const ENCRYPTION_AIMS: readonly EncryptionAim[] = [
  { variant: 'SSE-KMS, bucket key', operations: EVERY_OPERATION, atLeast: 0.9, text: 'SSE-KMS with a bucket key within 10% of SSE-S3' },
  { variant: 'SSE-KMS, no bucket key', operations: ['PUT 4 KiB'], atLeast: 0.5, text: 'SSE-KMS without a bucket key, 4 KiB PUT, at least half of SSE-S3' },
];

const REFERENCE: SseVariantName = 'SSE-S3';

function sizeOf(operation: S3Operation): ObjectSize {
  return OBJECT_SIZES.find((size) => operation.endsWith(size.label))!;
}

/** The rate in the operation's unit: ops/s for 4 KiB, MB/s above. */
function formatRateOf(measurement: EncryptionMeasurement): string {
  const { result, bytesPerCall } = measurement;
  return sizeOf(measurement.operation).throughput ? formatMegabytesPerSecond(result.opsPerSecond * bytesPerCall) : formatRate(result.opsPerSecond);
}

function formatKmsCalls(calls: KmsCallCounts | undefined): string {
  if (calls === undefined) return 'not counted';
  if (calls.size === 0) return '0';
  return [...calls].map(([operation, perCall]) => `${operation} ${perCall.toFixed(perCall < 0.01 ? 4 : 2)}`).join(', ');
}

/** A variant's rate over SSE-S3's for the same operation; NaN when either is missing. */
function ratioToReference(measurements: readonly EncryptionMeasurement[], variant: SseVariantName, operation: S3Operation): number {
  const rate = (name: SseVariantName) => measurements.find((m) => m.path === name && m.operation === operation)?.result.opsPerSecond ?? Number.NaN;
  return rate(variant) / rate(REFERENCE);
}

/** The report: setup, one row per measurement with its ratio to SSE-S3, the aims as MET/MISSED, failed calls. */
export function encryptionReport(measurements: readonly EncryptionMeasurement[], setup: readonly string[]): string[] {
  const table = formatTable(
    [
      { title: 'operation', align: 'left' },
      { title: 'variant', align: 'left' },
      { title: 'unit', align: 'left' },
      { title: 'rate', align: 'right' },
      { title: '÷ SSE-S3', align: 'right' },
      { title: 'p50 ms', align: 'right' },
      { title: 'p99 ms', align: 'right' },
      { title: 'server cpu µs', align: 'right' },
      { title: 'KMS calls per call', align: 'left' },
    ],
    measurements.map((m) => [
      m.operation,
      m.path,
      sizeOf(m.operation).throughput ? 'MB/s' : 'ops/s',
      formatRateOf(m),
      formatPercent(ratioToReference(measurements, m.path, m.operation)),
      formatMs(m.result.p50Ms),
      formatMs(m.result.p99Ms),
      formatMicros(m.serverCpuMicrosPerCall),
      formatKmsCalls(m.kmsCallsPerCall),
    ]),
  );
  const aims = ENCRYPTION_AIMS.flatMap((aim) =>
    aim.operations.map((operation) => {
      const ratio = ratioToReference(measurements, aim.variant, operation);
      const verdict = Number.isNaN(ratio) ? 'NOT MEASURED' : ratio >= aim.atLeast ? 'MET' : 'MISSED';
      return `  ${verdict.padEnd(6)}  ${operation.padEnd(10)}  ${formatPercent(ratio).padStart(4)} of SSE-S3 (aim ≥ ${formatPercent(aim.atLeast)}): ${aim.text}`;
    }),
  );
  return [...setup, '', ...table, '', 'Aims (ratios within this run, both over HTTPS):', ...aims, ...failureLines(measurements)];
}
