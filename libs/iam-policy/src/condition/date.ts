import { PolicyError } from '../policy-error';
import type { Comparison } from './operator';
import { compareNumbers, type PolicyValue, type ValueTest } from './value-test';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH_SECONDS = /^\d+(?:\.\d+)?$/;
const YEAR_MONTH = /^\d{4}-\d{2}$/;

/**
 * Parses a date the way the Date operators accept it: ISO 8601
 * (`2026-01-31`, `2026-01-31T12:00:00Z`, `2026-01-31T13:00:00+01:00`) or
 * epoch seconds (`1769860800`). A date-time without an offset is read in
 * UTC, never in the server's time zone (which made one policy mean
 * different times on different machines); what is accepted is what
 * JavaScript's Date takes, as before, so that every policy stored earlier
 * still loads (it rolls `2026-02-30` over into March). Returns epoch
 * milliseconds, or `undefined`.
 */
export function parseDate(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) return Number(text) * 1000;
  const parts = ISO_8601.exec(text);
  if (parts === null) return undefined;
  const inUtc = parts[1] !== undefined && parts[2] === undefined ? `${text}Z` : text;
  const millis = Date.parse(inUtc);
  return Number.isNaN(millis) ? undefined : millis;
}

/**
 * Parses a Date value of a policy: {@link parseDate}, and the W3C profile's
 * year-and-month form (`2026-01`: its first day, 00:00 UTC), which the IAM
 * reference names among the forms Date values take. Policy values only, so
 * that request values compare as they always did.
 */
function parsePolicyDate(text: string): number | undefined {
  return parseDate(YEAR_MONTH.test(text) ? `${text}-01` : text);
}

/** Compiles the Date operators; policy values are parsed once, here. */
export function compileDateTest(comparison: Comparison, values: readonly PolicyValue[]): ValueTest {
  const expected = values.map(({ value, path }) => {
    const parsed = parsePolicyDate(value);
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
