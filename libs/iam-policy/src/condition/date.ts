import { PolicyError } from '../policy-error';
import type { Comparison } from './operator';
import { compareNumbers, type PolicyValue, type ValueTest } from './value-test';

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/;
const EPOCH_SECONDS = /^\d+(?:\.\d+)?$/;

/**
 * Epoch milliseconds of an ISO 8601 date or date-time, read in UTC when it
 * names no offset (never in the server's time zone, which would make a
 * policy mean different times on different machines); `undefined` for a
 * day, hour, minute or second out of range (JavaScript's Date would roll
 * `2026-02-30` over into March).
 */
function parseIso8601(text: string): number | undefined {
  const parts = ISO_8601.exec(text);
  if (parts === null) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = parts.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part)));
  const whole = Date.UTC(year!, month! - 1, day, hour, minute, second);
  const date = new Date(whole);
  const inRange =
    date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  if (!inRange) return undefined;
  const fractionMs = parts[7] === undefined ? 0 : Number(`0${parts[7]}`) * 1000;
  const offsetMinutes = parts[9] === undefined ? 0 : (parts[9] === '-' ? -1 : 1) * (Number(parts[10]) * 60 + Number(parts[11]));
  return whole + fractionMs - offsetMinutes * 60_000;
}

/**
 * Parses a date the way the Date operators accept it: ISO 8601
 * (`2026-01-31`, `2026-01-31T12:00:00Z`, `2026-01-31T13:00:00+01:00`;
 * UTC when no offset is given) or epoch seconds (`1769860800`). Returns
 * epoch milliseconds, or `undefined`.
 */
export function parseDate(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) return Number(text) * 1000;
  return parseIso8601(text);
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
