import type { Policy } from './policy';
import type { StatementRef } from './statement';

/** Where a statement is in its policy, as errors name it: `Statement[2]`, or `Statement` when it is a single object. */
export function statementPath(policy: Policy, statement: StatementRef): string {
  return Array.isArray(policy.document.Statement) ? `Statement[${statement.index}]` : 'Statement';
}
