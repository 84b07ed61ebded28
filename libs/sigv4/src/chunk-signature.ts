import { EMPTY_SHA256 } from './signing';

/** What chunk and trailer signatures are chained from: the request's signing key, timestamp, scope and seed signature. */
export interface ChunkSigningContext {
  readonly signingKey: Buffer;
  /** The request timestamp as signed, `20130524T000000Z`. */
  readonly amzDate: string;
  /** `<YYYYMMDD>/<region>/<service>/aws4_request`. */
  readonly scope: string;
  /** The signature of the request itself: the first "previous signature". */
  readonly seedSignature: string;
}

/** The string to sign of one aws-chunked chunk, chained to the previous chunk's signature (the seed for the first). */
export function chunkStringToSign(context: ChunkSigningContext, previousSignature: string, chunkSha256: string): string {
  return ['AWS4-HMAC-SHA256-PAYLOAD', context.amzDate, context.scope, previousSignature, EMPTY_SHA256, chunkSha256].join('\n');
}

/**
 * The canonical form of trailing headers that the trailer signature covers:
 * `name:value\n` per header, sorted by name.
 */
export function canonicalTrailers(trailers: ReadonlyMap<string, string>): string {
  return [...trailers]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value}\n`)
    .join('');
}

/** The string to sign of the trailing headers, chained to the final (zero-length) chunk's signature. */
export function trailerStringToSign(context: ChunkSigningContext, previousSignature: string, trailersSha256: string): string {
  return ['AWS4-HMAC-SHA256-TRAILER', context.amzDate, context.scope, previousSignature, trailersSha256].join('\n');
}
