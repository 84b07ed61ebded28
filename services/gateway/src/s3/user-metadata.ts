import { headerText } from '@strongroom/sigv4';
import type { IncomingHttpHeaders } from 'node:http';
import { decodeEncodedWords, encodeEncodedWords } from './rfc2047';

/** What names a user metadata header: `x-amz-meta-<name>`. */
export const META_PREFIX = 'x-amz-meta-';

const ASCII = /^[\x00-\x7f]*$/;
/** A C0 control character other than HTAB, or DEL: never in a metadata value. */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

/**
 * The Unicode text a user metadata header carries, as S3 stores it: the
 * header's bytes read as UTF-8 where they are UTF-8, else one character
 * per byte (`headerText`, as SigV4 reads them to check the signature),
 * then RFC 2047 encoded-words decoded. Every write that takes metadata
 * (PutObject, POST forms, CopyObject with REPLACE, CreateMultipartUpload)
 * reads it through here.
 */
export function decodeMetadataValue(raw: string): string {
  return decodeEncodedWords(headerText(raw));
}

/** The user metadata of `x-amz-meta-*` headers: names lower case without the prefix, values decoded ({@link decodeMetadataValue}). */
export function metadataFromHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith(META_PREFIX) || name.length === META_PREFIX.length || value === undefined) continue;
    metadata.push([name.slice(META_PREFIX.length), decodeMetadataValue(Array.isArray(value) ? value.join(',') : value)]);
  }
  // fromEntries defines each name as the object's own, `__proto__` included; an assignment would drop that one.
  return Object.fromEntries(metadata);
}

/**
 * The request's headers with each repeated `x-amz-meta-*` header joined
 * with `,`, as S3 stores it and SigV4 signs it; node:http joins them with
 * `, `. Every other header is as node:http read it.
 */
export function joinRepeatedMetadata(headers: IncomingHttpHeaders, distinct: NodeJS.Dict<string[]>): IncomingHttpHeaders {
  const joined: IncomingHttpHeaders = { ...headers };
  for (const [name, values] of Object.entries(distinct)) {
    if (name.startsWith(META_PREFIX) && values !== undefined && values.length > 1) joined[name] = values.join(',');
  }
  return joined;
}

/**
 * The value a header carrying `text` in UTF-8 has as Node reads it (one
 * character per byte): what a POST form's metadata field becomes, so that
 * it is read as the same text sent in a PutObject's header would be.
 */
export function asHeaderValue(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** True when `text` may be a metadata value: Unicode without control characters (HTAB allowed). */
export function isMetadataText(text: string): boolean {
  return !CONTROL.test(text);
}

/**
 * The `x-amz-meta-*` response headers of stored metadata: ASCII values as
 * they are, any other value RFC 2047 encoded (`=?UTF-8?B?...?=` words), as
 * S3 sends them on GET and HEAD.
 */
export function metadataHeaders(metadata: Readonly<Record<string, string>>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata)) headers[`${META_PREFIX}${name}`] = ASCII.test(value) ? value : encodeEncodedWords(value);
  return headers;
}
