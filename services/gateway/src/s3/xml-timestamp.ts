/**
 * A time as S3's XML documents carry it (LastModified, Initiated): ISO 8601
 * in UTC, truncated to the whole second (`2024-05-01T10:59:21.000Z`), the
 * same second the `Last-Modified` header of the object shows. Undefined stays
 * undefined, so the element is left out.
 */
export function xmlTimestamp(date: Date | undefined): string | undefined {
  if (date === undefined) return undefined;
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
}
