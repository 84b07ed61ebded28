/**
 * Request headers by lower-case name. A repeated header is an array of its
 * values in order (node:http's `req.headersDistinct`), which SigV4 joins with
 * `,`; a single string is taken as one value.
 */
export type SigV4Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A request to authenticate, framework-free and exactly as it arrived. */
export interface SigV4Request {
  /** The HTTP method, e.g. `GET`. */
  readonly method: string;
  /** The raw path as on the wire, still percent-encoded (node:http's `req.url` up to `?`). */
  readonly path: string;
  /** The raw query string after `?`, still encoded; empty when there is none. */
  readonly query: string;
  /** The request headers. */
  readonly headers: SigV4Headers;
  /**
   * Hex SHA-256 of the body, for services other than S3 whose clients send no
   * `x-amz-content-sha256` (KMS's JSON API: the caller buffers the small body
   * and hashes it). Ignored when the header is present, except that a
   * different value is an XAmzContentSHA256Mismatch.
   */
  readonly bodySha256?: string;
}

/** The single value of a header (a repeated header's values joined with `,`), or undefined when absent. */
export function headerValue(headers: SigV4Headers, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.join(',');
}
