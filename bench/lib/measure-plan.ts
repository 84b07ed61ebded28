import type { BenchContext } from './bench-case';
import { runClosedLoop } from './closed-loop';
import type { Measurement } from './measurement';

/** One call to measure: what it is, how it is made, and the call itself. */
export interface PlannedCall<Operation extends string, Path extends string> {
  readonly operation: Operation;
  readonly path: Path;
  readonly call: () => Promise<unknown>;
}

/**
 * Measures each planned call in turn at `concurrency` with
 * {@link runClosedLoop}: a warm-up of `warmupSeconds` (not counted), then
 * `seconds` counted, as the settings say. Reports progress under `label`.
 */
export async function measurePlan<Operation extends string, Path extends string>(
  context: BenchContext,
  label: string,
  plan: readonly PlannedCall<Operation, Path>[],
  concurrency: number,
): Promise<Measurement<Operation, Path>[]> {
  const measurements: Measurement<Operation, Path>[] = [];
  for (const { operation, path, call } of plan) {
    context.progress(`${label}: ${operation} ${path} at concurrency ${concurrency}`);
    await runClosedLoop(call, concurrency, context.settings.warmupSeconds);
    measurements.push({ operation, path, concurrency, result: await runClosedLoop(call, concurrency, context.settings.seconds) });
  }
  return measurements;
}
