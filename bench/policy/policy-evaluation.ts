import type { StatementRef } from '@strongroom/iam-policy';
import { benchPolicyEvaluation } from '../../libs/iam-policy/bench/evaluate.bench';
import type { BenchSettings } from '../lib/bench-settings';
import type { PolicyMeasurement } from './policy-report';

/** The in-process measurement, and the statements that allowed the request. */
export interface PolicyEvaluation {
  readonly measurement: PolicyMeasurement;
  readonly allowedBy: readonly StatementRef[];
}

/**
 * Runs the library's own micro-benchmark (`benchPolicyEvaluation`: the
 * 10-statement bench policy against the bench request, synchronously on this
 * thread) for the settings' warm-up and length. A synchronous loop has no
 * per-call latency worth sampling: its p50 and p99 are left empty.
 */
export function measurePolicyEvaluation(settings: BenchSettings): PolicyEvaluation {
  const result = benchPolicyEvaluation({ seconds: settings.seconds, warmupSeconds: settings.warmupSeconds });
  if (result.outcome.decision !== 'allow') throw new Error(`the bench policy decided ${result.outcome.decision} for the bench request, not allow`);
  return {
    measurement: {
      operation: 'policy evaluation',
      path: 'in-process',
      concurrency: 1,
      result: {
        operations: result.evaluations,
        errors: 0,
        opsPerSecond: result.opsPerSecond,
        p50Ms: Number.NaN,
        p99Ms: Number.NaN,
        cpuMicrosPerCall: result.cpuMicrosPerEvaluation,
        firstError: undefined,
      },
    },
    allowedBy: result.outcome.matched,
  };
}
