import { S3Error } from './errors';

/** Between the bucket and the position in a token: neither a bucket name nor a key holds a NUL. */
const SEPARATOR = '\u0000';

/**
 * An opaque ListObjectsV2 continuation token for where the next page of
 * `bucket` starts: the base64 of the bucket's name and the position, so a
 * token is good for the bucket it came from only, as S3's are.
 */
export function encodeContinuationToken(bucket: string, startAfter: string): string {
  return Buffer.from(`${bucket}${SEPARATOR}${startAfter}`, 'utf8').toString('base64');
}

/** The position a continuation token names in `bucket`; InvalidArgument when it is not one of ours for that bucket. */
export function decodeContinuationToken(bucket: string, token: string): string {
  const decoded = /^[A-Za-z0-9+/]*={0,2}$/.test(token) && token.length % 4 === 0 ? Buffer.from(token, 'base64').toString('utf8') : '';
  const prefix = `${bucket}${SEPARATOR}`;
  const startAfter = decoded.startsWith(prefix) ? decoded.slice(prefix.length) : '';
  if (startAfter === '' || startAfter.includes(SEPARATOR) || encodeContinuationToken(bucket, startAfter) !== token) {
    throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', { ArgumentName: 'continuation-token', ArgumentValue: token });
  }
  return startAfter;
}
