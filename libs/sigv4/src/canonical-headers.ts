import { headerText } from './header-text';
import type { SigV4Headers } from './request';

/** User metadata: the only headers whose values are Unicode text (S3 stores them decoded, see {@link headerText}). */
const METADATA_PREFIX = 'x-amz-meta-';

function trimAll(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

function canonicalValue(headers: SigV4Headers, name: string): string {
  const value = headers[name] ?? (name === 'host' ? headers[':authority'] : undefined);
  if (value === undefined) return '';
  const text = name.startsWith(METADATA_PREFIX) ? headerText : (raw: string) => raw;
  return typeof value === 'string' ? trimAll(text(value)) : value.map((one) => trimAll(text(one))).join(',');
}

/**
 * The canonical headers block: one `name:value\n` line per signed header, in
 * the order the client listed them, values trimmed with inner runs of
 * whitespace collapsed to one space and repeated values joined with `,`.
 * Values are read one character per byte (as node:http gives them), but
 * `x-amz-meta-*` values are read as text ({@link headerText}: raw UTF-8 as
 * UTF-8): their two byte forms then sign alike, and the gateway stores both
 * as the same text. Every other header is signed byte for byte, so no
 * signature covers two byte forms that a command would read differently. A signed header the request lacks signs as empty (and so
 * fails the signature). HTTP/2 requests carry `:authority` in place of `host`.
 */
export function canonicalHeaders(headers: SigV4Headers, signedHeaders: readonly string[]): string {
  return signedHeaders.map((name) => `${name}:${canonicalValue(headers, name)}\n`).join('');
}
