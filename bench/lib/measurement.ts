import type { ClosedLoopResult } from './closed-loop';

/** One measurement of a case: what was called, how, at which client concurrency, and the result. */
export interface Measurement<Operation extends string = string, Path extends string = string> {
  readonly operation: Operation;
  readonly path: Path;
  readonly concurrency: number;
  readonly result: ClosedLoopResult;
}

/** The result of one operation, path and concurrency; undefined when it was not measured. */
export function findResult<Operation extends string, Path extends string>(
  measurements: readonly Measurement<Operation, Path>[],
  operation: Operation,
  path: Path,
  concurrency: number,
): ClosedLoopResult | undefined {
  return measurements.find((m) => m.operation === operation && m.path === path && m.concurrency === concurrency)?.result;
}

/** The rate of one operation, path and concurrency; NaN when it was not measured. */
export function rateOf<Operation extends string, Path extends string>(
  measurements: readonly Measurement<Operation, Path>[],
  operation: Operation,
  path: Path,
  concurrency: number,
): number {
  return findResult(measurements, operation, path, concurrency)?.opsPerSecond ?? Number.NaN;
}

/** The CPU time per call of one operation, path and concurrency; NaN when it was not measured. */
export function cpuOf<Operation extends string, Path extends string>(
  measurements: readonly Measurement<Operation, Path>[],
  operation: Operation,
  path: Path,
  concurrency: number,
): number {
  return findResult(measurements, operation, path, concurrency)?.cpuMicrosPerCall ?? Number.NaN;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One `FAILED CALLS` line per measurement in which any call failed, with the first failure. */
export function failureLines(measurements: readonly Measurement[]): string[] {
  return measurements
    .filter(({ result }) => result.errors > 0)
    .map(({ operation, path, concurrency, result }) => `FAILED CALLS: ${operation} ${path} at concurrency ${concurrency}: ${result.errors}, first: ${errorText(result.firstError)}`);
}
