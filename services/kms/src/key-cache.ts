import { BoundedCache, ExpiringCache, type SecretValues } from '@strongroom/cache';
import type { Pool } from '@strongroom/db';
import { getAlias } from './alias-store';
import type { Change } from './change-feed';
import { listGrants, type GrantRecord } from './grant-store';
import type { KeyRecord } from './key-record';
import { getKey, getMaterial } from './key-store';
import { invalidCiphertext } from './keyring';
import type { RootKey } from './root-key';

/** Cached key material: readers get copies; the cached material is wiped as it leaves. */
const SECRET_MATERIAL: SecretValues<Uint8Array> = { copy: (material) => material.slice(), wipe: (material) => material.fill(0) };

/**
 * What the cryptographic path needs, held in memory so that a
 * GenerateDataKey or Decrypt costs no database round trip once warm: key
 * records, alias targets, grants, and unwrapped key material (bounded).
 * Records, aliases and grants are dropped when a change is announced
 * (LISTEN/NOTIFY, see change-feed.ts); material never changes once written,
 * so it does not expire: it leaves when pushed out by newer material or when
 * the cache is closed, and is wiped then. Each reader gets a copy of its own
 * (never the cached bytes, which may be wiped while the reader awaits).
 */
export class KeyCache {
  readonly #pool: Pool;
  readonly #rootKey: RootKey;
  readonly #keys = new BoundedCache<KeyRecord>(10_000);
  readonly #aliases = new BoundedCache<string>(10_000);
  readonly #grants = new BoundedCache<readonly GrantRecord[]>(10_000);
  readonly #material: ExpiringCache<Uint8Array>;

  constructor(pool: Pool, rootKey: RootKey, materialLimit: number) {
    this.#pool = pool;
    this.#rootKey = rootKey;
    this.#material = new ExpiringCache({ limit: materialLimit, ttlMs: Number.POSITIVE_INFINITY, now: Date.now, secret: SECRET_MATERIAL });
  }

  /** The key record, or undefined when there is no such key. */
  key(keyId: string): Promise<KeyRecord | undefined> {
    return this.#keys.getOrLoad(keyId, () => getKey(this.#pool, keyId));
  }

  /** The id of the key an alias points at, or undefined. */
  aliasTarget(accountId: string, aliasName: string): Promise<string | undefined> {
    return this.#aliases.getOrLoad(`${accountId}/${aliasName}`, async () => (await getAlias(this.#pool, accountId, aliasName))?.keyId);
  }

  /** A key's grants. */
  async grants(keyId: string): Promise<readonly GrantRecord[]> {
    return (await this.#grants.getOrLoad(keyId, () => listGrants(this.#pool, keyId))) ?? [];
  }

  /**
   * A key version's material in clear: a copy the caller owns and wipes
   * after use. INVALID_CIPHERTEXT when the version does not exist (it came
   * from a blob).
   */
  material(keyId: string, version: number): Promise<Uint8Array> {
    return this.#material.getOrLoad(`${keyId}/${version}`, async () => {
      const stored = await getMaterial(this.#pool, keyId, version);
      if (stored === undefined) throw invalidCiphertext();
      if (stored.rootKeyId !== this.#rootKey.id) {
        throw new Error(`key material of ${keyId} v${version} is wrapped by root key ${stored.rootKeyId}, not the configured ${this.#rootKey.id}`);
      }
      return this.#rootKey.unwrapMaterial(keyId, version, stored.wrapped);
    });
  }

  /** Forgets what a change touched. */
  invalidate(change: Change): void {
    if (change.kind === 'key') {
      this.#keys.delete(change.keyId);
      this.#grants.delete(change.keyId);
    } else {
      this.#aliases.delete(`${change.accountId}/${change.aliasName}`);
    }
  }

  /** Forgets every record, alias and grant (after missed notifications). Material stays: it never changes. */
  clear(): void {
    this.#keys.clear();
    this.#aliases.clear();
    this.#grants.clear();
  }

  /** Forgets everything and wipes the material: for a KMS that stops. */
  close(): void {
    this.clear();
    this.#material.clear();
  }
}
