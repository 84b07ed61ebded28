import { run } from '@strongroom/db';
import type { Db } from './db';

/** A stored bucket key: the KMS ciphertext blob of a 256-bit key, and which KMS key made it. */
export interface BucketKeyRecord {
  readonly bucketKeyId: string;
  readonly bucketId: string;
  readonly kmsKeyArn: string;
  readonly kmsKeyVersion: number;
  readonly wrappedKey: Uint8Array;
}

interface BucketKeyRow {
  bucket_key_id: string;
  bucket_id: string;
  kms_key_arn: string;
  kms_key_version: number;
  wrapped_key: Buffer;
}

/** Stores a new bucket key. */
export async function insertBucketKey(db: Db, key: BucketKeyRecord): Promise<void> {
  await run(
    db,
    {
      name: 'storage.insert-bucket-key',
      text: 'INSERT INTO storage.bucket_keys (bucket_key_id, bucket_id, kms_key_arn, kms_key_version, wrapped_key) VALUES ($1, $2, $3, $4, $5)',
    },
    [key.bucketKeyId, key.bucketId, key.kmsKeyArn, key.kmsKeyVersion, Buffer.from(key.wrappedKey)],
  );
}

/** A bucket key by id, or undefined. */
export async function findBucketKey(db: Db, bucketKeyId: string): Promise<BucketKeyRecord | undefined> {
  const rows = await run<BucketKeyRow>(
    db,
    {
      name: 'storage.find-bucket-key',
      text: 'SELECT bucket_key_id, bucket_id, kms_key_arn, kms_key_version, wrapped_key FROM storage.bucket_keys WHERE bucket_key_id = $1',
    },
    [bucketKeyId],
  );
  const row = rows[0];
  return (
    row && { bucketKeyId: row.bucket_key_id, bucketId: row.bucket_id, kmsKeyArn: row.kms_key_arn, kmsKeyVersion: row.kms_key_version, wrappedKey: row.wrapped_key }
  );
}
