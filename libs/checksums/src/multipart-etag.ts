import { createHash } from 'node:crypto';

/**
 * The ETag S3 gives a multipart object: hex MD5 of the parts' raw MD5s
 * concatenated in part order, then `-<number of parts>` (without the quotes
 * that the ETag header adds).
 */
export function multipartEtag(partMd5s: readonly Uint8Array[]): string {
  if (partMd5s.length === 0) throw new RangeError('a multipart object has at least one part');
  if (partMd5s.some((digest) => digest.length !== 16)) throw new RangeError('an MD5 digest is 16 bytes');
  const hash = createHash('md5');
  for (const digest of partMd5s) hash.update(digest);
  return `${hash.digest('hex')}-${partMd5s.length}`;
}
