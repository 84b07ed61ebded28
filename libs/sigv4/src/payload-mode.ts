import { isChecksumTrailerName, type ChecksumTrailerName } from './checksums';
import { headerValue, type SigV4Headers } from './request';
import { SigV4Error } from './sigv4-error';

/** `x-amz-content-sha256` for a payload the signature does not cover. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** `x-amz-content-sha256` for an aws-chunked body with a signature on every chunk. */
export const STREAMING_SIGNED_PAYLOAD = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
/** `x-amz-content-sha256` for signed chunks followed by signed trailing headers. */
export const STREAMING_SIGNED_PAYLOAD_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
/** `x-amz-content-sha256` for unsigned chunks followed by unsigned trailing headers. */
export const STREAMING_UNSIGNED_PAYLOAD_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

/** An `x-amz-content-sha256` that is a SHA-256 digest, in hex of either case. */
export const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** How the body of a request is protected, and so how it must be read. */
export type PayloadMode =
  /** The body's SHA-256 was signed: it is checked as the body streams. */
  | { readonly kind: 'sha256'; readonly sha256: string }
  /** The body is not covered by the signature. */
  | { readonly kind: 'unsigned' }
  /** The body is aws-chunked: chunk framing (signed or not) and optionally one trailing checksum. */
  | {
      readonly kind: 'aws-chunked';
      readonly signed: boolean;
      readonly trailer: ChecksumTrailerName | undefined;
      /** `x-amz-decoded-content-length`: the real length of the payload. */
      readonly decodedContentLength: number;
    };

function missingHeader(name: string): SigV4Error {
  return new SigV4Error('MissingSecurityHeader', 'Your request was missing a required header', {
    details: { MissingHeaderName: name },
  });
}

function invalidHeader(name: string, value: string, message: string): SigV4Error {
  return new SigV4Error('InvalidArgument', message, { details: { ArgumentName: name, ArgumentValue: value } });
}

function decodedContentLength(headers: SigV4Headers): number {
  const value = headerValue(headers, 'x-amz-decoded-content-length');
  if (value === undefined) throw missingHeader('x-amz-decoded-content-length');
  if (!/^\d{1,15}$/.test(value)) {
    throw invalidHeader('x-amz-decoded-content-length', value, 'x-amz-decoded-content-length must be a non-negative integer');
  }
  return Number(value);
}

function declaredTrailer(headers: SigV4Headers, expected: boolean): ChecksumTrailerName | undefined {
  const value = headerValue(headers, 'x-amz-trailer');
  if (!expected) {
    if (value !== undefined) throw invalidHeader('x-amz-trailer', value, 'x-amz-trailer requires a -TRAILER x-amz-content-sha256');
    return undefined;
  }
  if (value === undefined) throw missingHeader('x-amz-trailer');
  const name = value.trim().toLowerCase();
  if (!isChecksumTrailerName(name)) {
    throw invalidHeader('x-amz-trailer', value, 'The value specified in the x-amz-trailer header is not supported');
  }
  return name;
}

/**
 * Reads `x-amz-content-sha256` (with `x-amz-decoded-content-length` and
 * `x-amz-trailer` for aws-chunked bodies) into a {@link PayloadMode}.
 * `allowSignedChunks` is false where no seed signature exists (presigned and
 * anonymous requests).
 */
export function parsePayloadMode(contentSha256: string, headers: SigV4Headers, allowSignedChunks: boolean): PayloadMode {
  if (SHA256_HEX.test(contentSha256)) return { kind: 'sha256', sha256: contentSha256.toLowerCase() };
  if (contentSha256 === UNSIGNED_PAYLOAD) return { kind: 'unsigned' };
  const signed = contentSha256 === STREAMING_SIGNED_PAYLOAD || contentSha256 === STREAMING_SIGNED_PAYLOAD_TRAILER;
  const trailing = contentSha256 === STREAMING_SIGNED_PAYLOAD_TRAILER || contentSha256 === STREAMING_UNSIGNED_PAYLOAD_TRAILER;
  if ((signed && allowSignedChunks) || contentSha256 === STREAMING_UNSIGNED_PAYLOAD_TRAILER) {
    return {
      kind: 'aws-chunked',
      signed,
      trailer: declaredTrailer(headers, trailing),
      decodedContentLength: decodedContentLength(headers),
    };
  }
  if (signed) {
    throw invalidHeader('x-amz-content-sha256', contentSha256, `${contentSha256} is only valid with the Authorization header`);
  }
  throw invalidHeader(
    'x-amz-content-sha256',
    contentSha256,
    `x-amz-content-sha256 must be ${UNSIGNED_PAYLOAD}, ${STREAMING_UNSIGNED_PAYLOAD_TRAILER}, ${STREAMING_SIGNED_PAYLOAD}, ${STREAMING_SIGNED_PAYLOAD_TRAILER} or a valid sha256 value.`,
  );
}
