import { failureLines, findResult } from '../lib/measurement';
import {
  formatMebibytes,
  formatMegabytesPerSecond,
  formatMicros,
  formatMs,
  formatMultiple,
  formatPercent,
  formatRate,
  formatTable,
} from '../lib/text-table';
import { MEMORY_CHECK_BYTES, type MemoryCheck, type MemoryTransfer } from './memory-check';
import { OBJECT_SIZES, type ObjectSize, type SizeLabel } from './payload';
import type { S3Measurement, S3Operation, S3Path } from './s3-measure';
import { SDK_RUN } from './sdk-run';
import { TARGET_NAMES, type TargetName } from './s3-targets';

/** One aim of the issue: Strongroom's rate for these sizes (PUT and GET, every concurrency) against a baseline's. */
export interface S3Aim {
  readonly sizes: readonly SizeLabel[];
  readonly baseline: Exclude<TargetName, 'Strongroom'>;
  /** The least share (0.6 = 60%) or multiple (1.5 = 1.5x) of the baseline's rate. */
  readonly atLeast: number;
}

/** The aims of the issue, with SSE-S3. */
export const S3_AIMS: readonly S3Aim[] = [
  { sizes: ['1 MiB', '64 MiB'], baseline: '(b) files+crypto', atLeast: 0.6 },
  { sizes: ['1 MiB', '64 MiB'], baseline: '(c) s3rver', atLeast: 1.5 },
  { sizes: ['4 KiB'], baseline: '(a) files', atLeast: 0.4 },
  { sizes: ['4 KiB'], baseline: '(c) s3rver', atLeast: 1.0 },
];

/** The aim for a 1 GiB upload: the serving process's RSS grows by less than this. */
export const MEMORY_AIM_BYTES = 100 * 1024 * 1024;

/** What the report needs besides the measurements. */
export interface S3ReportInput {
  readonly measurements: readonly S3Measurement[];
  readonly concurrencies: readonly number[];
  readonly memory: MemoryCheck | undefined;
  /** Lines saying where things ran and how they were driven. */
  readonly setup: readonly string[];
}

const LEGEND = [
  'ops/s: successful calls per second of wall time; MB/s: object bytes (10^6) per second; p50/p99: latency of every successful call (nearest rank).',
  'server cpu: CPU time (all threads, from /proc) of the serving process per call; PostgreSQL\'s is not in it. client cpu: this process\'s.',
  '(a) files: node:http, PUT streams to a temp file then rename, GET streams it back with createReadStream; no auth, no fsync, no metadata.',
  '(b) files+crypto: (a) plus what SSE-S3 must do (MD5 for the ETag, a data key per object wrapped under a bucket key, 64 KiB AES-256-GCM',
  '    segments with @strongroom/crypto, each verified before it is sent); object metadata in an in-memory map; no services, hops or database.',
  '(c) s3rver: the s3rver npm package (Koa, files plus JSON metadata, checks SigV4, encrypts nothing).',
  '(d) durable files: (b) plus what durability must do, as Strongroom does it: the file fsynced before its rename and its directory after,',
  '    the metadata upserted in PostgreSQL (one autocommit statement per PUT, one SELECT per GET); no auth, policies, services or hops.',
  '    Not an aim of the issue: the floor under any server with these guarantees, to show what the aims leave for the rest.',
  'Strongroom: gateway -> storage (-> policy) over gRPC inside one process; every write fsyncs the blob and its directory and commits',
  '    its metadata in PostgreSQL (one statement per plain PUT); (a) and (b) do neither, (d) does both.',
  'PUT 4 KiB writes a new key per call; PUT 1 MiB and 64 MiB overwrite one key per concurrent call. GET reads one object per size.',
];

function operationOf(size: ObjectSize, method: 'PUT' | 'GET'): S3Operation {
  return `${method} ${size.label}`;
}

function sizeOf(operation: S3Operation): ObjectSize {
  return OBJECT_SIZES.find((size) => operation.endsWith(size.label))!;
}

/** The figure an operation is judged by: ops/s for 4 KiB, bytes/s for the others; NaN when not measured. */
function figure(measurements: readonly S3Measurement[], operation: S3Operation, path: S3Path, concurrency: number): number {
  const result = findResult(measurements, operation, path, concurrency);
  if (result === undefined) return Number.NaN;
  const size = sizeOf(operation);
  return size.throughput ? result.opsPerSecond * size.bytes : result.opsPerSecond;
}

function formatFigure(operation: S3Operation, value: number): string {
  return sizeOf(operation).throughput ? formatMegabytesPerSecond(value) : formatRate(value);
}

function measurementRows(measurements: readonly S3Measurement[]): string[] {
  return formatTable(
    [
      { title: 'operation', align: 'left' },
      { title: 'conc', align: 'right' },
      { title: 'server', align: 'left' },
      { title: 'ops/s', align: 'right' },
      { title: 'MB/s', align: 'right' },
      { title: 'p50 ms', align: 'right' },
      { title: 'p99 ms', align: 'right' },
      { title: 'server cpu µs/op', align: 'right' },
      { title: 'client cpu µs/op', align: 'right' },
      { title: 'errors', align: 'right' },
    ],
    measurements.map((m) => [
      m.operation,
      String(m.concurrency),
      m.path,
      formatRate(m.result.opsPerSecond),
      formatMegabytesPerSecond(m.result.opsPerSecond * m.bytesPerCall),
      formatMs(m.result.p50Ms),
      formatMs(m.result.p99Ms),
      formatMicros(m.serverCpuMicrosPerCall),
      formatMicros(m.result.cpuMicrosPerCall),
      String(m.result.errors),
    ]),
  );
}

