import type { AccessControlPolicy, PublicAccessBlock } from '@strongroom/iam-policy';
import { run, type PoolClient, type Queryable } from '@strongroom/db';
import { createHash } from 'node:crypto';

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
  /** The user ids the policy's user ARNs are bound to; null, or an ARN missing, for a policy not bound yet (see migration 0003), also when the ids recorded were for another policy text. */
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
  policy_user_ids_for: string | null;
  acl: AccessControlPolicy;
  public_access_block: PublicAccessBlock | null;
  object_ownership: ObjectOwnershipName | null;
  created_at: Date;
}

const COLUMNS = 'bucket_id, name, owner_account_id, region, policy, policy_user_ids, policy_user_ids_for, acl, public_access_block, object_ownership, created_at';

/** What names the policy text user ids were recorded for (`policy_user_ids_for`): its SHA-256, in hex. */
function policyDigest(policy: string): string {
  return createHash('sha256').update(policy).digest('hex');
}

/** The ids recorded for this very policy text; null when none were, or they were for a text since replaced by a replica that records none. */
function idsFor(row: BucketRow): PolicyUserIds | null {
  return row.policy !== null && row.policy_user_ids !== null && row.policy_user_ids_for === policyDigest(row.policy) ? row.policy_user_ids : null;
}

function toRecord(row: BucketRow): BucketRecord {
  return {
    bucketId: row.bucket_id,
    name: row.name,
    ownerAccountId: row.owner_account_id,
    region: row.region,
    policy: row.policy,
    policyUserIds: idsFor(row),
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
               policy_user_ids_for = CASE WHEN $2 THEN $10 ELSE policy_user_ids_for END,
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
      settings.policy === undefined || settings.policy === null ? null : policyDigest(settings.policy.text),
    ],
  );
  return rows.length > 0;
}

/**
 * Records the user ids of a policy not bound yet, if the bucket still has
 * that policy and no ids recorded for it: false when another writer
 * replaced the policy, or bound it, first.
 */
export async function bindPolicyUserIds(db: Db, bucketId: string, policy: string, userIds: PolicyUserIds): Promise<boolean> {
  const rows = await run(
    db,
    {
      name: 'policy.bind-policy-user-ids',
      text: `UPDATE policy.buckets SET policy_user_ids = $3::jsonb, policy_user_ids_for = $4
             WHERE bucket_id = $1 AND policy = $2 AND (policy_user_ids IS NULL OR policy_user_ids_for IS DISTINCT FROM $4) RETURNING bucket_id`,
    },
    [bucketId, policy, JSON.stringify(userIds), policyDigest(policy)],
  );
  return rows.length > 0;
}
