import { summarizeLatencies, type LatencySummary } from './latency-summary';

/** A summary plus this process's CPU time per call and the first failure, when any call failed. */
export interface ClosedLoopResult extends LatencySummary {
  /**
   * CPU time (user + system) this process spent per call, in microseconds,
   * on both sides when client and server share the process. Steadier than
   * the rate on a busy machine, since time waiting for a core is not in it.
   */
  readonly cpuMicrosPerCall: number;
  readonly firstError: unknown;
}

/**
 * Runs `operation` from `concurrency` workers, each starting its next call
 * as soon as the previous one settles, until `seconds` have passed; every
 * successful call's latency is one sample (`process.hrtime.bigint()`).
 */
export async function runClosedLoop(operation: () => Promise<unknown>, concurrency: number, seconds: number): Promise<ClosedLoopResult> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const cpuAtStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  const worker = async () => {
    while (process.hrtime.bigint() < deadline) {
      const began = process.hrtime.bigint();
      try {
        await operation();
        samples.push(Number(process.hrtime.bigint() - began));
      } catch (error) {
        errors++;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuAtStart);
  const calls = samples.length + errors;
  return { ...summarizeLatencies(samples, elapsedSeconds, errors), cpuMicrosPerCall: calls === 0 ? Number.NaN : (cpu.user + cpu.system) / calls, firstError };
}
