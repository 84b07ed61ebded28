import { run, type PoolClient, type Queryable } from '@strongroom/db';

type Db = Queryable | PoolClient;

/** Whether an access key may sign. */
export type AccessKeyStatusName = 'Active' | 'Inactive';

/** An access key as stored, with its secret still sealed. */
export interface AccessKeyRecord {
  readonly accessKeyId: string;
  readonly accountId: string;
  /** null for a key of the account root. */
  readonly userName: string | null;
  readonly status: AccessKeyStatusName;
  /** The secret sealed by the KMS (a ciphertext blob). */
  readonly sealedSecret: Uint8Array;
  readonly createdAt: Date;
}

interface AccessKeyRow {
  access_key_id: string;
  account_id: string;
  user_name: string | null;
  status: AccessKeyStatusName;
  sealed_secret: Buffer;
  created_at: Date;
}

const COLUMNS = 'access_key_id, account_id, user_name, status, sealed_secret, created_at';

function toRecord(row: AccessKeyRow): AccessKeyRecord {
  return {
    accessKeyId: row.access_key_id,
    accountId: row.account_id,
    userName: row.user_name,
    status: row.status,
    sealedSecret: row.sealed_secret,
    createdAt: row.created_at,
  };
}

/** Inserts an Active key; a duplicate id raises a unique violation. */
export async function insertAccessKey(db: Db, key: Omit<AccessKeyRecord, 'createdAt' | 'status'>): Promise<AccessKeyRecord> {
  const rows = await run<AccessKeyRow>(
    db,
    {
      name: 'policy.insert-access-key',
      text: `INSERT INTO policy.access_keys (access_key_id, account_id, user_name, status, sealed_secret)
             VALUES ($1, $2, $3, 'Active', $4) RETURNING ${COLUMNS}`,
    },
    [key.accessKeyId, key.accountId, key.userName, Buffer.from(key.sealedSecret)],
  );
  return toRecord(rows[0]!);
}

/** The key, or undefined. */
export async function getAccessKey(db: Db, accessKeyId: string): Promise<AccessKeyRecord | undefined> {
  const rows = await run<AccessKeyRow>(db, { name: 'policy.get-access-key', text: `SELECT ${COLUMNS} FROM policy.access_keys WHERE access_key_id = $1` }, [accessKeyId]);
  return rows[0] && toRecord(rows[0]);
}

/** The keys of a user (or, with null, of the account root), oldest first. */
export async function listAccessKeys(db: Db, accountId: string, userName: string | null): Promise<AccessKeyRecord[]> {
  const rows = await run<AccessKeyRow>(
    db,
    {
      name: 'policy.list-access-keys',
      text: `SELECT ${COLUMNS} FROM policy.access_keys WHERE account_id = $1 AND user_name IS NOT DISTINCT FROM $2 ORDER BY created_at, access_key_id`,
    },
    [accountId, userName],
  );
  return rows.map(toRecord);
}

/** Sets a key's status; undefined when the account has no such key. */
export async function setAccessKeyStatus(db: Db, accountId: string, accessKeyId: string, status: AccessKeyStatusName): Promise<AccessKeyRecord | undefined> {
  const rows = await run<AccessKeyRow>(
    db,
    { name: 'policy.set-access-key-status', text: `UPDATE policy.access_keys SET status = $3 WHERE account_id = $1 AND access_key_id = $2 RETURNING ${COLUMNS}` },
    [accountId, accessKeyId, status],
  );
  return rows[0] && toRecord(rows[0]);
}

/** Deletes a key; false when the account has no such key. */
export async function deleteAccessKey(db: Db, accountId: string, accessKeyId: string): Promise<boolean> {
  const rows = await run(
    db,
    { name: 'policy.delete-access-key', text: 'DELETE FROM policy.access_keys WHERE account_id = $1 AND access_key_id = $2 RETURNING access_key_id' },
    [accountId, accessKeyId],
  );
  return rows.length > 0;
}
