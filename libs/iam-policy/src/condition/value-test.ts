import type { PreparedContext } from '../context';
import type { Comparison } from './operator';

/**
 * A compiled operator body: true when one context value matches at least one
 * of the policy values, before negation, IfExists or set qualifiers apply.
 */
export type ValueTest = (value: string, context: PreparedContext) => boolean;

/** One policy value of a condition with the path it was read from. */
export interface PolicyValue {
  readonly value: string;
  readonly path: string;
}

/** Applies an ordering comparison: `comparison(context value, policy value)`. */
export function compareNumbers(comparison: Comparison, actual: number, expected: number): boolean {
  switch (comparison) {
    case 'eq':
      return actual === expected;
    case 'lt':
      return actual < expected;
    case 'lte':
      return actual <= expected;
    case 'gt':
      return actual > expected;
    case 'gte':
      return actual >= expected;
  }
}

/** A test that accepts a value when any of the given per-value tests does. */
export function anyValue(tests: readonly ValueTest[]): ValueTest {
  if (tests.length === 1 && tests[0] !== undefined) return tests[0];
  return (value, context) => {
    for (const test of tests) if (test(value, context)) return true;
    return false;
  };
}
