import { ErrorReason, type storageV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { expandCannedAcl } from '@strongroom/iam-policy';
import { toProtoAccessControlPolicy } from '../acl-mapping';
import { requireBucket } from '../bucket-access';
import { effectiveObjectAcl, enforcedOwner, replacementAcl } from '../object-acl';
import type { StorageHandler } from '../storage-call';
import { OBJECT_ACTIONS, requireVersion } from '../version-lookup';
import { updateVersionAcl } from '../version-store';
import { aclConditions } from '../write-conditions';

/**
 * GetObjectAcl: the version's effective ACL with its owner (public grants
 * left out under IgnorePublicAcls); with BucketOwnerEnforced, the bucket
 * owner's full control, as S3 reports it.
 */
export const getObjectAcl: StorageHandler<storageV1.GetObjectAclRequest, storageV1.GetObjectAclResponse> = async (deps, request, call) => {
  const bucket = await requireBucket(deps, request.bucket);
  const version = await requireVersion(deps, call, bucket, request.key, request.versionId, OBJECT_ACTIONS.getAcl);
  const bucketOwner = await enforcedOwner(deps, bucket);
  const acl =
    bucketOwner !== undefined
      ? { owner: bucketOwner, grants: expandCannedAcl('private', { owner: bucketOwner }) }
      : await effectiveObjectAcl(deps, bucket, version.acl ?? { owner: { id: version.ownerId, displayName: version.ownerDisplayName }, grants: [] });
  return { accessControlPolicy: toProtoAccessControlPolicy(acl) };
};

/**
 * The version PutObjectAcl replaces the ACL of, found as {@link requireVersion}
 * does, except that a current delete marker is METHOD_NOT_ALLOWED as when it
 * is named by id: S3 answers both 405 MethodNotAllowed on a DeleteMarker
 * (LocalStack's AWS-validated TestS3::test_put_object_acl_on_delete_marker,
 * put-acl-delete-marker), where GetObjectAcl answers NoSuchKey.
 */
async function versionToPutAclOn(...args: Parameters<typeof requireVersion>): ReturnType<typeof requireVersion> {
  try {
    return await requireVersion(...args);
  } catch (error) {
    if (error instanceof DomainError && error.reason === ErrorReason.NO_SUCH_KEY && error.metadata.delete_marker === 'true') {
      throw new DomainError(ErrorReason.METHOD_NOT_ALLOWED, `the current version of ${args[3]} is a delete marker`, { metadata: error.metadata });
    }
    throw error;
  }
}

/** PutObjectAcl: replaces the version's ACL, checked like a write's (Object Ownership, Block Public Access), its condition keys derived from the ACL it sets. */
export const putObjectAcl: StorageHandler<storageV1.PutObjectAclRequest, storageV1.PutObjectAclResponse> = async (deps, request, call) => {
  const bucket = await requireBucket(deps, request.bucket);
  const version = await versionToPutAclOn(deps, call, bucket, request.key, request.versionId, OBJECT_ACTIONS.putAcl, aclConditions(request.acl));
  const acl = await replacementAcl(deps, bucket, { id: version.ownerId, displayName: version.ownerDisplayName }, request.acl);
  await updateVersionAcl(deps.pool, version.seq, acl);
  return {};
};
