import { encryptionContextProblem, nobleWrapCipher, UnwrapError, unwrapKey, wrapKey, type EncryptionContext, type Random } from '@strongroom/crypto';
import { invalidArgument } from '@strongroom/errors';
import { blobAad, blobHeader, parseBlob } from './ciphertext-blob';
import type { KeyRecord } from './key-record';
import { invalidCiphertext, type Keyring } from './keyring';
import { requireUsable, type KeyAccess } from './access';
import type { KmsCall } from './kms-call';

/** The most plaintext Encrypt takes, as in KMS. */
export const MAX_ENCRYPT_PLAINTEXT = 4096;

/** Throws INVALID_ARGUMENT for an encryption context KMS would refuse. */
export function validateEncryptionContext(field: string, context: EncryptionContext): void {
  const problem = encryptionContextProblem(context);
  if (problem !== undefined) throw invalidArgument(field, problem);
}

/** What {@link Envelope.open} found. */
export interface Opened {
  readonly key: KeyRecord;
  readonly version: number;
  readonly plaintext: Uint8Array;
}

/** Seals payloads into ciphertext blobs under a key's current version, and opens them again. */
export class Envelope {
  constructor(
    private readonly keyring: Keyring,
    private readonly random: Random,
  ) {}

  /** Wraps `plaintext` under the key's current version, bound to `context`. The key must be usable. */
  async seal(call: KmsCall, key: KeyRecord, plaintext: Uint8Array, context: EncryptionContext): Promise<{ blob: Uint8Array; version: number }> {
    requireUsable(this.keyring.region, key);
    const version = key.currentVersion;
    call.audit.touch(key, version);
    const header = blobHeader(key.keyId, version);
    const wrapped = await this.keyring.useMaterial(key.keyId, version, (material) => wrapKey(material, plaintext, blobAad(header, context), this.random, nobleWrapCipher));
    const blob = new Uint8Array(header.length + wrapped.length);
    blob.set(header, 0);
    blob.set(wrapped, header.length);
    return { blob, version };
  }

  /**
   * Opens a blob for a call: the key it names must exist, allow `access`, and
   * be usable. A malformed or tampered blob, an unknown key or version, and a
   * wrong context all get the same INVALID_CIPHERTEXT. The key is noted for
   * the audit as soon as it is found.
   */
  async open(call: KmsCall, blob: Uint8Array, context: EncryptionContext, access: KeyAccess): Promise<Opened> {
    const parsed = parseBlob(blob);
    if (parsed === undefined) throw invalidCiphertext();
    const key = await this.keyring.findForBlob(call, parsed.keyId, parsed.keyVersion, access);
    requireUsable(this.keyring.region, key);
    try {
      const plaintext = await this.keyring.useMaterial(key.keyId, parsed.keyVersion, (material) =>
        unwrapKey(material, parsed.wrapped, blobAad(parsed.header, context), nobleWrapCipher),
      );
      return { key, version: parsed.keyVersion, plaintext };
    } catch (error) {
      if (error instanceof UnwrapError) throw invalidCiphertext();
      throw error;
    }
  }
}
