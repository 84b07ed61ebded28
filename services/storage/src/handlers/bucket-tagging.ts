import { ErrorReason, type storageV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { changeBucket, requireBucket } from '../bucket-access';
import { updateBucketTags } from '../bucket-store';
import type { StorageHandler } from '../storage-call';
import { BUCKET_TAGS, validateTags } from '../tags';

/** PutBucketTagging: replaces the tag set (an empty set removes it), checked once the caller is authorized. */
export const putBucketTagging: StorageHandler<storageV1.PutBucketTaggingRequest, storageV1.PutBucketTaggingResponse> = async (deps, request, call) => {
  const bucket = await requireBucket(deps, request.bucket);
  await deps.authorizer.require(call.requester, { action: 's3:PutBucketTagging', bucket });
  const tags = validateTags(request.tags, BUCKET_TAGS);
  await changeBucket(deps, bucket, () => updateBucketTags(deps.pool, bucket.bucketId, tags.length === 0 ? null : tags));
  return {};
};

/** GetBucketTagging: the tag set, or NO_SUCH_TAG_SET. */
export const getBucketTagging: StorageHandler<storageV1.GetBucketTaggingRequest, storageV1.GetBucketTaggingResponse> = async (deps, request, call) => {
  const bucket = await requireBucket(deps, request.bucket);
  await deps.authorizer.require(call.requester, { action: 's3:GetBucketTagging', bucket });
  if (bucket.tags === null) throw new DomainError(ErrorReason.NO_SUCH_TAG_SET, `bucket ${bucket.name} has no tag set`);
  return { tags: bucket.tags.map((tag) => ({ ...tag })) };
};

/** DeleteBucketTagging: removes the tag set (authorized as s3:PutBucketTagging, as S3 does). */
export const deleteBucketTagging: StorageHandler<storageV1.DeleteBucketTaggingRequest, storageV1.DeleteBucketTaggingResponse> = async (
  deps,
  request,
  call,
) => {
  const bucket = await requireBucket(deps, request.bucket);
  await deps.authorizer.require(call.requester, { action: 's3:PutBucketTagging', bucket });
  await changeBucket(deps, bucket, () => updateBucketTags(deps.pool, bucket.bucketId, null));
  return {};
};
