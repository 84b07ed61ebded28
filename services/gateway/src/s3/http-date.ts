/** A date as HTTP headers carry it (`Tue, 15 Nov 1994 08:12:31 GMT`). */
export function formatHttpDate(date: Date): string {
  return date.toUTCString();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

/**
 * IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`: day, month, year, time. Also
 * the RFC 2822 spellings of UTC some clients send (`+0000`, `-0000`, as
 * Python's `email.utils.formatdate` writes) and a one-digit day.
 */
const IMF_FIXDATE = new RegExp(`^(?:mon|tue|wed|thu|fri|sat|sun), (\\d{1,2}) ${MONTH} (\\d{4}) ${TIME} (?:GMT|UTC|[+-]0000)$`, 'i');
/** RFC 850, `Sunday, 06-Nov-94 08:49:37 GMT`: day, month, two-digit year, time. */
const RFC_850 = new RegExp(`^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`, 'i');
/** asctime, `Sun Nov  6 08:49:37 1994`: month, day, time, year. */
const ASCTIME = new RegExp(`^(?:mon|tue|wed|thu|fri|sat|sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`, 'i');
/** ISO 8601 with its zone, `1994-11-06T08:49:37Z`, which some clients send: year, month, day, time. */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i;

/** RFC 9110: a two-digit year more than 50 years ahead is the most recent past year ending in those digits. */
function fullYear(twoDigits: string, now: Date): number {
  const year = Math.floor(now.getUTCFullYear() / 100) * 100 + Number(twoDigits);
  return year > now.getUTCFullYear() + 50 ? year - 100 : year;
}

/** The UTC date of these fields, or undefined when they name no real moment (31 Feb, 25:00). */
function utcDate(year: number, month: string, day: string, hours: string, minutes: string, seconds: string): Date | undefined {
  const monthIndex = MONTHS.indexOf(month.toLowerCase());
  if (monthIndex < 0) return undefined;
  const date = new Date(Date.UTC(year, monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds)));
  const exact = date.getUTCDate() === Number(day) && date.getUTCHours() === Number(hours) && date.getUTCMinutes() === Number(minutes) && date.getUTCSeconds() === Number(seconds);
  return exact && year >= 1000 ? date : undefined;
}

/**
 * Parses an HTTP date in any of the three forms HTTP allows (IMF-fixdate,
 * RFC 850, asctime), each in UTC, or an ISO 8601 date-time with its zone;
 * undefined for anything else. `Date.parse` read far more (`1` as 2001, a
 * zoneless date in the server's local time), and S3 ignores a conditional
 * header whose date does not parse rather than guessing.
 */
export function parseHttpDate(value: string | undefined, now: Date = new Date()): Date | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  let match = IMF_FIXDATE.exec(text);
  if (match !== null) return utcDate(Number(match[3]), match[2]!, match[1]!, match[4]!, match[5]!, match[6]!);
  match = RFC_850.exec(text);
  if (match !== null) return utcDate(fullYear(match[3]!, now), match[2]!, match[1]!, match[4]!, match[5]!, match[6]!);
  match = ASCTIME.exec(text);
  if (match !== null) return utcDate(Number(match[6]), match[1]!, match[2]!.trim(), match[3]!, match[4]!, match[5]!);
  match = ISO_8601.exec(text);
  if (match === null || utcDate(Number(match[1]), MONTHS[Number(match[2]) - 1] ?? '', match[3]!, match[4]!, match[5]!, match[6]!) === undefined) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time);
}
