import type { AccessControlPolicy, PublicAccessBlock } from '@strongroom/iam-policy';
import { run, type PoolClient, type Queryable } from '@strongroom/db';

type Db = Queryable | PoolClient;

/** Object Ownership, as S3 names it. */
export type ObjectOwnershipName = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';

/** The unique ids a bucket policy's user ARNs are bound to, by ARN as written; null for a name no user had. */
export type PolicyUserIds = Readonly<Record<string, string | null>>;

/** A registered bucket with everything access depends on; null fields are not set. */
export interface BucketRecord {
  readonly bucketId: string;
  readonly name: string;
  readonly ownerAccountId: string;
  readonly region: string;
  /** The policy JSON exactly as put. */
  readonly policy: string | null;
  /** The user ids the policy's user ARNs are bound to; null, or an ARN missing, for a policy not bound yet (see migration 0003). */
  readonly policyUserIds: PolicyUserIds | null;
  readonly acl: AccessControlPolicy;
  readonly publicAccessBlock: PublicAccessBlock | null;
  readonly objectOwnership: ObjectOwnershipName | null;
  readonly createdAt: Date;
}

interface BucketRow {
  bucket_id: string;
  name: string;
  owner_account_id: string;
  region: string;
  policy: string | null;
  policy_user_ids: PolicyUserIds | null;
  acl: AccessControlPolicy;
  public_access_block: PublicAccessBlock | null;
  object_ownership: ObjectOwnershipName | null;
  created_at: Date;
}

const COLUMNS = 'bucket_id, name, owner_account_id, region, policy, policy_user_ids, acl, public_access_block, object_ownership, created_at';

function toRecord(row: BucketRow): BucketRecord {
  return {
    bucketId: row.bucket_id,
    name: row.name,
    ownerAccountId: row.owner_account_id,
    region: row.region,
    policy: row.policy,
    policyUserIds: row.policy_user_ids,
    acl: row.acl,
    publicAccessBlock: row.public_access_block,
    objectOwnership: row.object_ownership,
    createdAt: row.created_at,
  };
}

/** Inserts a bucket; a duplicate id raises a unique violation. */
export async function insertBucket(db: Db, bucket: Omit<BucketRecord, 'createdAt' | 'policy' | 'policyUserIds'>): Promise<BucketRecord> {
  const rows = await run<BucketRow>(
    db,
    {
      name: 'policy.insert-bucket',
      text: `INSERT INTO policy.buckets (bucket_id, name, owner_account_id, region, acl, public_access_block, object_ownership)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    },
    [
      bucket.bucketId,
      bucket.name,
      bucket.ownerAccountId,
      bucket.region,
      JSON.stringify(bucket.acl),
      bucket.publicAccessBlock === null ? null : JSON.stringify(bucket.publicAccessBlock),
      bucket.objectOwnership,
    ],
  );
  return toRecord(rows[0]!);
}

/** The bucket, or undefined. */
export async function getBucket(db: Db, bucketId: string): Promise<BucketRecord | undefined> {
  const rows = await run<BucketRow>(db, { name: 'policy.get-bucket', text: `SELECT ${COLUMNS} FROM policy.buckets WHERE bucket_id = $1` }, [bucketId]);
  return rows[0] && toRecord(rows[0]);
}

/** Deletes a bucket; false when there was none. */
export async function deleteBucket(db: Db, bucketId: string): Promise<boolean> {
  const rows = await run(db, { name: 'policy.delete-bucket', text: 'DELETE FROM policy.buckets WHERE bucket_id = $1 RETURNING bucket_id' }, [bucketId]);
  return rows.length > 0;
}

/** A bucket policy as stored: its JSON as put, and the user ids its user ARNs were bound to then. */
export interface StoredPolicy {
  readonly text: string;
  readonly userIds: PolicyUserIds;
}

/** The bucket settings one update may change. */
export interface BucketSettings {
  readonly policy?: StoredPolicy | null;
  readonly acl?: AccessControlPolicy;
  readonly publicAccessBlock?: PublicAccessBlock | null;
  readonly objectOwnership?: ObjectOwnershipName | null;
}

/**
 * Changes the given settings (a field left out keeps its value; null clears
 * it). Returns false when the bucket does not exist.
 */
export async function updateBucket(db: Db, bucketId: string, settings: BucketSettings): Promise<boolean> {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  const rows = await run(
    db,
    {
      name: 'policy.update-bucket',
      text: `UPDATE policy.buckets SET
               policy = CASE WHEN $2 THEN $3 ELSE policy END,
               policy_user_ids = CASE WHEN $2 THEN $9::jsonb ELSE policy_user_ids END,
               acl = COALESCE($4::jsonb, acl),
               public_access_block = CASE WHEN $5 THEN $6::jsonb ELSE public_access_block END,
               object_ownership = CASE WHEN $7 THEN $8 ELSE object_ownership END
             WHERE bucket_id = $1 RETURNING bucket_id`,
    },
    [
      bucketId,
      settings.policy !== undefined,
      settings.policy?.text ?? null,
      json(settings.acl),
      settings.publicAccessBlock !== undefined,
      json(settings.publicAccessBlock),
      settings.objectOwnership !== undefined,
      settings.objectOwnership ?? null,
      json(settings.policy?.userIds),
    ],
  );
  return rows.length > 0;
}

/**
 * Records the user ids of a policy not bound yet, if the bucket still has
 * that policy with those ids (`expected`): false when another writer
 * changed either first.
 */
export async function bindPolicyUserIds(db: Db, bucketId: string, policy: string, expected: PolicyUserIds | null, userIds: PolicyUserIds): Promise<boolean> {
  const rows = await run(
    db,
    {
      name: 'policy.bind-policy-user-ids',
      text: `UPDATE policy.buckets SET policy_user_ids = $4::jsonb
             WHERE bucket_id = $1 AND policy = $2 AND policy_user_ids IS NOT DISTINCT FROM $3::jsonb RETURNING bucket_id`,
    },
    [bucketId, policy, expected === null ? null : JSON.stringify(expected), JSON.stringify(userIds)],
  );
  return rows.length > 0;
}
