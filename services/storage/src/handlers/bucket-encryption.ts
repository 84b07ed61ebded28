import type { storageV1 } from '@strongroom/contracts';
import { changeBucket, requireBucket } from '../bucket-access';
import { DEFAULT_BUCKET_ENCRYPTION, newBucketEncryption, parseBucketEncryption, toBucketEncryption, updateBucketEncryption } from '../bucket-encryption';
import type { StorageHandler } from '../storage-call';

/**
 * PutBucketEncryption: sets the default encryption of later writes;
 * existing objects are untouched. With `keep_sse_c_block` the bucket's
 * SSE-C block stays as it was.
 */
export const putBucketEncryption: StorageHandler<storageV1.PutBucketEncryptionRequest, storageV1.PutBucketEncryptionResponse> = async (
  deps,
  request,
  call,
) => {
  const bucket = await requireBucket(deps, request.bucket);
  const config = parseBucketEncryption(request.encryption);
  await deps.authorizer.require(call.requester, { action: 's3:PutEncryptionConfiguration', bucket });
  await changeBucket(deps, bucket, () => updateBucketEncryption(deps.pool, bucket.bucketId, config, request.keepSseCBlock));
  return {};
};

/** GetBucketEncryption: the default encryption; SSE-S3 for a bucket that never set one (never "not found", as S3 today). */
export const getBucketEncryption: StorageHandler<storageV1.GetBucketEncryptionRequest, storageV1.GetBucketEncryptionResponse> = async (
  deps,
  request,
  call,
) => {
  const bucket = await requireBucket(deps, request.bucket);
  await deps.authorizer.require(call.requester, { action: 's3:GetEncryptionConfiguration', bucket });
  return { encryption: toBucketEncryption(bucket.encryption ?? DEFAULT_BUCKET_ENCRYPTION) };
};

/**
 * DeleteBucketEncryption: back to a new bucket's configuration, SSE-S3 (and
 * SSE-C blocked unless the legacy defaults are on), authorized as
 * s3:PutEncryptionConfiguration, as S3 does.
 */
export const deleteBucketEncryption: StorageHandler<storageV1.DeleteBucketEncryptionRequest, storageV1.DeleteBucketEncryptionResponse> = async (
  deps,
  request,
  call,
) => {
  const bucket = await requireBucket(deps, request.bucket);
  await deps.authorizer.require(call.requester, { action: 's3:PutEncryptionConfiguration', bucket });
  await changeBucket(deps, bucket, () => updateBucketEncryption(deps.pool, bucket.bucketId, newBucketEncryption(deps.legacyBucketDefaults)));
  return {};
};
