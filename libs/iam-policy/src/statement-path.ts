import type { Policy } from './policy';
import type { StatementRef } from './statement';

/** Where the statement at `index` is, as errors name it: `Statement[2]`, or `Statement` when the policy's Statement is a single object. */
export function statementPathAt(inArray: boolean, index: number): string {
  return inArray ? `Statement[${index}]` : 'Statement';
}

/** Where a statement is in its policy, as errors name it (see {@link statementPathAt}). */
export function statementPath(policy: Policy, statement: StatementRef): string {
  return statementPathAt(Array.isArray(policy.document.Statement), statement.index);
}
