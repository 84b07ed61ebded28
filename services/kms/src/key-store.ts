import { run, type PoolClient, type Queryable } from '@strongroom/db';
import type { KeyManagerName, KeyRecord, KeyStateName, KeyTag } from './key-record';

type Db = Queryable | PoolClient;

interface KeyRow {
  key_id: string;
  account_id: string;
  key_manager: KeyManagerName;
  description: string;
  key_state: KeyStateName;
  current_version: number;
  rotation_enabled: boolean;
  rotation_period_days: number;
  next_rotation_at: Date | null;
  deletion_at: Date | null;
  tags: KeyTag[];
  created_at: Date;
}

const KEY_COLUMNS = `key_id, account_id, key_manager, description, key_state, current_version, rotation_enabled,
  rotation_period_days, next_rotation_at, deletion_at, tags, created_at`;

function toRecord(row: KeyRow): KeyRecord {
  return {
    keyId: row.key_id,
    accountId: row.account_id,
    keyManager: row.key_manager,
    description: row.description,
    state: row.key_state,
    currentVersion: row.current_version,
    rotationEnabled: row.rotation_enabled,
    rotationPeriodDays: row.rotation_period_days,
    nextRotationAt: row.next_rotation_at,
    deletionAt: row.deletion_at,
    tags: row.tags,
    createdAt: row.created_at,
  };
}

/** A key version's material as stored: wrapped by the root key named by `rootKeyId`. */
export interface StoredMaterial {
  readonly wrapped: Uint8Array;
  readonly rootKeyId: string;
}

/** How a key version came to be. */
export type RotationType = 'CREATED' | 'AUTOMATIC' | 'ON_DEMAND';

/** Inserts a key and its first version. */
export async function insertKey(db: Db, key: KeyRecord, material: StoredMaterial): Promise<void> {
  await run(db, {
    name: 'kms.insertKey',
    text: `INSERT INTO kms.keys (${KEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)`,
  }, [key.keyId, key.accountId, key.keyManager, key.description, key.state, key.currentVersion, key.rotationEnabled,
    key.rotationPeriodDays, key.nextRotationAt, key.deletionAt, JSON.stringify(key.tags), key.createdAt]);
  await insertVersion(db, key.keyId, 1, material, 'CREATED', key.createdAt);
}

/** Inserts one key version. */
export async function insertVersion(db: Db, keyId: string, version: number, material: StoredMaterial, type: RotationType, at: Date): Promise<void> {
  await run(db, {
    name: 'kms.insertVersion',
    text: `INSERT INTO kms.key_versions (key_id, version, wrapped_material, root_key_id, rotation_type, created_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
  }, [keyId, version, Buffer.from(material.wrapped), material.rootKeyId, type, at]);
}

/** A key by id, or undefined. With `forUpdate`, locks its row until the transaction ends. */
export async function getKey(db: Db, keyId: string, forUpdate = false): Promise<KeyRecord | undefined> {
  const rows = await run<KeyRow>(db, {
    name: forUpdate ? 'kms.getKeyForUpdate' : 'kms.getKey',
    text: `SELECT ${KEY_COLUMNS} FROM kms.keys WHERE key_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
  }, [keyId]);
  return rows[0] && toRecord(rows[0]);
}

/** One page of an account's keys, oldest first, after the key `after` (id and creation time). */
export async function listKeys(db: Db, accountId: string, limit: number, after: { createdAt: Date; keyId: string } | undefined): Promise<KeyRecord[]> {
  const rows = await run<KeyRow>(db, {
    name: 'kms.listKeys',
    text: `SELECT ${KEY_COLUMNS} FROM kms.keys
           WHERE account_id = $1 AND ($2::timestamptz IS NULL OR (created_at, key_id) > ($2, $3::uuid))
           ORDER BY created_at, key_id LIMIT $4`,
  }, [accountId, after?.createdAt ?? null, after?.keyId ?? null, limit]);
  return rows.map(toRecord);
}

/** Sets a key's state and deletion date. */
export async function updateKeyState(db: Db, keyId: string, state: KeyStateName, deletionAt: Date | null): Promise<void> {
  await run(db, {
    name: 'kms.updateKeyState',
    text: 'UPDATE kms.keys SET key_state = $2, deletion_at = $3 WHERE key_id = $1',
  }, [keyId, state, deletionAt]);
}

