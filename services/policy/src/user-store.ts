import { run, type PoolClient, type Queryable } from '@strongroom/db';

type Db = Queryable | PoolClient;

/** A user as stored in `policy.users`. */
export interface UserRecord {
  readonly accountId: string;
  readonly userName: string;
  readonly userId: string;
  readonly createdAt: Date;
}

/** An inline identity policy as stored. */
export interface StoredUserPolicy {
  readonly policyName: string;
  readonly document: string;
}

interface UserRow {
  account_id: string;
  user_name: string;
  user_id: string;
  created_at: Date;
}

const COLUMNS = 'account_id, user_name, user_id, created_at';

function toRecord(row: UserRow): UserRecord {
  return { accountId: row.account_id, userName: row.user_name, userId: row.user_id, createdAt: row.created_at };
}

/** Inserts a user; a duplicate name raises a unique violation. */
export async function insertUser(db: Db, user: Omit<UserRecord, 'createdAt'>): Promise<UserRecord> {
  const rows = await run<UserRow>(
    db,
    { name: 'policy.insert-user', text: `INSERT INTO policy.users (account_id, user_name, user_id) VALUES ($1, $2, $3) RETURNING ${COLUMNS}` },
    [user.accountId, user.userName, user.userId],
  );
  return toRecord(rows[0]!);
}

/** The user, or undefined. */
export async function getUser(db: Db, accountId: string, userName: string): Promise<UserRecord | undefined> {
  const rows = await run<UserRow>(
    db,
    { name: 'policy.get-user', text: `SELECT ${COLUMNS} FROM policy.users WHERE account_id = $1 AND user_name = $2` },
    [accountId, userName],
  );
  return rows[0] && toRecord(rows[0]);
}

/** An account's user by name, as a bucket policy's Principal names it. */
export interface UserName {
  readonly accountId: string;
  readonly userName: string;
}

/** The unique id of each of `users` that exists; those that do not are left out. */
export async function userIdsOf<T extends UserName>(db: Db, users: readonly T[]): Promise<Map<T, string>> {
  if (users.length === 0) return new Map();
  const rows = await run<{ account_id: string; user_name: string; user_id: string }>(
    db,
    {
      name: 'policy.user-ids-of',
      text: 'SELECT u.account_id, u.user_name, u.user_id FROM policy.users u JOIN unnest($1::text[], $2::text[]) AS named(account_id, user_name) USING (account_id, user_name)',
    },
    [users.map((user) => user.accountId), users.map((user) => user.userName)],
  );
  const ids = new Map(rows.map((row) => [JSON.stringify([row.account_id, row.user_name]), row.user_id]));
  return new Map(users.flatMap((user) => {
    const id = ids.get(JSON.stringify([user.accountId, user.userName]));
    return id === undefined ? [] : [[user, id] as const];
  }));
}

/** Those of the user ids `userIds` that a user still has. */
export async function existingUserIds(db: Db, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await run<{ user_id: string }>(db, { name: 'policy.existing-user-ids', text: 'SELECT user_id FROM policy.users WHERE user_id = ANY($1::text[])' }, [userIds]);
  return new Set(rows.map((row) => row.user_id));
}

/** The account's users by name. */
export async function listUsers(db: Db, accountId: string): Promise<UserRecord[]> {
  const rows = await run<UserRow>(db, { name: 'policy.list-users', text: `SELECT ${COLUMNS} FROM policy.users WHERE account_id = $1 ORDER BY user_name` }, [accountId]);
  return rows.map(toRecord);
}

/** Deletes a user (its policies and access keys cascade); returns the ids of the keys it had, or undefined when there was no such user. */
export async function deleteUser(db: Db, accountId: string, userName: string): Promise<string[] | undefined> {
  const keys = await run<{ access_key_id: string }>(
    db,
    { name: 'policy.user-key-ids', text: 'SELECT access_key_id FROM policy.access_keys WHERE account_id = $1 AND user_name = $2' },
    [accountId, userName],
  );
  const rows = await run(db, { name: 'policy.delete-user', text: 'DELETE FROM policy.users WHERE account_id = $1 AND user_name = $2 RETURNING user_id' }, [accountId, userName]);
  return rows.length === 0 ? undefined : keys.map((key) => key.access_key_id);
}

/** Creates or replaces an inline policy. */
export async function putUserPolicy(db: Db, accountId: string, userName: string, policy: StoredUserPolicy): Promise<void> {
  await run(
    db,
    {
      name: 'policy.put-user-policy',
      text: `INSERT INTO policy.user_policies (account_id, user_name, policy_name, document) VALUES ($1, $2, $3, $4)
             ON CONFLICT (account_id, user_name, policy_name) DO UPDATE SET document = EXCLUDED.document, updated_at = now()`,
    },
    [accountId, userName, policy.policyName, policy.document],
  );
}

/** A user's inline policies, by name. */
export async function listUserPolicies(db: Db, accountId: string, userName: string): Promise<StoredUserPolicy[]> {
  const rows = await run<{ policy_name: string; document: string }>(
    db,
    {
      name: 'policy.list-user-policies',
      text: 'SELECT policy_name, document FROM policy.user_policies WHERE account_id = $1 AND user_name = $2 ORDER BY policy_name',
    },
    [accountId, userName],
  );
  return rows.map((row) => ({ policyName: row.policy_name, document: row.document }));
}

/** Deletes an inline policy; false when there was none. */
export async function deleteUserPolicy(db: Db, accountId: string, userName: string, policyName: string): Promise<boolean> {
  const rows = await run(
    db,
    {
      name: 'policy.delete-user-policy',
      text: 'DELETE FROM policy.user_policies WHERE account_id = $1 AND user_name = $2 AND policy_name = $3 RETURNING policy_name',
    },
    [accountId, userName, policyName],
  );
  return rows.length > 0;
}
