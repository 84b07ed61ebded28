import { ErrorReason, type policyV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { checkBlockPublicAccess, effectiveAclGrants, expandCannedAcl, type AccessControlPolicy } from '@strongroom/iam-policy';
import { acceptedUnderOwnerEnforced, resolveBucketAcl } from '../acl-input';
import { changeBucket, requireBucket } from '../bucket-access';
import { requireActFor } from '../caller-scope';
import type { PolicyHandler } from '../policy-call';
import { toGrant } from '../proto-mapping';
import { requireAccount } from './accounts';
import { effectiveSettings } from './bucket-policy';

/** An ACL as the API's AccessControlPolicy. */
export function toAccessControlPolicy(acl: AccessControlPolicy): policyV1.AccessControlPolicy {
  return { ownerId: acl.owner.id, ownerDisplayName: acl.owner.displayName ?? '', grants: acl.grants.map(toGrant) };
}

/**
 * PutBucketAcl, for a caller that authorized s3:PutBucketAcl (storage's
 * ResolveBucket, as the gateway does). Nothing here can authorize a grantee
 * of another account, so a credential that does not act for the bucket's
 * owner is refused: a tenant's would otherwise skip that authorization.
 */
export const putBucketAcl: PolicyHandler<policyV1.PutBucketAclRequest, policyV1.PutBucketAclResponse> = async (deps, request, call) => {
  const bucket = await requireBucket(deps, request.bucketId);
  requireActFor(call.caller, bucket.record.ownerAccountId);
  const owner = await requireAccount(deps, bucket.record.ownerAccountId);
  const acl = await resolveBucketAcl(deps, request.acl, owner);
  if (bucket.record.objectOwnership === 'BucketOwnerEnforced' && !acceptedUnderOwnerEnforced(request.acl, acl)) {
    throw new DomainError(ErrorReason.ACLS_NOT_SUPPORTED, 'The bucket does not allow ACLs', { metadata: { bucket_id: request.bucketId } });
  }
  const check = checkBlockPublicAccess(await effectiveSettings(deps, bucket), { type: 'acl', grants: acl.grants });
  if (check.blocked) {
    throw new DomainError(ErrorReason.PUBLIC_ACCESS_BLOCKED, `${check.setting} is on and the ACL grants public access`, { metadata: { setting: check.setting } });
  }
  await changeBucket(deps, request.bucketId, { acl });
  return { accessControlPolicy: toAccessControlPolicy(acl) };
};

/**
 * GetBucketAcl: the effective ACL; with BucketOwnerEnforced always the
 * owner's full control, as S3 answers reads of disabled ACLs. Authorized
 * by the caller, as PutBucketAcl is, and refused alike to a credential that
 * does not act for the bucket's owner.
 */
export const getBucketAcl: PolicyHandler<policyV1.GetBucketAclRequest, policyV1.GetBucketAclResponse> = async (deps, request, call) => {
  const bucket = await requireBucket(deps, request.bucketId);
  requireActFor(call.caller, bucket.record.ownerAccountId);
  const { owner, grants } = bucket.record.acl;
  if (bucket.record.objectOwnership === 'BucketOwnerEnforced') return { accessControlPolicy: toAccessControlPolicy({ owner, grants: expandCannedAcl('private', { owner }) }) };
  const settings = await effectiveSettings(deps, bucket);
  return { accessControlPolicy: toAccessControlPolicy({ owner, grants: effectiveAclGrants(settings, grants) }) };
};