function ratioRows(measurements: readonly S3Measurement[], concurrencies: readonly number[]): string[] {
  const rows: string[][] = [];
  for (const size of OBJECT_SIZES) {
    for (const method of ['PUT', 'GET'] as const) {
      const operation = operationOf(size, method);
      for (const c of concurrencies) {
        const value = (path: S3Path) => figure(measurements, operation, path, c);
        const ours = value('Strongroom');
        rows.push([
          operation,
          String(c),
          size.throughput ? 'MB/s' : 'ops/s',
          ...TARGET_NAMES.map((name) => formatFigure(operation, value(name))),
          formatPercent(ours / value('(a) files')),
          formatPercent(ours / value('(b) files+crypto')),
          formatMultiple(ours / value('(c) s3rver')),
          formatPercent(ours / value('(d) durable files')),
        ]);
      }
    }
  }
  return formatTable(
    [
      { title: 'operation', align: 'left' },
      { title: 'conc', align: 'right' },
      { title: 'unit', align: 'left' },
      ...TARGET_NAMES.map((name) => ({ title: name, align: 'right' as const })),
      { title: 'S ÷ (a)', align: 'right' },
      { title: 'S ÷ (b)', align: 'right' },
      { title: 'S ÷ (c)', align: 'right' },
      { title: 'S ÷ (d)', align: 'right' },
    ],
    rows,
  );
}

function aimLines(measurements: readonly S3Measurement[], concurrencies: readonly number[]): string[] {
  const lines = ['Aims, Strongroom with SSE-S3 (a measurement: the exit status never depends on it):'];
  for (const aim of S3_AIMS) {
    const threshold = aim.baseline === '(c) s3rver' ? formatMultiple(aim.atLeast) : formatPercent(aim.atLeast);
    for (const size of aim.sizes) {
      for (const method of ['PUT', 'GET'] as const) {
        const operation: S3Operation = `${method} ${size}`;
        const verdicts = concurrencies.map((c) => {
          const ratio = figure(measurements, operation, 'Strongroom', c) / figure(measurements, operation, aim.baseline, c);
          const shown = aim.baseline === '(c) s3rver' ? formatMultiple(ratio) : formatPercent(ratio);
          const verdict = Number.isNaN(ratio) ? 'NOT MEASURED' : ratio >= aim.atLeast ? 'MET' : 'MISSED';
          return `c${c} ${verdict} (${shown})`;
        });
        lines.push(`  ${operation.padEnd(10)} >= ${threshold} of ${aim.baseline.padEnd(16)}  ${verdicts.join(', ')}`);
      }
    }
  }
  return lines;
}

function sdkLines(measurements: readonly S3Measurement[]): string[] {
  const { operation, concurrency } = SDK_RUN;
  const sdk = figure(measurements, operation, 'Strongroom, AWS SDK', concurrency);
  const lean = figure(measurements, operation, 'Strongroom', concurrency);
  if (Number.isNaN(sdk)) return [];
  return [
    `AWS SDK run (realism): Strongroom ${operation} at concurrency ${concurrency} driven by @aws-sdk/client-s3 (default checksums: aws-chunked with a CRC32 trailer):`,
    `  ${formatRate(sdk)} ops/s, ${formatPercent(sdk / lean)} of the lean client's ${formatRate(lean)} ops/s on the same server`,
  ];
}

function transferLine(label: string, transfer: MemoryTransfer, bytes: number): string {
  const grew = transfer.rssPeak - transfer.rssBefore;
  const verdict = `; aim < ${(MEMORY_AIM_BYTES / 1024 / 1024).toFixed(0)} MiB: ${grew < MEMORY_AIM_BYTES ? 'MET' : 'MISSED'}`;
  return (
    `  ${label}: RSS ${formatMebibytes(transfer.rssBefore)} MiB before, peak ${formatMebibytes(transfer.rssPeak)} MiB: grew ${formatMebibytes(grew)} MiB` +
    ` (${transfer.seconds.toFixed(1)} s, ${formatMegabytesPerSecond(bytes / transfer.seconds)} MB/s)${verdict}`
  );
}

function memoryLines(memory: MemoryCheck | undefined): string[] {
  if (memory === undefined) return [];
  return [
    `Memory: one ${MEMORY_CHECK_BYTES / 2 ** 30} GiB PUT to Strongroom before the measurements above, the body generated as it is sent;`,
    '  RSS of the stack\'s process (KMS, policy, storage, gateway; not PostgreSQL), sampled every 20 ms:',
    transferLine('PUT 1 GiB', memory.put, memory.bytes),
  ];
}

/** The S3 case's report: setup, the ratio table, every measurement, the aims, the SDK run, memory, failures, and a legend. */
export function s3Report(input: S3ReportInput): string[] {
  const { measurements, concurrencies } = input;
  return [
    ...input.setup,
    '',
    ...ratioRows(measurements, concurrencies),
    '',
    ...measurementRows(measurements),
    '',
    ...aimLines(measurements, concurrencies),
    '',
    ...sdkLines(measurements),
    ...memoryLines(input.memory),
    ...failureLines(measurements),
    '',
    ...LEGEND,
  ];
}