/** Sets a key's automatic rotation. */
export async function updateRotation(db: Db, keyId: string, enabled: boolean, periodDays: number, nextAt: Date | null): Promise<void> {
  await run(db, {
    name: 'kms.updateRotation',
    text: 'UPDATE kms.keys SET rotation_enabled = $2, rotation_period_days = $3, next_rotation_at = $4 WHERE key_id = $1',
  }, [keyId, enabled, periodDays, nextAt]);
}

/** Makes `version` the key's current version. */
export async function setCurrentVersion(db: Db, keyId: string, version: number, nextRotationAt: Date | null): Promise<void> {
  await run(db, {
    name: 'kms.setCurrentVersion',
    text: 'UPDATE kms.keys SET current_version = $2, next_rotation_at = $3 WHERE key_id = $1',
  }, [keyId, version, nextRotationAt]);
}

/** A key version's wrapped material, or undefined. */
export async function getMaterial(db: Db, keyId: string, version: number): Promise<StoredMaterial | undefined> {
  const rows = await run<{ wrapped_material: Buffer; root_key_id: string }>(db, {
    name: 'kms.getMaterial',
    text: 'SELECT wrapped_material, root_key_id FROM kms.key_versions WHERE key_id = $1 AND version = $2',
  }, [keyId, version]);
  const row = rows[0];
  return row && { wrapped: new Uint8Array(row.wrapped_material), rootKeyId: row.root_key_id };
}

/** The fingerprint of a root key other than `rootKeyId` that wraps some key version, or undefined when there is none. */
export async function otherRootKeyId(db: Db, rootKeyId: string): Promise<string | undefined> {
  const rows = await run<{ root_key_id: string }>(db, {
    name: 'kms.otherRootKeyId',
    text: 'SELECT root_key_id FROM kms.key_versions WHERE root_key_id <> $1 LIMIT 1',
  }, [rootKeyId]);
  return rows[0]?.root_key_id;
}

/** A key's versions other than the first, oldest first. */
export async function listRotations(db: Db, keyId: string): Promise<{ version: number; createdAt: Date; type: RotationType }[]> {
  const rows = await run<{ version: number; created_at: Date; rotation_type: RotationType }>(db, {
    name: 'kms.listRotations',
    text: `SELECT version, created_at, rotation_type FROM kms.key_versions
           WHERE key_id = $1 AND rotation_type <> 'CREATED' ORDER BY version`,
  }, [keyId]);
  return rows.map((row) => ({ version: row.version, createdAt: row.created_at, type: row.rotation_type }));
}

/** Enabled keys whose automatic rotation is due, locked for this transaction (other replicas skip them). */
export async function lockDueRotations(db: Db, now: Date, limit: number): Promise<KeyRecord[]> {
  const rows = await run<KeyRow>(db, {
    name: 'kms.lockDueRotations',
    text: `SELECT ${KEY_COLUMNS} FROM kms.keys
           WHERE rotation_enabled AND key_state = 'ENABLED' AND next_rotation_at <= $1
           ORDER BY next_rotation_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
  }, [now, limit]);
  return rows.map(toRecord);
}

/** Deletes keys whose deletion date has passed, with their versions, aliases and grants; returns their ids. */
export async function deleteDueKeys(db: Db, now: Date): Promise<string[]> {
  const rows = await run<{ key_id: string }>(db, {
    name: 'kms.deleteDueKeys',
    text: `DELETE FROM kms.keys WHERE key_state = 'PENDING_DELETION' AND deletion_at <= $1 RETURNING key_id`,
  }, [now]);
  return rows.map((row) => row.key_id);
}

/** Every stored version's material, for re-wrapping under a new root key. */
export async function listAllMaterial(db: Db): Promise<{ keyId: string; version: number; material: StoredMaterial }[]> {
  const rows = await run<{ key_id: string; version: number; wrapped_material: Buffer; root_key_id: string }>(db, {
    name: 'kms.listAllMaterial',
    text: 'SELECT key_id, version, wrapped_material, root_key_id FROM kms.key_versions ORDER BY key_id, version FOR UPDATE',
  });
  return rows.map((row) => ({
    keyId: row.key_id,
    version: row.version,
    material: { wrapped: new Uint8Array(row.wrapped_material), rootKeyId: row.root_key_id },
  }));
}

/** Replaces one version's wrapped material. */
export async function replaceMaterial(db: Db, keyId: string, version: number, material: StoredMaterial): Promise<void> {
  await run(db, {
    name: 'kms.replaceMaterial',
    text: 'UPDATE kms.key_versions SET wrapped_material = $3, root_key_id = $4 WHERE key_id = $1 AND version = $2',
  }, [keyId, version, Buffer.from(material.wrapped), material.rootKeyId]);
}
