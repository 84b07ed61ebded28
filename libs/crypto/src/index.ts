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
 * Every wrap is AES-256-GCM with a fresh random 96-bit nonce. The KMS wraps
 * with `@noble/ciphers` (audited pure JS; its payloads are 32 bytes to
 * 4 KiB). Storage wraps each object's data key under a bucket key or an
 * SSE-C key with node:crypto (AES-NI), the same bytes, because it does so on
 * every request. Whatever a wrapped value belongs to goes in its AAD, so a
 * wrapped key moved to another key, version or context fails to open, with
 * the same error as a flipped bit. Bulk object data uses node:crypto.
 *
 * # Object data at rest
 *
 * Object data is sealed in 64 KiB AES-256-GCM segments under a per-stream key
 * derived from the data key and a stream id (the format, byte by byte, is in
 * segment-format.ts). {@link createSealStream} and {@link createStreamOpener}
 * are the streaming sealer and opener; {@link segmentRange} plans a range read
 * that fetches and decrypts only the segments the range touches.
 */
export { systemRandom, type Random } from './random';
export { encodeEncryptionContext, encryptionContextProblem, type EncryptionContext } from './encryption-context';
export { nobleWrapCipher, opensslWrapCipher, type WrapCipher } from './wrap-cipher';
export { wrapKey, unwrapKey, concatBytes, UnwrapError, WRAP_NONCE_BYTES, WRAP_TAG_BYTES, WRAP_OVERHEAD_BYTES } from './key-wrap';
export {
  FORMAT_VERSION,
  FORMAT_HEADER,
  HEADER_BYTES,
  SEGMENT_PLAINTEXT_BYTES,
  SEGMENT_SEALED_BYTES,
  SEGMENT_TAG_BYTES,
  DATA_KEY_BYTES,
  STREAM_ID_BYTES,
} from './segment-format';
export { IntegrityError, type IntegrityFailure } from './integrity-error';
export { streamIdFromUuid } from './stream-key';
export { sealedLength, plaintextLengthOf, segmentCount } from './sealed-length';
export { segmentRange, type SegmentRange, type BlobSpan } from './segment-range';
export { createSealStream, SealStream, type SealStreamOptions, type SealSummary } from './seal-stream';
export { createStreamOpener, StreamOpener, type OpenStreamOptions } from './open-stream';
