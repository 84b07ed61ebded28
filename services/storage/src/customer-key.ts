import { ErrorReason, type storageV1 } from '@strongroom/contracts';
import { concatBytes, DATA_KEY_BYTES, opensslWrapCipher, streamIdFromUuid, unwrapKey, UnwrapError, wrapKey, type Random } from '@strongroom/crypto';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ActingRequester } from './requester';

/** Names what a customer-wrapped data key is, in its AAD. */
const WRAP_LABEL = new TextEncoder().encode('strongroom/storage/sse-c-data-key/v1');
/** Names what the stored HMAC is of. */
const CHECK_LABEL = new TextEncoder().encode('strongroom/storage/sse-c-key-check/v1');
const SALT_BYTES = 16;

/**
 * What is stored of an SSE-C key: never the key, only a salted HMAC that
 * lets a later request be checked before anything is decrypted, and the id
 * bound into the wrapped data key's AAD.
 */
export interface CustomerKeyCheck {
  /** A random per-object salt, base64. */
  readonly salt: string;
  /** HMAC-SHA256 keyed by the salt over a label and the key, base64. */
  readonly hmac: string;
  /** The id bound as AAD: the version's stream id, or a multipart upload's own. */
  readonly wrapId: string;
}

/** S3's message for a wrong customer key. */
const WRONG_KEY = 'Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.';

/**
 * Validates a request's SSE-C key (algorithm AES256, 256 bits, the MD5 as
 * given) and returns the raw key; undefined when none was given. As in
 * S3, an SSE-C request that came over plain HTTP or a plaintext network
 * path (`aws:SecureTransport` false: as the gateway saw it, or, for a
 * credential scoped to accounts, as storage sees its connection; a front
 * end that does not say is not held to it) is INVALID_REQUEST. The
 * messages are S3's; the key itself never appears in one.
 */
export function validateCustomerKey(key: storageV1.CustomerKey | undefined, field: string, requester: ActingRequester): Uint8Array | undefined {
  if (key === undefined) return undefined;
  if (requester.context['aws:SecureTransport']?.values[0] === 'false') {
    throw new DomainError(ErrorReason.INVALID_REQUEST, 'Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.');
  }
  if (key.algorithm !== 'AES256') throw invalidArgument(`${field}.algorithm`, 'The encryption request you specified is not valid. The valid value is AES256.');
  if (key.key.length !== DATA_KEY_BYTES) throw invalidArgument(`${field}.key`, 'The secret key was invalid for the specified algorithm.');
  if (key.keyMd5 === '') throw invalidArgument(`${field}.key_md5`, 'Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.');
  const md5 = createHash('md5').update(key.key).digest('base64');
  if (md5 !== key.keyMd5) throw invalidArgument(`${field}.key_md5`, 'The calculated MD5 hash of the key did not match the hash that was provided.');
  return key.key;
}

function hmacOf(salt: Uint8Array, customerKey: Uint8Array): Buffer {
  return createHmac('sha256', salt).update(CHECK_LABEL).update(customerKey).digest();
}

/** A fresh check for `customerKey`, with a new salt, bound to `wrapId`. */
export function newCustomerKeyCheck(customerKey: Uint8Array, wrapId: string, random: Random): CustomerKeyCheck {
  const salt = random.bytes(SALT_BYTES);
  return { salt: Buffer.from(salt).toString('base64'), hmac: hmacOf(salt, customerKey).toString('base64'), wrapId };
}

/** Checks a request's key against the stored HMAC (in constant time): ACCESS_DENIED when it is not the key. */
export function verifyCustomerKey(check: CustomerKeyCheck, customerKey: Uint8Array): void {
  const expected = Buffer.from(check.hmac, 'base64');
  const actual = hmacOf(Buffer.from(check.salt, 'base64'), customerKey);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new DomainError(ErrorReason.ACCESS_DENIED, WRONG_KEY);
}

function aad(wrapId: string): Uint8Array {
  return concatBytes(WRAP_LABEL, streamIdFromUuid(wrapId));
}

/** Wraps a data key under the customer's key (AES-256-GCM), binding `wrapId` as AAD. */
export function wrapWithCustomerKey(customerKey: Uint8Array, wrapId: string, dataKey: Uint8Array, random: Random): Uint8Array {
  return wrapKey(customerKey, dataKey, aad(wrapId), random, opensslWrapCipher);
}

/** Opens a customer-wrapped data key; a mismatch (after a passed key check) is INTEGRITY_FAILURE. */
export function unwrapWithCustomerKey(customerKey: Uint8Array, wrapId: string, wrapped: Uint8Array): Uint8Array {
  try {
    return unwrapKey(customerKey, wrapped, aad(wrapId), opensslWrapCipher);
  } catch (error) {
    if (error instanceof UnwrapError) throw new DomainError(ErrorReason.INTEGRITY_FAILURE, 'the stored data key failed verification', { cause: error });
    throw error;
  }
}

/** Zeroes the request's customer keys once they are used. */
export function wipeCustomerKeys(...keys: readonly (storageV1.CustomerKey | undefined)[]): void {
  for (const key of keys) key?.key.fill(0);
}
