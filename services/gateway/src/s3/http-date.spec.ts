import { parseHttpDate } from './http-date';

describe('parseHttpDate', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  const moment = '1994-11-06T08:49:37.000Z';

  it('reads the three HTTP-date forms, in UTC, and ISO 8601 with a zone', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', now)?.toISOString()).toBe(moment);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', now)?.toISOString()).toBe(moment);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', now)?.toISOString()).toBe(moment);
    expect(parseHttpDate('1994-11-06T08:49:37Z', now)?.toISOString()).toBe(moment);
    expect(parseHttpDate('1994-11-06T10:49:37+02:00', now)?.toISOString()).toBe(moment);
    expect(parseHttpDate('Fri, 27 Nov 2026 20:47:39 GMT', now)?.toISOString()).toBe('2026-11-27T20:47:39.000Z');
  });

  it("reads the RFC 2822 spellings of UTC and a one-digit day (Python's email.utils.formatdate)", () => {
    for (const text of ['Sun, 06 Nov 1994 08:49:37 -0000', 'Sun, 06 Nov 1994 08:49:37 +0000', 'Sun, 6 Nov 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 08:49:37 UTC']) {
      expect(parseHttpDate(text, now)?.toISOString()).toBe(moment);
    }
  });

  it('reads a two-digit year more than 50 years ahead as the past century', () => {
    expect(parseHttpDate('Friday, 01-Jan-76 00:00:00 GMT', now)?.getUTCFullYear()).toBe(2076);
    expect(parseHttpDate('Friday, 01-Jan-77 00:00:00 GMT', now)?.getUTCFullYear()).toBe(1977);
  });

  it('ignores what is not such a date, where Date.parse guessed', () => {
    for (const text of ['1', '0', 'x 1', '2000', '12/31/2000', 'Fri Nov 27 20:47:39 2026 GMT+0500', '2026-11-27T20:47:39', 'Sun, 31 Feb 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 24:00:00 GMT', 'Sun, 06 Nov 1994 08:49:37 PST', 'Sun, 06 Nov 1994 08:49:37 +0100', '2024-02-30T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '']) {
      expect(parseHttpDate(text, now)).toBeUndefined();
    }
    expect(parseHttpDate(undefined)).toBeUndefined();
  });
});
