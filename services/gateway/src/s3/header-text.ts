/** An HTTP field name (RFC 9110 token). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What an HTTP field value may hold: HTAB, space, visible ASCII and obs-text (0x80-0xFF). */
const FIELD_VALUE = /^[\t\x20-\x7E\x80-\xFF]*$/;

/** True when `name` can be an HTTP header's name. */
export function isHeaderName(name: string): boolean {
  return TOKEN.test(name);
}

/** True when `value` can be sent as an HTTP header's value: no control character (but HTAB), nothing beyond U+00FF. */
export function isHeaderValue(value: string): boolean {
  return FIELD_VALUE.test(value);
}
