import { Secret } from '@strongroom/observability';
import { concatBytes, nobleWrapCipher, unwrapKey, wrapKey, type Random } from '@strongroom/crypto';
import { createHmac } from 'node:crypto';

const MATERIAL_AAD_LABEL = new TextEncoder().encode('strongroom/kms/key-material/v1');

/**
 * The region's root key: it wraps KMS key material and nothing else. It is
 * held in a {@link Secret} and never leaves this module in clear.
 */
export class RootKey {
  readonly #key: Secret<Uint8Array>;
  /** A public fingerprint, stored beside each wrapped material so a wrong root key is named, not guessed. */
  readonly id: string;

  constructor(key: Secret<Uint8Array>) {
    if (key.reveal().length !== 32) throw new RangeError('the root key is 32 bytes');
    this.#key = key;
    this.id = createHmac('sha256', key.reveal()).update('strongroom/root-key-id/v1').digest('hex').slice(0, 16);
  }

  /** Wraps one key version's material, bound to that key id and version. */
  wrapMaterial(keyId: string, version: number, material: Uint8Array, random: Random): Uint8Array {
    return wrapKey(this.#key.reveal(), material, materialAad(keyId, version), random, nobleWrapCipher);
  }

  /** Unwraps one key version's material; throws UnwrapError when it was not wrapped for that key and version. */
  unwrapMaterial(keyId: string, version: number, wrapped: Uint8Array): Uint8Array {
    return unwrapKey(this.#key.reveal(), wrapped, materialAad(keyId, version), nobleWrapCipher);
  }
}

function materialAad(keyId: string, version: number): Uint8Array {
  const versionBytes = new Uint8Array(4);
  new DataView(versionBytes.buffer).setUint32(0, version, false);
  return concatBytes(MATERIAL_AAD_LABEL, new TextEncoder().encode(keyId), versionBytes);
}

/** Decodes a root key given as base64 (44 characters) or hex (64); throws naming the expected forms. */
export function decodeRootKey(text: string): Secret<Uint8Array> {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (bytes.length !== 32) throw new Error('the root key must be 32 bytes, as 64 hex characters or base64');
  return new Secret(Uint8Array.from(bytes));
}
