import { storageV1 } from '@strongroom/contracts';
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';

/** The header prefix of the object's own SSE-C key. */
export const CUSTOMER_KEY_HEADERS = 'x-amz-server-side-encryption-customer';
/** The header prefix of a copy source's SSE-C key. */
export const COPY_SOURCE_CUSTOMER_KEY_HEADERS = 'x-amz-copy-source-server-side-encryption-customer';

/** Which SSE-C header set: the object's own or a copy source's. */
export type CustomerKeyPrefix = typeof CUSTOMER_KEY_HEADERS | typeof COPY_SOURCE_CUSTOMER_KEY_HEADERS;

const KEY_BYTES = 32;
const MESSAGE = 'Requests specifying Server Side Encryption with Customer provided keys must';

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** An InvalidArgument naming the header; the value is never echoed (it may be the key). */
function invalid(message: string, name: string): S3Error {
  return new S3Error('InvalidArgument', message, { ArgumentName: name });
}

/** True when the request carries any SSE-C header (its own or a copy source's). */
export function hasCustomerKeyHeaders(headers: IncomingHttpHeaders): boolean {
  return Object.keys(headers).some((name) => name.startsWith(CUSTOMER_KEY_HEADERS) || name.startsWith(COPY_SOURCE_CUSTOMER_KEY_HEADERS));
}

/**
 * The SSE-C key of one header set (`<prefix>-algorithm`, `-key`, `-key-MD5`),
 * validated as S3 does (S3-SPEC 1.3): a missing key, algorithm or MD5, a key
 * that is not 256 bits and an MD5 that does not match are InvalidArgument;
 * an algorithm other than AES256 is InvalidEncryptionAlgorithmError.
 * Undefined when none of the three was sent.
 */
export function customerKeyFromHeaders(headers: IncomingHttpHeaders, prefix: CustomerKeyPrefix): storageV1.CustomerKey | undefined {
  const algorithm = single(headers, `${prefix}-algorithm`);
  const key = single(headers, `${prefix}-key`);
  const keyMd5 = single(headers, `${prefix}-key-md5`);
  if (algorithm === undefined && key === undefined && keyMd5 === undefined) return undefined;
  if (algorithm === undefined) throw invalid(`${MESSAGE} provide a valid encryption algorithm.`, `${prefix}-algorithm`);
  if (algorithm !== 'AES256') {
    throw new S3Error('InvalidEncryptionAlgorithmError', 'The encryption request you specified is not valid. The valid value is AES256.', {
      ArgumentName: `${prefix}-algorithm`,
      ArgumentValue: algorithm,
    });
  }
  if (key === undefined) throw invalid(`${MESSAGE} provide an appropriate secret key.`, `${prefix}-key`);
  const raw = Buffer.from(key, 'base64');
  if (raw.length !== KEY_BYTES || raw.toString('base64') !== key) {
    raw.fill(0);
    throw invalid('The secret key was invalid for the specified algorithm.', `${prefix}-key`);
  }
  if (keyMd5 === undefined) {
    raw.fill(0);
    throw invalid(`${MESSAGE} provide the client calculated MD5 of the secret key.`, `${prefix}-key-MD5`);
  }
  if (createHash('md5').update(raw).digest('base64') !== keyMd5) {
    raw.fill(0);
    throw invalid('The calculated MD5 hash of the key did not match the hash that was provided.', `${prefix}-key-MD5`);
  }
  return { algorithm, key: raw, keyMd5 };
}

/**
 * SSE-C only over TLS, as S3 does: any SSE-C header on a request that
 * `aws:SecureTransport` (as the gateway established it, trusted proxies
 * included) does not vouch for is 400 InvalidRequest.
 */
export function requireSecureCustomerKey(request: Pick<S3Request, 'headers' | 'requester'>): void {
  if (!hasCustomerKeyHeaders(request.headers)) return;
  if (request.requester.context['aws:SecureTransport']?.values[0] !== 'true') {
    throw new S3Error('InvalidRequest', `${MESSAGE} be made over a secure connection.`);
  }
}

/**
 * The SSE-C response headers S3 echoes for an SSE-C object: the algorithm
 * and the request's key MD5 (the key is never stored, so never its MD5
 * either). Nothing for other objects.
 */
export function customerKeyResponseHeaders(info: storageV1.EncryptionInfo | undefined, key: storageV1.CustomerKey | undefined): Record<string, string> {
  if (info?.algorithm !== storageV1.SseAlgorithm.CUSTOMER || key === undefined) return {};
  return { [`${CUSTOMER_KEY_HEADERS}-algorithm`]: key.algorithm, [`${CUSTOMER_KEY_HEADERS}-key-MD5`]: key.keyMd5 };
}

/**
 * A copy source's customer key (`x-amz-copy-source-server-side-encryption-customer-*`),
 * decoded after the destination's `decoded`: when it is malformed, the
 * destination's key is zeroed before the error goes up.
 */
export function sourceCustomerKeyAfter(decoded: storageV1.CustomerKey | undefined, headers: IncomingHttpHeaders): storageV1.CustomerKey | undefined {
  try {
    return customerKeyFromHeaders(headers, COPY_SOURCE_CUSTOMER_KEY_HEADERS);
  } catch (error) {
    wipeCustomerKeys(decoded);
    throw error;
  }
}

/** Zeroes the raw keys decoded from a request's headers once the call is made. */
function wipeCustomerKeys(...keys: readonly (storageV1.CustomerKey | undefined)[]): void {
  for (const key of keys) key?.key.fill(0);
}

/** The answer of a call that carried customer keys, once it settled; the keys are zeroed either way. */
export async function wipingAfter<T>(pending: Promise<T>, ...keys: readonly (storageV1.CustomerKey | undefined)[]): Promise<T> {
  try {
    return await pending;
  } finally {
    wipeCustomerKeys(...keys);
  }
}
