import { isCanonicalUserId, type PublicAccessBlock } from '@strongroom/iam-policy';
import { run, type PoolClient, type Queryable } from '@strongroom/db';

type Db = Queryable | PoolClient;

/** An account as stored in `policy.accounts`. */
export interface AccountRecord {
  readonly accountId: string;
  readonly canonicalUserId: string;
  readonly displayName: string;
  readonly email: string | null;
  /** The account-level Block Public Access settings; null when not set. */
  readonly publicAccessBlock: PublicAccessBlock | null;
  readonly createdAt: Date;
}

interface AccountRow {
  account_id: string;
  canonical_user_id: string;
  display_name: string;
  email: string | null;
  public_access_block: PublicAccessBlock | null;
  created_at: Date;
}

const COLUMNS = 'account_id, canonical_user_id, display_name, email, public_access_block, created_at';

function toRecord(row: AccountRow): AccountRecord {
  return {
    accountId: row.account_id,
    canonicalUserId: row.canonical_user_id,
    displayName: row.display_name,
    email: row.email,
    publicAccessBlock: row.public_access_block,
    createdAt: row.created_at,
  };
}

/** Inserts an account; a duplicate id, canonical id or email raises a unique violation. */
export async function insertAccount(db: Db, account: Omit<AccountRecord, 'createdAt' | 'publicAccessBlock'>): Promise<AccountRecord> {
  const rows = await run<AccountRow>(
    db,
    {
      name: 'policy.insert-account',
      text: `INSERT INTO policy.accounts (account_id, canonical_user_id, display_name, email) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
    },
    [account.accountId, account.canonicalUserId, account.displayName, account.email],
  );
  return toRecord(rows[0]!);
}

/** The account, or undefined. */
export async function getAccount(db: Db, accountId: string): Promise<AccountRecord | undefined> {
  const rows = await run<AccountRow>(db, { name: 'policy.get-account', text: `SELECT ${COLUMNS} FROM policy.accounts WHERE account_id = $1` }, [accountId]);
  return rows[0] && toRecord(rows[0]);
}

/** The ids among `accountIds` that name no account, each once, in their order. */
export async function unknownAccountIds(db: Db, accountIds: readonly string[]): Promise<string[]> {
  const distinct = [...new Set(accountIds)];
  if (distinct.length === 0) return [];
  const rows = await run<{ account_id: string }>(
    db,
    { name: 'policy.known-account-ids', text: 'SELECT account_id FROM policy.accounts WHERE account_id = ANY($1::text[])' },
    [distinct],
  );
  const known = new Set(rows.map((row) => row.account_id));
  return distinct.filter((id) => !known.has(id));
}

/** The ids among `canonicalUserIds` that name no account, in their order (one not shaped as a canonical user id names none). */
export async function unknownCanonicalIds(db: Db, canonicalUserIds: readonly string[]): Promise<string[]> {
  const wellFormed = canonicalUserIds.filter(isCanonicalUserId);
  const rows =
    wellFormed.length === 0
      ? []
      : await run<{ canonical_user_id: string }>(
          db,
          { name: 'policy.known-canonical-ids', text: 'SELECT canonical_user_id FROM policy.accounts WHERE canonical_user_id = ANY($1::text[])' },
          [wellFormed],
        );
  const known = new Set(rows.map((row) => row.canonical_user_id));
  return canonicalUserIds.filter((id) => !known.has(id));
}

/** Sets (or with null removes) the account's Block Public Access settings; false when there is no such account. */
export async function setAccountPublicAccessBlock(db: Db, accountId: string, settings: PublicAccessBlock | null): Promise<boolean> {
  const rows = await run(
    db,
    { name: 'policy.set-account-pab', text: 'UPDATE policy.accounts SET public_access_block = $2 WHERE account_id = $1 RETURNING account_id' },
    [accountId, settings === null ? null : JSON.stringify(settings)],
  );
  return rows.length > 0;
}
