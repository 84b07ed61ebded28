import { ErrorReason } from '@strongroom/contracts';
import type { Random } from '@strongroom/crypto';
import { DomainError } from '@strongroom/errors';
import { withTransaction, type Pool, type PoolClient } from '@strongroom/db';
import { randomUUID } from 'node:crypto';
import { getAlias, insertAlias } from './alias-store';
import { requireUsable } from './access';
import { announce, type Change } from './change-feed';
import type { KeyCache } from './key-cache';
import { SERVICE_ACCOUNT_ID, type KeyManagerName, type KeyRecord, type KeyStateName, type KeyTag } from './key-record';
import {
  getKey,
  insertKey,
  insertVersion,
  setCurrentVersion,
  updateKeyState,
  updateRotation,
  type RotationType,
} from './key-store';
import type { RootKey } from './root-key';

const DAY_MS = 86_400_000;

/** Dependencies of {@link KeyLifecycle}. */
export interface KeyLifecycleDeps {
  readonly region: string;
  readonly pool: Pool;
  readonly rootKey: RootKey;
  readonly cache: KeyCache;
  readonly random: Random;
  readonly clock: () => Date;
}

/**
 * Every change to keys: creation, state, rotation, deletion. Each runs in one
 * transaction that also announces the change, then drops the local cache
 * entry at once (other replicas drop theirs when the announcement arrives).
 */
export class KeyLifecycle {
  constructor(private readonly deps: KeyLifecycleDeps) {}

