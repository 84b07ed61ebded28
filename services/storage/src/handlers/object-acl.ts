import type { storageV1 } from '@strongroom/contracts';
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

/** PutObjectAcl: replaces the version's ACL, checked like a write's (Object Ownership, Block Public Access), its condition keys derived from the ACL it sets. */
export const putObjectAcl: StorageHandler<storageV1.PutObjectAclRequest, storageV1.PutObjectAclResponse> = async (deps, request, call) => {
  const bucket = await requireBucket(deps, request.bucket);
  const version = await requireVersion(deps, call, bucket, request.key, request.versionId, OBJECT_ACTIONS.putAcl, aclConditions(request.acl));
  const acl = await replacementAcl(deps, bucket, { id: version.ownerId, displayName: version.ownerDisplayName }, request.acl);
  await updateVersionAcl(deps.pool, version.seq, acl);
  return {};
};
