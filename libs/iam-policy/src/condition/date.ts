import { PolicyError } from '../policy-error';
import type { Comparison } from './operator';
import { compareNumbers, type PolicyValue, type ValueTest } from './value-test';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH_SECONDS = /^\d+(?:\.\d+)?$/;

/**
 * Parses a date the way the Date operators accept it: ISO 8601
 * (`2026-01-31`, `2026-01-31T12:00:00Z`) or epoch seconds (`1769860800`).
 * Returns epoch milliseconds, or `undefined`.
 */
export function parseDate(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) return Number(text) * 1000;
  if (!ISO_8601.test(text)) return undefined;
  const millis = Date.parse(text);
  return Number.isNaN(millis) ? undefined : millis;
}

/** Compiles the Date operators; policy values are parsed once, here. */
export function compileDateTest(comparison: Comparison, values: readonly PolicyValue[]): ValueTest {
  const expected = values.map(({ value, path }) => {
    const parsed = parseDate(value);
    if (parsed === undefined) throw new PolicyError(path, `"${value}" is not an ISO 8601 date or epoch time`);
    return parsed;
  });
  return (actual) => {
    const millis = parseDate(actual);
    if (millis === undefined) return false;
    for (const value of expected) if (compareNumbers(comparison, millis, value)) return true;
    return false;
  };
}