  /** Creates a key with fresh material as version 1. */
  async create(accountId: string, manager: KeyManagerName, description: string, tags: readonly KeyTag[]): Promise<KeyRecord> {
    return withTransaction(this.deps.pool, (client) => this.#insert(client, accountId, manager, description, tags));
  }

  /**
   * Creates the key behind a managed alias (`alias/aws/s3` of an account, or
   * the SSE-S3 alias) unless a concurrent caller, on any replica, just did;
   * returns the alias's key id either way.
   */
  async createManaged(accountId: string, aliasName: string): Promise<string> {
    const keyId = await withTransaction(this.deps.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kms:managed:${accountId}:${aliasName}`]);
      const existing = await getAlias(client, accountId, aliasName);
      if (existing) return existing.keyId;
      const manager = accountId === SERVICE_ACCOUNT_ID ? 'SERVICE' : 'AWS';
      const key = await this.#insert(client, accountId, manager, `Default key that protects S3 objects (${aliasName})`, []);
      await insertAlias(client, accountId, aliasName, key.keyId);
      await announce(client, { kind: 'alias', accountId, aliasName });
      return key.keyId;
    });
    this.deps.cache.invalidate({ kind: 'alias', accountId, aliasName });
    return keyId;
  }

  /** Moves a key between ENABLED and DISABLED. */
  async setEnabled(key: KeyRecord, enabled: boolean): Promise<KeyRecord> {
    return this.#change(key, (current) => {
      if (current.state === 'PENDING_DELETION') throw pendingDeletion(current);
      return { state: enabled ? 'ENABLED' : 'DISABLED', deletionAt: null };
    });
  }

  /** Schedules deletion after `days` days. */
  async scheduleDeletion(key: KeyRecord, days: number): Promise<KeyRecord> {
    return this.#change(key, (current) => {
      if (current.state === 'PENDING_DELETION') throw pendingDeletion(current);
      return { state: 'PENDING_DELETION', deletionAt: new Date(this.deps.clock().getTime() + days * DAY_MS) };
    });
  }

  /** Cancels a scheduled deletion; the key becomes DISABLED, as in KMS. */
  async cancelDeletion(key: KeyRecord): Promise<KeyRecord> {
    return this.#change(key, (current) => {
      if (current.state !== 'PENDING_DELETION') {
        throw new DomainError(ErrorReason.KEY_INVALID_STATE, `key ${current.keyId} is not pending deletion`);
      }
      return { state: 'DISABLED', deletionAt: null };
    });
  }

  /** Turns automatic rotation on (with a period) or off. Turning it on needs an enabled key, as in KMS. */
  async setRotation(key: KeyRecord, enabled: boolean, periodDays: number): Promise<KeyRecord> {
    return this.#mutate(key.keyId, async (client, current) => {
      if (enabled) requireUsable(this.deps.region, current);
      const next = enabled ? new Date(this.deps.clock().getTime() + periodDays * DAY_MS) : null;
      await updateRotation(client, current.keyId, enabled, periodDays, next);
    });
  }

  /** Adds a new current version with fresh material; older versions keep decrypting. The key must be enabled. */
  async rotate(key: KeyRecord, type: RotationType): Promise<KeyRecord> {
    return this.#mutate(key.keyId, (client, current) => {
      requireUsable(this.deps.region, current);
      return this.rotateLocked(client, current, type);
    });
  }

  /** Rotates a key whose row the caller's transaction has locked; the caller announces the change. */
  async rotateLocked(client: PoolClient, key: KeyRecord, type: RotationType): Promise<void> {
    const now = this.deps.clock();
    const version = key.currentVersion + 1;
    await insertVersion(client, key.keyId, version, this.#freshMaterial(key.keyId, version), type, now);
    const next = key.rotationEnabled ? new Date(now.getTime() + key.rotationPeriodDays * DAY_MS) : null;
    await setCurrentVersion(client, key.keyId, version, next);
  }

  /** Runs a change in a transaction that announces it, then forgets the local cache entry. */
  async announced<T>(change: Change, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const result = await withTransaction(this.deps.pool, async (client) => {
      const value = await work(client);
      await announce(client, change);
      return value;
    });
    this.deps.cache.invalidate(change);
    return result;
  }

  async #insert(client: PoolClient, accountId: string, manager: KeyManagerName, description: string, tags: readonly KeyTag[]): Promise<KeyRecord> {
    const now = this.deps.clock();
    const managed = manager !== 'CUSTOMER';
    const key: KeyRecord = {
      keyId: randomUUID(),
      accountId,
      keyManager: manager,
      description,
      state: 'ENABLED',
      currentVersion: 1,
      rotationEnabled: managed,
      rotationPeriodDays: 365,
      nextRotationAt: managed ? new Date(now.getTime() + 365 * DAY_MS) : null,
      deletionAt: null,
      tags,
      createdAt: now,
    };
    await insertKey(client, key, this.#freshMaterial(key.keyId, 1));
    return key;
  }

  #freshMaterial(keyId: string, version: number): { wrapped: Uint8Array; rootKeyId: string } {
    const material = this.deps.random.bytes(32);
    const wrapped = this.deps.rootKey.wrapMaterial(keyId, version, material, this.deps.random);
    material.fill(0);
    return { wrapped, rootKeyId: this.deps.rootKey.id };
  }

  async #change(key: KeyRecord, next: (current: KeyRecord) => { state: KeyStateName; deletionAt: Date | null }): Promise<KeyRecord> {
    return this.#mutate(key.keyId, async (client, current) => {
      const { state, deletionAt } = next(current);
      await updateKeyState(client, current.keyId, state, deletionAt);
    });
  }

  async #mutate(keyId: string, work: (client: PoolClient, current: KeyRecord) => Promise<void>): Promise<KeyRecord> {
    return this.announced({ kind: 'key', keyId }, async (client) => {
      const current = await getKey(client, keyId, true);
      if (current === undefined) throw new DomainError(ErrorReason.KEY_NOT_FOUND, `key ${keyId} does not exist`);
      await work(client, current);
      const updated = await getKey(client, keyId);
      if (updated === undefined) throw new Error(`key ${keyId} vanished inside its transaction`);
      return updated;
    });
  }
}

function pendingDeletion(key: KeyRecord): DomainError {
  return new DomainError(ErrorReason.KEY_INVALID_STATE, `key ${key.keyId} is pending deletion`);
}
