import { caseVariants, type PreparedContext } from '../context';
import type { Effect } from '../effect';
import { expectObject } from '../json';
import { PolicyError } from '../policy-error';
import { compileClause, type ConditionClause } from './clause';
import { parseConditionOperator } from './operator';

/** The `Condition` element of a statement: every clause must hold. */
export interface ConditionBlock {
  readonly clauses: readonly ConditionClause[];
}

const CONDITION_KEY = /^[A-Za-z0-9.-]+:\S.*$/;

/** Parses and compiles a `Condition` element. */
export function parseConditionBlock(value: unknown, path: string, variables: boolean): ConditionBlock {
  const clauses: ConditionClause[] = [];
  for (const [name, body] of Object.entries(expectObject(value, path))) {
    const operatorPath = `${path}.${name}`;
    const operator = parseConditionOperator(name, operatorPath);
    const keys = Object.entries(expectObject(body, operatorPath));
    if (keys.length === 0) throw new PolicyError(operatorPath, 'must name at least one condition key');
    for (const [key, values] of keys) {
      const keyPath = `${operatorPath}.${key}`;
      if (!CONDITION_KEY.test(key)) throw new PolicyError(keyPath, `"${key}" is not a condition key ("prefix:name")`);
      clauses.push(compileClause(operator, key, values, keyPath, variables));
    }
  }
  return { clauses };
}

/**
 * True when every clause holds for the request (an absent block holds). A
 * clause on a key the request spells more than one way ({@link caseVariants})
 * holds for an Allow when it holds for every spelling, for a Deny when it
 * holds for any.
 */
export function conditionHolds(block: ConditionBlock | undefined, context: PreparedContext, effect: Effect): boolean {
  if (block === undefined) return true;
  for (const clause of block.clauses) {
    const variants = caseVariants(context, clause.key.toLowerCase());
    const holds = variants === undefined ? clause.test(context) : effect === 'Allow' ? variants.every(clause.test) : variants.some(clause.test);
    if (!holds) return false;
  }
  return true;
}
