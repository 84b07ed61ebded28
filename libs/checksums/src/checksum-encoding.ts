import { digestLength, type ChecksumAlgorithm } from './checksum-algorithm';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A digest as S3 sends it in `x-amz-checksum-*` headers and XML: standard base64, padded. */
export function encodeChecksum(digest: Uint8Array): string {
  return Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength).toString('base64');
}

/**
 * Reads a checksum value a client sent (a header, a trailer, a part in
 * CompleteMultipartUpload): strict, canonical padded base64 of exactly one
 * digest of `algorithm` (`y/Q5Jh==`, whose last character sets bits the
 * digest does not have, is not `y/Q5Jg==`). Returns undefined for anything
 * else, so the caller answers with S3's InvalidRequest / InvalidDigest
 * rather than a mismatch.
 */
export function decodeChecksum(algorithm: ChecksumAlgorithm, value: string): Buffer | undefined {
  if (!BASE64.test(value)) return undefined;
  const digest = Buffer.from(value, 'base64');
  return digest.length === digestLength(algorithm) && encodeChecksum(digest) === value ? digest : undefined;
}
