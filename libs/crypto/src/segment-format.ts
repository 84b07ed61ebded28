/**
 * The at-rest format of object data (format version 1), byte by byte.
 *
 * Every stream of object data (a version's body, or one part of a multipart
 * upload) is sealed on its own. With `L` the plaintext length:
 *
 * ```
 * blob      = header ‖ segment_0 ‖ segment_1 ‖ … ‖ segment_(n-1)
 * header    = 2 bytes
 *   [0]       format version                      0x01
 *   [1]       log2 of the segment plaintext size  0x10 (64 KiB)
 * n         = max(1, ceil(L / 65536))             an empty stream is one empty final segment
 * segment_i = ciphertext_i ‖ tag_i
 *   ciphertext_i  65536 bytes, except the final segment: L - 65536·(n-1) bytes (1..65536, or 0 when L = 0)
 *   tag_i         16 bytes, the AES-GCM tag
 * ```
 *
 * Each segment is AES-256-GCM (node:crypto, so OpenSSL with AES-NI) under
 * the stream key:
 *
 * ```
 * stream key = HKDF-SHA256(ikm  = data key (32 bytes),
 *                          salt = "strongroom/object-data/v1",
 *                          info = "strongroom/object-data/v1/stream-key" ‖ stream id (16 bytes),
 *                          length = 32)
 * nonce_i    = i as a 96-bit big-endian integer
 * aad_i      = header (2 bytes) ‖ i as a 64-bit big-endian integer (8 bytes) ‖ final flag (1 byte:
 *              0x01 on segment n-1, else 0x00)                      = 11 bytes
 * ```
 *
 * Why this is safe and what it catches:
 * - The nonce is a counter, so it never repeats under one stream key; every
 *   stream has its own key, so thousands of parts under one upload's data key
 *   never share a (key, nonce) pair. The stream id is never stored in the blob:
 *   the caller takes it from metadata, so two swapped blobs fail to open.
 * - The index in nonce and AAD makes reordered, dropped or duplicated
 *   segments fail. The final flag makes a blob cut at a segment boundary fail
 *   (its new last segment says "not final"), and a segment appended after the
 *   final one fails. Because the header is in every AAD, a changed header fails
 *   on the first segment even where a reader skips checking it.
 * - The data is bound to the stream id only, not to a bucket or key name,
 *   so re-wrapping the data key (rotation, copies, replication) reuses the
 *   ciphertext byte for byte.
 *
 * Offsets follow from the layout: segment `i` starts at blob offset
 * `2 + i·65552`, which is what range reads use to fetch only the segments a
 * range needs.
 */

/** The format version this library writes and reads. */
export const FORMAT_VERSION = 1;
/** log2 of {@link SEGMENT_PLAINTEXT_BYTES}, stored in the header. */
export const SEGMENT_SIZE_LOG2 = 16;
/** Plaintext bytes in every segment but the final one (64 KiB). */
export const SEGMENT_PLAINTEXT_BYTES = 1 << SEGMENT_SIZE_LOG2;
/** Bytes of the AES-GCM tag that ends every segment. */
export const SEGMENT_TAG_BYTES = 16;
/** Blob bytes of a full (non-final or 64 KiB final) segment. */
export const SEGMENT_SEALED_BYTES = SEGMENT_PLAINTEXT_BYTES + SEGMENT_TAG_BYTES;
/** Bytes of the header that leads every blob. */
export const HEADER_BYTES = 2;
/** Bytes of a data key (AES-256). */
export const DATA_KEY_BYTES = 32;
/** Bytes of a stream id (a UUID's bytes, for example). */
export const STREAM_ID_BYTES = 16;

/** The header every version-1 blob starts with. */
export const FORMAT_HEADER: Readonly<Uint8Array> = Uint8Array.of(FORMAT_VERSION, SEGMENT_SIZE_LOG2);
