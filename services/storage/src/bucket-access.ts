import { ErrorReason } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { findBucketByName, type BucketRecord } from './bucket-store';
import { refuseNul } from './object-input';
import type { StorageDeps } from './storage-call';

/** The bucket of that name, or BUCKET_NOT_FOUND (S3's NoSuchBucket); a name that is empty or holds a NUL is INVALID_ARGUMENT naming `field`. */
export async function requireBucket(deps: StorageDeps, name: string, field = 'bucket'): Promise<BucketRecord> {
  if (name === '') throw invalidArgument(field, 'is required');
  refuseNul({ [field]: name });
  const bucket = await deps.buckets.find(name, () => findBucketByName(deps.pool, name));
  if (bucket === undefined) throw new DomainError(ErrorReason.BUCKET_NOT_FOUND, `bucket ${name} does not exist`, { metadata: { bucket: name } });
  return bucket;
}

/** The error of a bucket that vanished during an operation. */
export function bucketGone(bucket: BucketRecord): DomainError {
  return new DomainError(ErrorReason.BUCKET_NOT_FOUND, `bucket ${bucket.name} does not exist`, { metadata: { bucket: bucket.name } });
}

/**
 * Runs a change to a bucket's row (which announces it to every replica) and
 * drops the bucket from this replica's cache at once; BUCKET_NOT_FOUND when
 * `change` finds the bucket gone.
 */
export async function changeBucket(deps: StorageDeps, bucket: BucketRecord, change: () => Promise<boolean>): Promise<void> {
  try {
    if (!(await change())) throw bucketGone(bucket);
  } finally {
    deps.buckets.forget(bucket.name);
  }
}
