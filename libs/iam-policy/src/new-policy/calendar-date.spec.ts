import { isCalendarDate } from './calendar-date';

describe('isCalendarDate', () => {
  it.each(['2026-02-28', '2028-02-29', '2000-02-29', '0000-02-29', '2026-12-31T23:59:59Z', '2026-01', '1769860800', 'not a date'])('takes %s (left to the Date operator grammar)', (text) => {
    expect(isCalendarDate(text)).toBe(true);
  });

  it.each(['2026-02-29', '1900-02-29', '2026-02-30T00:00:00Z', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00'])('refuses %s', (text) => {
    expect(isCalendarDate(text)).toBe(false);
  });
});
