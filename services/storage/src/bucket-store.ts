import { run } from '@strongroom/db';
import type { BucketEncryptionConfig } from './bucket-encryption';
import { notifyChanged } from './change-feed';
import type { Db } from './db';
import type { StoredTag } from './tags';

/** A bucket's versioning state, as stored. */
export type Versioning = 'Unversioned' | 'Enabled' | 'Suspended';

/** A bucket as storage keeps it. */
export interface BucketRecord {
  readonly bucketId: string;
  readonly name: string;
  readonly ownerAccountId: string;
  readonly region: string;
  readonly versioning: Versioning;
  /** The tag set; null when the bucket has none. */
  readonly tags: readonly StoredTag[] | null;
  /** The default encryption; null means SSE-S3. */
  readonly encryption: BucketEncryptionConfig | null;
  readonly createdAt: Date;
}

interface BucketRow {
  bucket_id: string;
  name: string;
  owner_account_id: string;
  region: string;
  versioning: Versioning;
  tags: StoredTag[] | null;
  encryption: BucketEncryptionConfig | null;
  created_at: Date;
}

const COLUMNS = 'bucket_id, name, owner_account_id, region, versioning, tags, encryption, created_at';

function toRecord(row: BucketRow): BucketRecord {
  return {
    bucketId: row.bucket_id,
    name: row.name,
    ownerAccountId: row.owner_account_id,
    region: row.region,
    versioning: row.versioning,
    tags: row.tags,
    encryption: row.encryption,
    createdAt: row.created_at,
  };
}

/** Inserts a bucket (and announces it); a taken name raises a unique violation. */
export async function insertBucket(db: Db, bucket: Pick<BucketRecord, 'bucketId' | 'name' | 'ownerAccountId' | 'region'>): Promise<BucketRecord> {
  const rows = await run<BucketRow>(
    db,
    {
      name: 'storage.insert-bucket',
      text: `WITH changed AS (INSERT INTO storage.buckets (bucket_id, name, owner_account_id, region) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS})
             ${notifyChanged(COLUMNS)}`,
    },
    [bucket.bucketId, bucket.name, bucket.ownerAccountId, bucket.region],
  );
  return toRecord(rows[0]!);
}

/** The bucket of that name, or undefined. */
export async function findBucketByName(db: Db, name: string): Promise<BucketRecord | undefined> {
  const rows = await run<BucketRow>(db, { name: 'storage.find-bucket-by-name', text: `SELECT ${COLUMNS} FROM storage.buckets WHERE name = $1` }, [name]);
  return rows[0] && toRecord(rows[0]);
}

/**
 * In one round trip (`storage.lock_bucket_and_key`), locks the bucket row
 * against versioning changes and deletion, then one key of it against other
 * writers (a transaction-scoped advisory lock), until the transaction ends.
 * Returns the bucket as it is now; undefined when it is gone.
 */
export async function lockBucketAndKey(db: Db, bucketId: string, key: string): Promise<BucketRecord | undefined> {
  const rows = await run<BucketRow>(db, { name: 'storage.lock-bucket-and-key', text: `SELECT ${COLUMNS} FROM storage.lock_bucket_and_key($1, $2)` }, [bucketId, key]);
  return rows[0] && toRecord(rows[0]);
}

/**
 * Locks the bucket row for its deletion, before anything else the deletion
 * locks (as every writer takes the bucket before an upload or a key), so no
 * version, upload or versioning change lands until the transaction ends.
 * False when the bucket is gone.
 */
export async function lockBucketForDeletion(db: Db, bucketId: string): Promise<boolean> {
  const rows = await run(db, { name: 'storage.lock-bucket-for-deletion', text: 'SELECT 1 FROM storage.buckets WHERE bucket_id = $1 FOR UPDATE' }, [bucketId]);
  return rows.length > 0;
}

/** Which of an account's buckets to list: names after `after` that start with `prefix`, in `region` unless that is empty. */
export interface BucketListing {
  readonly prefix: string;
  readonly after: string;
  readonly region: string;
}

/** An account's buckets by name, those `listing` selects, at most `limit`. */
export async function listBuckets(db: Db, ownerAccountId: string, listing: BucketListing, limit: number): Promise<BucketRecord[]> {
  const rows = await run<BucketRow>(
    db,
    {
      name: 'storage.list-buckets',
      text: `SELECT ${COLUMNS} FROM storage.buckets
             WHERE owner_account_id = $1 AND name > $2 AND left(name, length($3)) = $3 AND ($5 = '' OR region = $5)
             ORDER BY name LIMIT $4`,
    },
    [ownerAccountId, listing.after, listing.prefix, limit, listing.region],
  );
  return rows.map(toRecord);
}

/** Deletes a bucket (and announces it); false when it was already gone. Raises a foreign-key violation while versions or uploads remain. */
export async function deleteBucketRow(db: Db, bucketId: string): Promise<boolean> {
  const rows = await run(db, { name: 'storage.delete-bucket', text: `WITH changed AS (DELETE FROM storage.buckets WHERE bucket_id = $1 RETURNING bucket_id, name) ${notifyChanged('bucket_id')}` }, [bucketId]);
  return rows.length > 0;
}

/** Sets the versioning state (and announces it); false when the bucket is gone. */
export async function updateVersioning(db: Db, bucketId: string, versioning: Versioning): Promise<boolean> {
  const rows = await run(
    db,
    { name: 'storage.update-versioning', text: `WITH changed AS (UPDATE storage.buckets SET versioning = $2 WHERE bucket_id = $1 RETURNING bucket_id, name) ${notifyChanged('bucket_id')}` },
    [bucketId, versioning],
  );
  return rows.length > 0;
}

/** Replaces (or with null removes) the tag set (and announces it); false when the bucket is gone. */
export async function updateBucketTags(db: Db, bucketId: string, tags: readonly StoredTag[] | null): Promise<boolean> {
  const rows = await run(
    db,
    { name: 'storage.update-bucket-tags', text: `WITH changed AS (UPDATE storage.buckets SET tags = $2::jsonb WHERE bucket_id = $1 RETURNING bucket_id, name) ${notifyChanged('bucket_id')}` },
    [bucketId, tags === null ? null : JSON.stringify(tags)],
  );
  return rows.length > 0;
}

/** True when the bucket holds any version or delete marker (in-progress multipart uploads do not count, as in S3). */
export async function bucketHasVersions(db: Db, bucketId: string): Promise<boolean> {
  const rows = await run<{ busy: boolean }>(
    db,
    { name: 'storage.bucket-has-versions', text: 'SELECT EXISTS (SELECT 1 FROM storage.object_versions WHERE bucket_id = $1) AS busy' },
    [bucketId],
  );
  return rows[0]?.busy ?? false;
}
