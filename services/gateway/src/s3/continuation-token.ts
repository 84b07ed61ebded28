import { S3Error } from './errors';

/** Between the scope and the position in a token: no bucket name, account id or key holds a NUL. */
const SEPARATOR = '\u0000';

/**
 * An opaque continuation token for where the next page of a listing
 * starts: the base64 of its scope (the bucket for ListObjectsV2, the
 * account for ListBuckets) and the position, so a token is good for the
 * listing it came from only, as S3's are.
 */
export function encodeContinuationToken(scope: string, startAfter: string): string {
  return Buffer.from(`${scope}${SEPARATOR}${startAfter}`, 'utf8').toString('base64');
}

/**
 * The position a continuation token names in `scope`; InvalidArgument when
 * it is not one of ours for that scope, naming the argument but not its
 * value, as S3 answers it.
 */
export function decodeContinuationToken(scope: string, token: string): string {
  const decoded = /^[A-Za-z0-9+/]*={0,2}$/.test(token) && token.length % 4 === 0 ? Buffer.from(token, 'base64').toString('utf8') : '';
  const prefix = `${scope}${SEPARATOR}`;
  const startAfter = decoded.startsWith(prefix) ? decoded.slice(prefix.length) : '';
  if (startAfter === '' || startAfter.includes(SEPARATOR) || encodeContinuationToken(scope, startAfter) !== token) {
    throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', { ArgumentName: 'continuation-token' });
  }
  return startAfter;
}
