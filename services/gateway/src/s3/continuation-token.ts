import { S3Error } from './errors';

/** An opaque ListObjectsV2 continuation token for where the next page starts. */
export function encodeContinuationToken(startAfter: string): string {
  return Buffer.from(startAfter, 'utf8').toString('base64');
}

/** The position a continuation token names; InvalidArgument when it is not one of ours (no key holds a NUL). */
export function decodeContinuationToken(token: string): string {
  const decoded = /^[A-Za-z0-9+/]*={0,2}$/.test(token) && token.length % 4 === 0 ? Buffer.from(token, 'base64').toString('utf8') : '';
  if (decoded === '' || decoded.includes('\u0000') || encodeContinuationToken(decoded) !== token) {
    throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', { ArgumentName: 'continuation-token', ArgumentValue: token });
  }
  return decoded;
}
