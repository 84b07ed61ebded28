import { createChecksum, encodeChecksum, parseChecksumAlgorithm } from '@strongroom/checksums';
import type { TrailingChecksum } from '@strongroom/sigv4';
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { requestChecksum } from './checksum-headers';
import { S3Error } from './errors';

/** Checks a Content-MD5 header's form: base64 of 16 bytes (InvalidDigest otherwise). */
function checkContentMd5Form(value: string): void {
  if (!/^[A-Za-z0-9+/]{22}==$/.test(value)) throw new S3Error('InvalidDigest', undefined, { 'Content-MD5': value });
}

/** Which digests {@link verifyBodyDigests} expects. */
export interface BodyDigestOptions {
  /** Content-MD5 or a checksum must be sent (DeleteObjects). @default false */
  readonly required?: boolean;
  /** False when an `x-amz-checksum-*` header is not the body's but the object's (CompleteMultipartUpload). @default true */
  readonly checksumHeaderIsBody?: boolean;
}

/**
 * Verifies a small body read whole against every digest the client sent:
 * Content-MD5, an `x-amz-checksum-*` header (when it is the body's), a
 * trailing checksum the decoder could not check itself; a Content-MD5
 * mismatch is BadDigest naming both digests. When `required`, one of them
 * must be present, as S3 requires.
 */
export function verifyBodyDigests(headers: IncomingHttpHeaders, bytes: Buffer, trailer: TrailingChecksum | undefined, options: BodyDigestOptions = {}): void {
  const { required = false, checksumHeaderIsBody = true } = options;
  const md5Header = headers['content-md5'];
  const md5 = Array.isArray(md5Header) ? md5Header.join(',') : md5Header;
  const checksum = checksumHeaderIsBody ? requestChecksum(headers) : undefined;
  if (required && md5 === undefined && checksum === undefined && trailer === undefined) {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: Content-MD5 OR x-amz-checksum-*');
  }
  if (md5 !== undefined) {
    checkContentMd5Form(md5);
    const calculated = createHash('md5').update(bytes).digest('base64');
    // Both digests in base64, the calculated one first, as S3 answered a PutBucketTagging (quoted in versity/versitygw#1525) and a DeleteObjects (minio/minio-js#982).
    if (calculated !== md5) throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', { CalculatedDigest: calculated, ExpectedDigest: md5 });
  }
  const pending = [checksum, trailer !== undefined && !trailer.verified ? { name: parseChecksumAlgorithm(trailer.algorithm), value: trailer.value } : undefined];
  for (const expected of pending) {
    if (expected?.name === undefined) continue;
    const actual = encodeChecksum(createChecksum(expected.name).update(bytes).digest());
    if (actual !== expected.value) {
      throw new S3Error('BadDigest', `The ${expected.name} you specified did not match the calculated checksum.`);
    }
  }
}
