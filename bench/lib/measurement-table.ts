import type { Measurement } from './measurement';
import { formatMicros, formatMs, formatRate, formatTable } from './text-table';

/** What the columns of a {@link measurementTable} mean, for a case's legend. */
export const MEASUREMENT_LEGEND: readonly string[] = [
  'ops/s: successful calls per second of wall time; p50/p99: latency of every successful call (nearest rank).',
  'cpu µs/call: this process\'s CPU time per call (client and server together; PostgreSQL not included); steadier than ops/s on a busy machine.',
];

/**
 * The table every case prints: one row per measurement with its rate,
 * latency percentiles, CPU per call and failed calls; `pathLabel` says how
 * each operation was called.
 */
export function measurementTable<Operation extends string, Path extends string>(
  measurements: readonly Measurement<Operation, Path>[],
  pathLabel: (operation: Operation, path: Path) => string,
): string[] {
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
      pathLabel(operation, path),
      formatRate(result.opsPerSecond),
      formatMs(result.p50Ms),
      formatMs(result.p99Ms),
      formatMicros(result.cpuMicrosPerCall),
      String(result.errors),
    ]),
  );
}
