import type { storageV1 } from '@strongroom/contracts';
import { requireBucket } from '../bucket-access';
import { requestTagContext } from '../object-input';
import { shownVersionId } from '../shown-version-id';
import type { StorageHandler } from '../storage-call';
import { askedTags, OBJECT_TAGS, validateTags } from '../tags';
import { OBJECT_ACTIONS, requireVersion } from '../version-lookup';
import { updateVersionTags } from '../version-store';

/** GetObjectTagging: the version's tag set (empty when it has none, as S3 answers for objects). */
export const getObjectTagging: StorageHandler<storageV1.GetObjectTaggingRequest, storageV1.GetObjectTaggingResponse> = async (deps, request, call) => {
  const bucket = await requireBucket(deps, request.bucket);
  const version = await requireVersion(deps, call, bucket, request.key, request.versionId, OBJECT_ACTIONS.getTagging);
  return { tags: version.tags.map((tag) => ({ ...tag })), versionId: shownVersionId(bucket, version.versionId) };
};

/** PutObjectTagging: replaces the version's tag set (at most 10 tags, TOO_MANY_TAGS beyond; INVALID_TAG), checked once the caller is authorized. */
export const putObjectTagging: StorageHandler<storageV1.PutObjectTaggingRequest, storageV1.PutObjectTaggingResponse> = async (deps, request, call) => {
  const bucket = await requireBucket(deps, request.bucket);
  const version = await requireVersion(deps, call, bucket, request.key, request.versionId, OBJECT_ACTIONS.putTagging, requestTagContext(askedTags(request.tags, OBJECT_TAGS)));
  const tags = validateTags(request.tags, OBJECT_TAGS);
  await updateVersionTags(deps.pool, version.seq, tags);
  return { versionId: shownVersionId(bucket, version.versionId) };
};

/** DeleteObjectTagging: removes the version's tags. */
export const deleteObjectTagging: StorageHandler<storageV1.DeleteObjectTaggingRequest, storageV1.DeleteObjectTaggingResponse> = async (
  deps,
  request,
  call,
) => {
  const bucket = await requireBucket(deps, request.bucket);
  const version = await requireVersion(deps, call, bucket, request.key, request.versionId, OBJECT_ACTIONS.deleteTagging);
  await updateVersionTags(deps.pool, version.seq, []);
  return { versionId: shownVersionId(bucket, version.versionId) };
};
