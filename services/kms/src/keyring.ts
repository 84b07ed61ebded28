import { ErrorReason } from '@strongroom/contracts';
import type { Random } from '@strongroom/crypto';
import { DomainError } from '@strongroom/errors';
import type { ActingPrincipal, ServiceCredential } from '@strongroom/grpc';
import type { KmsCall } from './kms-call';
import { authorizeKeyAccess, type KeyAccess } from './access';
import type { KeyCache } from './key-cache';
import { parseKeyReference } from './key-reference';
import { AWS_S3_ALIAS, SERVICE_ACCOUNT_ID, SERVICE_ALIASES, SERVICE_ALIAS_PREFIX, type KeyRecord } from './key-record';

/** Creates the key behind a managed alias on first use (see key-lifecycle.ts). */
export type ManagedKeyCreator = (accountId: string, aliasName: string) => Promise<string>;

/** What a synchronous callback returns: `never` for a promise, so an async callback does not type-check. */
export type Synchronous<T> = T extends PromiseLike<unknown> ? never : T;

/**
 * Finds keys for a principal and checks that it may access them: parses the
 * reference, resolves aliases in the right account, loads the record through
 * the cache, and authorizes. All without a database round trip once warm.
 */
export class Keyring {
  constructor(
    readonly region: string,
    readonly cache: KeyCache,
    readonly random: Random,
    private readonly createManagedKey: ManagedKeyCreator,
  ) {}

  /**
   * The key a reference names, authorized for `access`. With `createManaged`,
   * `alias/aws/s3` and service aliases (`alias/strongroom/...`) are created on first use.
   */
  async find(call: KmsCall, reference: string, access: KeyAccess, createManaged = false): Promise<KeyRecord> {
    const key = await this.#lookup(call.principal, call.caller, reference, createManaged);
    call.audit.touch(key);
    authorizeKeyAccess(this.region, call.principal, call.caller, key, await this.cache.grants(key.keyId), access);
    return key;
  }

  /** The key with this id, authorized for `access`; INVALID_CIPHERTEXT when it does not exist (it came from a blob). */
  async findForBlob(call: KmsCall, keyId: string, version: number, access: KeyAccess): Promise<KeyRecord> {
    const key = await this.cache.key(keyId);
    if (key === undefined) throw invalidCiphertext();
    call.audit.touch(key, version);
    authorizeKeyAccess(this.region, call.principal, call.caller, key, await this.cache.grants(key.keyId), access);
    return key;
  }

  /**
   * Runs `use` on a copy of a key version's material, then wipes the copy
   * (also when `use` throws). INVALID_CIPHERTEXT when the version does not exist.
   * `use` must be synchronous: an async one would find the material wiped at
   * its first await, so its type refuses a callback returning a promise.
   */
  async useMaterial<T>(keyId: string, version: number, use: (material: Uint8Array) => Synchronous<T>): Promise<T> {
    const material = await this.cache.material(keyId, version);
    try {
      return use(material);
    } finally {
      material.fill(0);
    }
  }

  async #lookup(principal: ActingPrincipal, caller: ServiceCredential, reference: string, createManaged: boolean): Promise<KeyRecord> {
    const parsed = parseKeyReference(reference, this.region);
    const serviceAlias = parsed.kind === 'alias' && parsed.aliasName.startsWith(SERVICE_ALIAS_PREFIX);
    if (serviceAlias && !caller.serviceKeys) throw keyNotFound(reference);
    let keyId: string;
    if (parsed.kind === 'key') {
      keyId = parsed.keyId;
      if (parsed.accountId === undefined) {
        const key = await this.cache.key(keyId);
        if (key === undefined || key.accountId !== principal.accountId) throw keyNotFound(reference);
        return key;
      }
    } else {
      const accountId = serviceAlias ? SERVICE_ACCOUNT_ID : (parsed.accountId ?? principal.accountId);
      const target = await this.cache.aliasTarget(accountId, parsed.aliasName);
      const managed = parsed.aliasName === AWS_S3_ALIAS || SERVICE_ALIASES.has(parsed.aliasName);
      if (target !== undefined) keyId = target;
      else if (createManaged && managed && (accountId === principal.accountId || accountId === SERVICE_ACCOUNT_ID)) {
        keyId = await this.createManagedKey(accountId, parsed.aliasName);
      } else throw keyNotFound(reference);
    }
    const key = await this.cache.key(keyId);
    if (key === undefined || (parsed.accountId !== undefined && key.accountId !== parsed.accountId)) throw keyNotFound(reference);
    return key;
  }
}

function keyNotFound(reference: string): DomainError {
  return new DomainError(ErrorReason.KEY_NOT_FOUND, `key ${JSON.stringify(reference)} does not exist`);
}

/** The one answer for every ciphertext that does not open. */
export function invalidCiphertext(): DomainError {
  return new DomainError(ErrorReason.INVALID_CIPHERTEXT, 'the ciphertext is invalid, or the encryption context does not match');
}
