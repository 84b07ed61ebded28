/**
 * Envelope-encryption primitives, pure and with randomness injected.
 *
 * # Strongroom's key hierarchy
 *
 * ```
 * root key (256 bits per region, from config; never leaves kms)
 *   └─ wraps ─▶ KMS key material (one 256-bit secret per key version)
 *                 AAD = "strongroom/kms/key-material/v1" ‖ key id ‖ key version
 *                 └─ wraps ─▶ data keys and Encrypt payloads (KMS ciphertext blobs)
 *                               AAD = blob header ‖ canonical(encryption context)
 *                               └─ the data key seals object data (storage)
 * ```
 *
 * Every wrap is AES-256-GCM with a fresh random 96-bit nonce (`@noble/ciphers`:
 * audited pure JS; the payloads are 32 bytes to 4 KiB, so its speed is
 * ample). Whatever a wrapped value belongs to goes in its AAD, so a wrapped
 * key moved to another key, version or context fails to open, with the same
 * error as a flipped bit. Only bulk object data uses node:crypto (AES-NI).
 */
export { systemRandom, type Random } from './random';
export { encodeEncryptionContext, type EncryptionContext } from './encryption-context';
export { wrapKey, unwrapKey, concatBytes, UnwrapError, WRAP_NONCE_BYTES, WRAP_TAG_BYTES, WRAP_OVERHEAD_BYTES } from './key-wrap';
