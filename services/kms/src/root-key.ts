import { ConfigError, readConfiguredFile } from '@strongroom/config';
import { Secret } from '@strongroom/observability';
import { concatBytes, nobleWrapCipher, unwrapKey, wrapKey, type Random } from '@strongroom/crypto';
import { createHmac } from 'node:crypto';

const MATERIAL_AAD_LABEL = new TextEncoder().encode('strongroom/kms/key-material/v1');

/**
 * The region's root key: it wraps KMS key material and nothing else. It
 * holds a copy of its own of the bytes it is given (the giver keeps and
 * wipes theirs), which never leaves this module in clear and is zeroed by
 * {@link RootKey.wipe} when the KMS stops; a wiped root key wraps and
 * unwraps nothing.
 */
export class RootKey {
  readonly #key: Uint8Array;
  #wiped = false;
  /** A public fingerprint, stored beside each wrapped material so a wrong root key is named, not guessed. */
  readonly id: string;

  constructor(key: Secret<Uint8Array>) {
    this.id = rootKeyId(key);
    this.#key = key.reveal().slice();
  }

  /** Wraps one key version's material, bound to that key id and version. */
  wrapMaterial(keyId: string, version: number, material: Uint8Array, random: Random): Uint8Array {
    return wrapKey(this.#usable(), material, materialAad(keyId, version), random, nobleWrapCipher);
  }

  /** Unwraps one key version's material; throws UnwrapError when it was not wrapped for that key and version. */
  unwrapMaterial(keyId: string, version: number, wrapped: Uint8Array): Uint8Array {
    return unwrapKey(this.#usable(), wrapped, materialAad(keyId, version), nobleWrapCipher);
  }

  /** Zeroes this copy of the root key: for a KMS that stops. */
  wipe(): void {
    this.#key.fill(0);
    this.#wiped = true;
  }

  #usable(): Uint8Array {
    if (this.#wiped) throw new Error('the root key was wiped: this KMS has stopped');
    return this.#key;
  }
}

/** The public fingerprint of a root key (see {@link RootKey.id}); throws unless the key is 32 bytes. */
export function rootKeyId(key: Secret<Uint8Array>): string {
  if (key.reveal().length !== 32) throw new RangeError('the root key is 32 bytes');
  return createHmac('sha256', key.reveal()).update('strongroom/root-key-id/v1').digest('hex').slice(0, 16);
}

function materialAad(keyId: string, version: number): Uint8Array {
  const versionBytes = new Uint8Array(4);
  new DataView(versionBytes.buffer).setUint32(0, version, false);
  return concatBytes(MATERIAL_AAD_LABEL, new TextEncoder().encode(keyId), versionBytes);
}

/** Base64 (or base64url) of 32 bytes: 43 characters and one `=`, which may be left off. */
const BASE64_32_BYTES = /^(?:[A-Za-z0-9+/]{43}|[A-Za-z0-9_-]{43})=?$/;
/** Hex of 32 bytes. */
const HEX_32_BYTES = /^[0-9a-fA-F]{64}$/;

/** Decodes a root key given as base64 or base64url (44 characters) or hex (64); throws naming the expected forms. */
export function decodeRootKey(text: string): Secret<Uint8Array> {
  const trimmed = text.trim();
  if (HEX_32_BYTES.test(trimmed)) return new Secret(ownBytes(Buffer.from(trimmed, 'hex')));
  if (BASE64_32_BYTES.test(trimmed)) return new Secret(ownBytes(Buffer.from(trimmed, 'base64')));
  throw new Error('the root key must be 32 bytes, as 64 hex characters or base64');
}

/**
 * The decoded bytes in a buffer of their own, the decoded ones zeroed: a
 * small Buffer is a slice of Node's shared pool, which would otherwise keep
 * the key until reused. The text it was decoded from is a string, which
 * cannot be wiped (from the environment or the key file, as read).
 */
function ownBytes(decoded: Buffer): Uint8Array {
  const bytes = Uint8Array.from(decoded);
  decoded.fill(0);
  return bytes;
}

/**
 * The root key STRONGROOM_ROOT_KEY or STRONGROOM_ROOT_KEY_FILE gives (one
 * of them, not both), or undefined when neither is set. Every error names
 * the variable and never the key.
 */
export function configuredRootKey(settings: { readonly rootKey?: string | undefined; readonly rootKeyFile?: string | undefined }): Secret<Uint8Array> | undefined {
  const { rootKey, rootKeyFile } = settings;
  if (rootKey && rootKeyFile) throw new ConfigError(['STRONGROOM_ROOT_KEY, STRONGROOM_ROOT_KEY_FILE: set one of them, not both']);
  if (rootKey) return named('STRONGROOM_ROOT_KEY', () => decodeRootKey(rootKey));
  if (!rootKeyFile) return undefined;
  const text = readConfiguredFile('STRONGROOM_ROOT_KEY_FILE', rootKeyFile);
  return named(`STRONGROOM_ROOT_KEY_FILE (${rootKeyFile})`, () => decodeRootKey(text));
}

function named<T>(source: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    throw new ConfigError([`${source}: ${(error as Error).message}`]);
  }
}
