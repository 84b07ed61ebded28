const DATE_PART = /^(\d{4})-(\d{2})-(\d{2})(?:T|$)/;

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * True unless `text` starts with a `YYYY-MM-DD` that names no day of the
 * calendar (`2026-02-30`, `2026-13-01`). The Date operators take ISO 8601
 * dates, and ISO 8601 has no 30 February; JavaScript's Date, which reads
 * them, rolls such a day over into the next month instead of refusing it.
 */
export function isCalendarDate(text: string): boolean {
  const parts = DATE_PART.exec(text);
  if (parts === null) return true;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
