import { PolicyError } from '../policy-error';
import type { Comparison } from './operator';
import { compareNumbers, type PolicyValue, type ValueTest } from './value-test';

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)$/;

/** Parses a decimal number as IAM writes it; `undefined` for anything else. */
export function parseDecimal(text: string): number | undefined {
  return NUMBER.test(text.trim()) ? Number(text) : undefined;
}

/** Compiles the Numeric operators; policy values are parsed once, here. */
export function compileNumericTest(comparison: Comparison, values: readonly PolicyValue[]): ValueTest {
  const expected = values.map(({ value, path }) => {
    const parsed = parseDecimal(value);
    if (parsed === undefined) throw new PolicyError(path, `"${value}" is not a number`);
    return parsed;
  });
  return (actual) => {
    const number = parseDecimal(actual);
    if (number === undefined) return false;
    for (const value of expected) if (compareNumbers(comparison, number, value)) return true;
    return false;
  };
}
