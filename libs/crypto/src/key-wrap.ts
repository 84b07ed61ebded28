import type { Random } from './random';
import type { WrapCipher } from './wrap-cipher';

/** AES-GCM nonce length in bytes. */
export const WRAP_NONCE_BYTES = 12;
/** AES-GCM tag length in bytes. */
export const WRAP_TAG_BYTES = 16;
/** Bytes a wrap adds to its plaintext. */
export const WRAP_OVERHEAD_BYTES = WRAP_NONCE_BYTES + WRAP_TAG_BYTES;

/** Thrown when a wrapped value does not open: tampered, truncated, wrong key or wrong AAD. One error for all. */
export class UnwrapError extends Error {
  constructor() {
    super('wrapped value failed authentication');
    this.name = 'UnwrapError';
  }
}

function assertKey(key: Uint8Array): void {
  if (key.length !== 32) throw new RangeError('a wrapping key is 32 bytes');
}

/**
 * Wraps `plaintext` under a 256-bit key with AES-256-GCM through `cipher`,
 * binding `aad`. Output: nonce (12) ‖ ciphertext ‖ tag (16).
 */
export function wrapKey(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, random: Random, cipher: WrapCipher): Uint8Array {
  assertKey(key);
  const nonce = random.bytes(WRAP_NONCE_BYTES);
  const sealed = cipher.seal(key, nonce, aad, plaintext);
  const out = new Uint8Array(WRAP_NONCE_BYTES + sealed.length);
  out.set(nonce, 0);
  out.set(sealed, WRAP_NONCE_BYTES);
  return out;
}

/**
 * Opens what {@link wrapKey} produced (with either cipher); throws
 * {@link UnwrapError} on any mismatch.
 */
export function unwrapKey(key: Uint8Array, wrapped: Uint8Array, aad: Uint8Array, cipher: WrapCipher): Uint8Array {
  assertKey(key);
  if (wrapped.length < WRAP_OVERHEAD_BYTES) throw new UnwrapError();
  try {
    return cipher.open(key, wrapped.subarray(0, WRAP_NONCE_BYTES), aad, wrapped.subarray(WRAP_NONCE_BYTES));
  } catch {
    throw new UnwrapError();
  }
}

/** Concatenates byte strings (for building AADs). */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
