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
 * The bucket, when the principal belongs to its owner's account; `refusal`
 * otherwise: ACCESS_DENIED, or METHOD_NOT_ALLOWED for the bucket policy's
 * own operations, which S3 answers that way for a principal of another
 * account that its permissions let through. The message names no bucket:
 * it reaches S3 clients, who know the bucket by name, never by id.
 */
export async function requireOwnedBucket(
  deps: PolicyDeps,
  principal: ActingPrincipal,
  bucketId: string,
  refusal: ErrorReason.ACCESS_DENIED | ErrorReason.METHOD_NOT_ALLOWED = ErrorReason.ACCESS_DENIED,
): Promise<BucketState> {
  const bucket = await requireBucket(deps, bucketId);
  if (bucket.record.ownerAccountId !== principal.accountId) {
    const message = refusal === ErrorReason.METHOD_NOT_ALLOWED ? 'The specified method is not allowed against this resource.' : "only principals of the bucket owner's account may do this";
    throw new DomainError(refusal, message, { metadata: { bucket_id: bucketId } });
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
