import { contextValues, type PreparedContext } from '../context';
import { expectScalarList } from '../json';
import { compileArnTest } from './arn';
import { compileBinaryTest } from './binary';
import { compileBoolTest, parseBoolean } from './bool';
import { compileDateTest } from './date';
import { compileIpTest } from './ip-address';
import { compileNumericTest } from './numeric';
import type { Comparison, ConditionFamily, ConditionOperator } from './operator';
import { compileStringTest } from './string';
import type { PolicyValue, ValueTest } from './value-test';

/** One `operator: { key: values }` pair of a Condition element, compiled. */
export interface ConditionClause {
  readonly operator: ConditionOperator;
  /** The condition key as written (`aws:SourceIp`). */
  readonly key: string;
  /** The policy values in their JSON text form. */
  readonly values: readonly string[];
  /** Evaluates the clause against a request. */
  readonly test: (context: PreparedContext) => boolean;
}

function compileValueTest(
  family: Exclude<ConditionFamily, 'Null'>,
  comparison: Comparison,
  values: readonly PolicyValue[],
  variables: boolean,
): ValueTest {
  switch (family) {
    case 'String':
    case 'StringIgnoreCase':
    case 'StringLike':
      return compileStringTest(family, values, variables);
    case 'Numeric':
      return compileNumericTest(comparison, values);
    case 'Date':
      return compileDateTest(comparison, values);
    case 'Bool':
      return compileBoolTest(values, variables);
    case 'Binary':
      return compileBinaryTest(values);
    case 'IpAddress':
      return compileIpTest(values);
    case 'Arn':
      return compileArnTest(values, variables);
  }
}

function compileNullTest(lowerKey: string, values: readonly PolicyValue[]): (context: PreparedContext) => boolean {
  const expectations = new Set(values.map(parseBoolean));
  return (context) => expectations.has(contextValues(context, lowerKey) === undefined);
}

/**
 * Compiles one clause. Semantics, following the IAM reference:
 * - a key with several policy values matches when any value matches;
 * - negated operators hold when no policy value matches;
 * - a missing key (or an empty set) makes the clause false, except with
 *   `...IfExists` (true), `ForAllValues:` (true) and an unqualified negated
 *   operator (true); `ForAnyValue:` on a missing key is false;
 * - `ForAnyValue:` needs one context value to satisfy the operator,
 *   `ForAllValues:` needs all of them; without a qualifier, a multi-valued
 *   key behaves like `ForAnyValue:` for positive operators and requires every
 *   value to pass for negated ones.
 */
export function compileClause(operator: ConditionOperator, key: string, rawValues: unknown, path: string, variables: boolean): ConditionClause {
  const values = expectScalarList(rawValues, path);
  const lowerKey = key.toLowerCase();
  const texts = values.map((value) => value.value);
  if (operator.family === 'Null') return { operator, key, values: texts, test: compileNullTest(lowerKey, values) };
  const valueTest = compileValueTest(operator.family, operator.comparison, values, variables);
  const { negated, ifExists, qualifier } = operator;
  const whenMissing = ifExists || qualifier === 'ForAllValues' || (qualifier === undefined && negated);
  const requireAll = qualifier === 'ForAllValues' || (qualifier === undefined && negated);
  const test = (context: PreparedContext): boolean => {
    const actual = contextValues(context, lowerKey);
    if (actual === undefined) return whenMissing;
    if (requireAll) {
      for (const value of actual) if (valueTest(value, context) === negated) return false;
      return true;
    }
    for (const value of actual) if (valueTest(value, context) !== negated) return true;
    return false;
  };
  return { operator, key, values: texts, test };
}
