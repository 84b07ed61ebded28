import { run, type PoolClient, type Queryable } from '@strongroom/db';

type Db = Queryable | PoolClient;

/** The operations a grant may permit, as stored. */
export type GrantOperationName =
  | 'Decrypt'
  | 'Encrypt'
  | 'GenerateDataKey'
  | 'GenerateDataKeyWithoutPlaintext'
  | 'ReEncryptFrom'
  | 'ReEncryptTo'
  | 'DescribeKey';

/** A grant as stored. */
export interface GrantRecord {
  readonly grantId: string;
  readonly keyId: string;
  readonly granteePrincipal: string;
  readonly operations: readonly GrantOperationName[];
  readonly name: string;
  readonly issuingAccount: string;
  readonly createdAt: Date;
}

interface GrantRow {
  grant_id: string;
  key_id: string;
  grantee_principal: string;
  operations: GrantOperationName[];
  name: string;
  issuing_account: string;
  created_at: Date;
}

const toGrant = (row: GrantRow): GrantRecord => ({
  grantId: row.grant_id,
  keyId: row.key_id,
  granteePrincipal: row.grantee_principal,
  operations: row.operations,
  name: row.name,
  issuingAccount: row.issuing_account,
  createdAt: row.created_at,
});

/** Inserts a grant. */
export async function insertGrant(db: Db, grant: GrantRecord): Promise<void> {
  await run(db, {
    name: 'kms.insertGrant',
    text: `INSERT INTO kms.grants (grant_id, key_id, grantee_principal, operations, name, issuing_account, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  }, [grant.grantId, grant.keyId, grant.granteePrincipal, grant.operations, grant.name, grant.issuingAccount, grant.createdAt]);
}

/** A key's grants, oldest first. */
export async function listGrants(db: Db, keyId: string): Promise<GrantRecord[]> {
  const rows = await run<GrantRow>(db, {
    name: 'kms.listGrants',
    text: `SELECT grant_id, key_id, grantee_principal, operations, name, issuing_account, created_at
           FROM kms.grants WHERE key_id = $1 ORDER BY created_at, grant_id`,
  }, [keyId]);
  return rows.map(toGrant);
}

/** Deletes a grant of a key; false when there was none. */
export async function deleteGrant(db: Db, keyId: string, grantId: string): Promise<boolean> {
  const rows = await run(db, {
    name: 'kms.deleteGrant',
    text: 'DELETE FROM kms.grants WHERE key_id = $1 AND grant_id = $2 RETURNING grant_id',
  }, [keyId, grantId]);
  return rows.length > 0;
}
