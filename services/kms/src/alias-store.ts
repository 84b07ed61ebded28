import { run, type PoolClient, type Queryable } from '@strongroom/db';

type Db = Queryable | PoolClient;

/** An alias as stored. */
export interface AliasRecord {
  readonly accountId: string;
  readonly aliasName: string;
  readonly keyId: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface AliasRow {
  account_id: string;
  alias_name: string;
  key_id: string;
  created_at: Date;
  updated_at: Date;
}

const toAlias = (row: AliasRow): AliasRecord => ({
  accountId: row.account_id,
  aliasName: row.alias_name,
  keyId: row.key_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The alias, or undefined. */
export async function getAlias(db: Db, accountId: string, aliasName: string): Promise<AliasRecord | undefined> {
  const rows = await run<AliasRow>(db, {
    name: 'kms.getAlias',
    text: 'SELECT account_id, alias_name, key_id, created_at, updated_at FROM kms.aliases WHERE account_id = $1 AND alias_name = $2',
  }, [accountId, aliasName]);
  return rows[0] && toAlias(rows[0]);
}

/** Inserts an alias; returns false when the name is taken. */
export async function insertAlias(db: Db, accountId: string, aliasName: string, keyId: string): Promise<AliasRecord | undefined> {
  const rows = await run<AliasRow>(db, {
    name: 'kms.insertAlias',
    text: `INSERT INTO kms.aliases (account_id, alias_name, key_id) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING account_id, alias_name, key_id, created_at, updated_at`,
  }, [accountId, aliasName, keyId]);
  return rows[0] && toAlias(rows[0]);
}

/** Points an alias at another key; undefined when there is no such alias. */
export async function updateAlias(db: Db, accountId: string, aliasName: string, keyId: string): Promise<AliasRecord | undefined> {
  const rows = await run<AliasRow>(db, {
    name: 'kms.updateAlias',
    text: `UPDATE kms.aliases SET key_id = $3, updated_at = now() WHERE account_id = $1 AND alias_name = $2
           RETURNING account_id, alias_name, key_id, created_at, updated_at`,
  }, [accountId, aliasName, keyId]);
  return rows[0] && toAlias(rows[0]);
}

/** Deletes an alias; false when there was none. */
export async function deleteAlias(db: Db, accountId: string, aliasName: string): Promise<boolean> {
  const rows = await run(db, {
    name: 'kms.deleteAlias',
    text: 'DELETE FROM kms.aliases WHERE account_id = $1 AND alias_name = $2 RETURNING alias_name',
  }, [accountId, aliasName]);
  return rows.length > 0;
}

/** An account's aliases by name, optionally only those of one key. */
export async function listAliases(db: Db, accountId: string, keyId: string | undefined): Promise<AliasRecord[]> {
  const rows = await run<AliasRow>(db, {
    name: 'kms.listAliases',
    text: `SELECT account_id, alias_name, key_id, created_at, updated_at FROM kms.aliases
           WHERE account_id = $1 AND ($2::uuid IS NULL OR key_id = $2) ORDER BY alias_name`,
  }, [accountId, keyId ?? null]);
  return rows.map(toAlias);
}
