import { ErrorReason } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { findBucketByName, type BucketRecord } from './bucket-store';
import type { StorageDeps } from './storage-call';

/** The bucket of that name, or BUCKET_NOT_FOUND (S3's NoSuchBucket). */
export async function requireBucket(deps: StorageDeps, name: string): Promise<BucketRecord> {
  if (name === '') throw invalidArgument('bucket', 'is required');
  const bucket = await findBucketByName(deps.pool, name);
  if (bucket === undefined) throw new DomainError(ErrorReason.BUCKET_NOT_FOUND, `bucket ${name} does not exist`, { metadata: { bucket: name } });
  return bucket;
}

/** The error of a bucket that vanished during an operation. */
export function bucketGone(bucket: BucketRecord): DomainError {
  return new DomainError(ErrorReason.BUCKET_NOT_FOUND, `bucket ${bucket.name} does not exist`, { metadata: { bucket: bucket.name } });
}
