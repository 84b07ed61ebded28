import { evaluate, parsePolicy, type EvaluationResult, type Policy } from '../src';
import { BENCH_POLICY, BENCH_REQUEST } from './bench-policy';

/** Options of {@link benchPolicyEvaluation}. */
export interface PolicyEvaluationBenchOptions {
  /** Length of the measurement, in seconds. @default 1 */
  readonly seconds?: number;
  /** Length of the warm-up before it (not counted), in seconds. @default 0.1 */
  readonly warmupSeconds?: number;
}

/** What {@link benchPolicyEvaluation} measured. */
export interface PolicyEvaluationBenchResult {
  readonly evaluations: number;
  /** Evaluations per second of wall time. */
  readonly opsPerSecond: number;
  /** CPU time (user + system) per evaluation, in microseconds. */
  readonly cpuMicrosPerEvaluation: number;
  /** What each evaluation decided. */
  readonly outcome: EvaluationResult;
}

/** Evaluations between two looks at the clock, so that reading it costs next to nothing. */
const BATCH = 1_000;

/** Evaluates the bench request in batches until `seconds` have passed; returns how many evaluations ran. */
function evaluateFor(policy: Policy, seconds: number): number {
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  let evaluations = 0;
  do {
    for (let i = 0; i < BATCH; i++) evaluate(policy, BENCH_REQUEST);
    evaluations += BATCH;
  } while (process.hrtime.bigint() < deadline);
  return evaluations;
}

/**
 * Measures how many times per second one core evaluates a parsed 10-statement
 * policy with conditions ({@link BENCH_POLICY} against {@link BENCH_REQUEST};
 * the aim is at least 200,000). Synchronous: nothing else runs meanwhile.
 * `npm run bench -- policy` calls it.
 */
export function benchPolicyEvaluation(options: PolicyEvaluationBenchOptions = {}): PolicyEvaluationBenchResult {
  const policy = parsePolicy(BENCH_POLICY);
  evaluateFor(policy, options.warmupSeconds ?? 0.1);
  const cpuAtStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const evaluations = evaluateFor(policy, options.seconds ?? 1);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    evaluations,
    opsPerSecond: evaluations / seconds,
    cpuMicrosPerEvaluation: (cpu.user + cpu.system) / evaluations,
    outcome: evaluate(policy, BENCH_REQUEST),
  };
}
