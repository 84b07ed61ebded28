import { ALGORITHM, sha256Hex } from './signing';

/** The six parts of a SigV4 canonical request, each already in canonical form. */
export interface CanonicalRequestParts {
  readonly method: string;
  readonly uri: string;
  readonly query: string;
  /** `name:value\n` lines, as {@link canonicalHeaders} builds them. */
  readonly headers: string;
  readonly signedHeaders: readonly string[];
  /** Hex SHA-256 of the body, or one of the `x-amz-content-sha256` literals. */
  readonly payloadHash: string;
}

/** Joins the parts into the canonical request: method, URI, query, headers (with their own trailing newline), signed headers, payload hash. */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return [parts.method, parts.uri, parts.query, parts.headers, parts.signedHeaders.join(';'), parts.payloadHash].join('\n');
}

/** The string to sign: algorithm, request timestamp, credential scope and the hex SHA-256 of the canonical request. */
export function requestStringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}
