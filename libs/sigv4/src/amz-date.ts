const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Parses an ISO 8601 basic timestamp (`20130524T000000Z`) to epoch milliseconds, or undefined when malformed. */
export function parseAmzDate(value: string): number | undefined {
  if (!ISO_BASIC.test(value)) return undefined;
  const time = Date.parse(value.replace(ISO_BASIC, '$1-$2-$3T$4:$5:$6Z'));
  return !Number.isNaN(time) && formatAmzDate(time) === value ? time : undefined;
}

/** Parses an HTTP `Date` header (IMF-fixdate, e.g. `Fri, 24 May 2013 00:00:00 GMT`) to epoch milliseconds. */
export function parseHttpDate(value: string): number | undefined {
  if (!/GMT$/.test(value.trim())) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** Formats epoch milliseconds as an ISO 8601 basic timestamp (`20130524T000000Z`), as the string to sign needs. */
export function formatAmzDate(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Formats epoch milliseconds as S3 writes a time in an error (`2013-05-24T00:00:00Z`): ISO 8601 in whole seconds. */
export function formatIsoSeconds(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
