/** A date as HTTP headers carry it (`Tue, 15 Nov 1994 08:12:31 GMT`). */
export function formatHttpDate(date: Date): string {
  return date.toUTCString();
}

/** Parses an HTTP date (or any date `Date.parse` reads); undefined when it is not one. */
export function parseHttpDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time);
}
