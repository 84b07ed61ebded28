/**
 * The KMS ciphertext blob, format version 1:
 *
 * ```
 * offset  size  field
 * 0       1     format version (0x01)
 * 1       16    key id (UUID bytes)
 * 17      4     key version (uint32, big-endian)
 * 21      12    AES-GCM nonce          ┐ wrapKey output under the key
 * 33      n     ciphertext             │ version's material, with
 * 33+n    16    tag                    ┘ AAD = label ‖ bytes 0..20 ‖ canonical(context)
 * ```
 *
 * The header names the key and version, so Decrypt needs no key id; the
 * header is inside the AAD, so editing it (to point at another key or
 * version) fails authentication like any other tampering.
 */
import { WRAP_OVERHEAD_BYTES, concatBytes, encodeEncryptionContext, type EncryptionContext } from '@strongroom/crypto';

const FORMAT_VERSION = 0x01;
const HEADER_BYTES = 21;
const AAD_LABEL = new TextEncoder().encode('strongroom/kms/ciphertext-blob/v1');

/** What a blob's header says. */
export interface BlobHeader {
  readonly keyId: string;
  readonly keyVersion: number;
}

/** A blob split into its header and its wrapped payload. */
export interface ParsedBlob extends BlobHeader {
  readonly header: Uint8Array;
  readonly wrapped: Uint8Array;
}

function uuidToBytes(uuid: string): Uint8Array {
  return Uint8Array.from(Buffer.from(uuid.replace(/-/g, ''), 'hex'));
}

function bytesToUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The header of a new blob. */
export function blobHeader(keyId: string, keyVersion: number): Uint8Array {
  const header = new Uint8Array(HEADER_BYTES);
  header[0] = FORMAT_VERSION;
  header.set(uuidToBytes(keyId), 1);
  new DataView(header.buffer).setUint32(17, keyVersion, false);
  return header;
}

/** The AAD that binds a blob's payload to its header and encryption context. */
export function blobAad(header: Uint8Array, context: EncryptionContext): Uint8Array {
  return concatBytes(AAD_LABEL, header, encodeEncryptionContext(context));
}

/** The largest key version: `kms.key_versions.version` is a Postgres integer. */
const MAX_KEY_VERSION = 0x7fff_ffff;

/**
 * Splits a blob; undefined when it cannot be a version-1 blob at all,
 * including a key version no key can have (0, or beyond a Postgres integer,
 * which the material lookup would otherwise fail on as an internal error).
 */
export function parseBlob(blob: Uint8Array): ParsedBlob | undefined {
  if (blob.length < HEADER_BYTES + WRAP_OVERHEAD_BYTES || blob[0] !== FORMAT_VERSION) return undefined;
  const header = blob.subarray(0, HEADER_BYTES);
  const keyVersion = new DataView(header.buffer, header.byteOffset, HEADER_BYTES).getUint32(17, false);
  if (keyVersion < 1 || keyVersion > MAX_KEY_VERSION) return undefined;
  return {
    header,
    keyId: bytesToUuid(header.subarray(1, 17)),
    keyVersion,
    wrapped: blob.subarray(HEADER_BYTES),
  };
}
