/** Throughput and latency of one measurement. */
export interface LatencySummary {
  /** Successful operations. */
  readonly operations: number;
  /** Failed operations (not counted in rate or latency). */
  readonly errors: number;
  /** Successful operations per second of wall time. */
  readonly opsPerSecond: number;
  /** Median latency, in milliseconds. */
  readonly p50Ms: number;
  /** 99th-percentile latency, in milliseconds. */
  readonly p99Ms: number;
}

/** The nearest-rank percentile (`fraction` in (0, 1]) of ascending samples; NaN when there are none. */
export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Summarises latency samples (nanoseconds, every successful operation) taken over `elapsedSeconds`. */
export function summarizeLatencies(samplesNs: readonly number[], elapsedSeconds: number, errors: number): LatencySummary {
  const sorted = Float64Array.from(samplesNs).sort();
  return {
    operations: sorted.length,
    errors,
    opsPerSecond: sorted.length / elapsedSeconds,
    p50Ms: percentile(sorted, 0.5) / 1e6,
    p99Ms: percentile(sorted, 0.99) / 1e6,
  };
}
