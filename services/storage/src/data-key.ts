import { ErrorReason } from '@strongroom/contracts';
import { concatBytes, DATA_KEY_BYTES, opensslWrapCipher, streamIdFromUuid, unwrapKey, UnwrapError, wrapKey, type Random } from '@strongroom/crypto';
import { DomainError } from '@strongroom/errors';

/** Names what a wrapped data key is, in its AAD. */
const DATA_KEY_LABEL = new TextEncoder().encode('strongroom/storage/data-key/v1');

function aad(bucketKeyId: string): Uint8Array {
  return concatBytes(DATA_KEY_LABEL, streamIdFromUuid(bucketKeyId));
}

/** A fresh 256-bit data key for one version (or one multipart upload). */
export function newDataKey(random: Random): Uint8Array {
  return random.bytes(DATA_KEY_BYTES);
}

/**
 * Wraps a data key under a bucket key (AES-256-GCM), binding the bucket
 * key's id as AAD: a wrapped key moved to another bucket key's record fails
 * to open. An all-zero bucket key is refused: that is a wiped key, and a
 * check that opens the result with the same buffer would not notice.
 */
export function wrapDataKey(bucketKey: Uint8Array, bucketKeyId: string, dataKey: Uint8Array, random: Random): Uint8Array {
  if (bucketKey.every((byte) => byte === 0)) throw new Error('refusing to wrap a data key under an all-zero (wiped) bucket key');
  return wrapKey(bucketKey, dataKey, aad(bucketKeyId), random, opensslWrapCipher);
}

/** Opens a wrapped data key; a mismatch is INTEGRITY_FAILURE (the metadata was altered). */
export function unwrapDataKey(bucketKey: Uint8Array, bucketKeyId: string, wrapped: Uint8Array): Uint8Array {
  try {
    return unwrapKey(bucketKey, wrapped, aad(bucketKeyId), opensslWrapCipher);
  } catch (error) {
    if (error instanceof UnwrapError) throw new DomainError(ErrorReason.INTEGRITY_FAILURE, 'the stored data key failed verification', { cause: error });
    throw error;
  }
}
