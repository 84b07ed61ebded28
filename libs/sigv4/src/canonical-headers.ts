import { headerText } from './header-text';
import type { SigV4Headers } from './request';

function trimAll(value: string): string {
  return headerText(value).trim().replace(/\s+/g, ' ');
}

function canonicalValue(headers: SigV4Headers, name: string): string {
  const value = headers[name] ?? (name === 'host' ? headers[':authority'] : undefined);
  if (value === undefined) return '';
  return typeof value === 'string' ? trimAll(value) : value.map(trimAll).join(',');
}

/**
 * The canonical headers block: one `name:value\n` line per signed header, in
 * the order the client listed them, values read as text (raw UTF-8 as
 * UTF-8, other bytes one character each: see {@link headerText}), trimmed
 * with inner runs of whitespace collapsed to one space and repeated values
 * joined with `,`. A signed header the request lacks signs as empty (and so
 * fails the signature). HTTP/2 requests carry `:authority` in place of `host`.
 */
export function canonicalHeaders(headers: SigV4Headers, signedHeaders: readonly string[]): string {
  return signedHeaders.map((name) => `${name}:${canonicalValue(headers, name)}\n`).join('');
}
