import { ErrorReason } from '@strongroom/contracts';
import { withTransaction } from '@strongroom/db';
import { DomainError } from '@strongroom/errors';
import type { ActingPrincipal } from '@strongroom/grpc';
import { updateBucket, type BucketSettings } from './bucket-store';
import { announce } from './change-feed';
import type { PolicyDeps } from './policy-call';
import type { BucketState } from './policy-cache';

/** The bucket; BUCKET_NOT_FOUND when it is not registered. */
export async function requireBucket(deps: PolicyDeps, bucketId: string): Promise<BucketState> {
  const bucket = await deps.cache.bucket(bucketId);
  if (bucket === undefined) throw new DomainError(ErrorReason.BUCKET_NOT_FOUND, `bucket ${bucketId} is not registered`, { metadata: { bucket_id: bucketId } });
  return bucket;
}

/**
 * The bucket, when the principal belongs to its owner's account; ACCESS_DENIED
 * otherwise (S3 answers other accounts' policy calls with MethodNotAllowed).
 */
export async function requireOwnedBucket(deps: PolicyDeps, principal: ActingPrincipal, bucketId: string): Promise<BucketState> {
  const bucket = await requireBucket(deps, bucketId);
  if (bucket.record.ownerAccountId !== principal.accountId) {
    throw new DomainError(ErrorReason.ACCESS_DENIED, `only principals of the bucket owner's account may do this on bucket ${bucketId}`, {
      metadata: { bucket_id: bucketId },
    });
  }
  return bucket;
}

/** Applies settings to a bucket and announces the change in the same transaction. */
export async function changeBucket(deps: PolicyDeps, bucketId: string, settings: BucketSettings): Promise<void> {
  const found = await withTransaction(deps.pool, async (client) => {
    const updated = await updateBucket(client, bucketId, settings);
    if (updated) await announce(client, { kind: 'bucket', bucketId });
    return updated;
  });
  deps.cache.invalidate({ kind: 'bucket', bucketId });
  if (!found) throw new DomainError(ErrorReason.BUCKET_NOT_FOUND, `bucket ${bucketId} is not registered`, { metadata: { bucket_id: bucketId } });
}
