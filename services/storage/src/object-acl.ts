import { ErrorReason, policyV1, type storageV1 } from '@strongroom/contracts';
import { DomainError, emailGranteeRefused, unknownGranteeId } from '@strongroom/errors';
import {
  canonicalGranteeIds,
  effectiveAclGrants,
  expandCannedAcl,
  isAclGroupUri,
  isAclPublic,
  isCanonicalUserId,
  MAX_ACL_GRANTS,
  parseCannedAcl,
  type AccessControlPolicy,
  type Grant,
} from '@strongroom/iam-policy';
import { fromProtoGrant } from './acl-mapping';
import type { BucketRecord } from './bucket-store';
import { ANONYMOUS_OWNER, type OwnerInfo } from './policy-directory';
import type { ActingRequester } from './requester';
import type { StorageDeps } from './storage-call';


/** An object's owner and ACL, as a write stores them. */
export interface ObjectAccess {
  readonly owner: OwnerInfo;
  readonly acl: AccessControlPolicy;
}

function malformed(message: string): DomainError {
  return new DomainError(ErrorReason.MALFORMED_ACL, message);
}

/**
 * The grants of an explicit ACL, checked as S3 checks them: the owner must
 * be the object's (ACCESS_DENIED), group URIs and id shapes S3's
 * (MALFORMED_ACL), no email grantee (METHOD_NOT_ALLOWED: S3 ended them in
 * 2025), and every canonical user id an account's (INVALID_ARGUMENT
 * "Invalid id", asked of the policy service, which keeps the accounts).
 */
async function explicitGrants(deps: StorageDeps, value: policyV1.AccessControlPolicy, owner: OwnerInfo): Promise<Grant[]> {
  // S3 answers an ACL naming another owner with AccessDenied: an ACL cannot give an object away (ceph/s3-tests test_object_giveaway).
  if (value.ownerId !== '' && value.ownerId !== owner.id) throw new DomainError(ErrorReason.ACCESS_DENIED, 'the ACL owner must be the object owner');
  if (value.grants.length > MAX_ACL_GRANTS) throw malformed(`an ACL has at most ${MAX_ACL_GRANTS} grants`);
  const grants = value.grants.map((proto, index) => {
    const grant = fromProtoGrant(proto, `acl.grants[${index}]`);
    const { grantee } = grant;
    if (grantee.type === 'Group' && !isAclGroupUri(grantee.uri)) throw malformed(`grants[${index}]: ${grantee.uri} is not an S3 group URI`);
    if (grantee.type === 'CanonicalUser' && !isCanonicalUserId(grantee.id)) throw malformed(`grants[${index}]: ${grantee.id} is not a canonical user id`);
    if (grantee.type === 'AmazonCustomerByEmail') throw emailGranteeRefused();
    return grant;
  });
  const [unknown] = await deps.directory.unknownCanonicalIds(canonicalGranteeIds(grants));
  if (unknown !== undefined) throw unknownGranteeId(unknown);
  return grants;
}

/** True when the requested ACL is the one BucketOwnerEnforced accepts: none, `bucket-owner-full-control`, or grants of the bucket owner's full control (an empty list grants nothing, so is not it). */
function ownerEnforcedCompatible(input: storageV1.ObjectAcl['acl'], writer: OwnerInfo, bucketOwner: OwnerInfo): boolean {
  if (input === undefined) return true;
  if (input.$case === 'cannedAcl') return input.value === 'bucket-owner-full-control' || (input.value === 'private' && writer.id === bucketOwner.id);
  const { grants } = input.value;
  return grants.length > 0 && grants.every((grant) => grant.grantee?.id === bucketOwner.id && grant.permission === policyV1.AclPermission.FULL_CONTROL);
}

/**
 * The ACL a write stores, checked the way S3 checks it: a canned ACL or
 * explicit grants (checked by {@link explicitGrants}), expanded for the object's owner and the bucket owner;
 * with BucketOwnerEnforced, only
 * `bucket-owner-full-control` (ACLS_NOT_SUPPORTED otherwise); a public ACL
 * refused under BlockPublicAcls (PUBLIC_ACCESS_BLOCKED).
 */
async function resolveAcl(deps: StorageDeps, bucket: BucketRecord, owner: OwnerInfo, bucketOwner: OwnerInfo, input: storageV1.ObjectAcl['acl'], enforced: boolean, writer: OwnerInfo = owner): Promise<AccessControlPolicy> {
  if (enforced) {
    if (!ownerEnforcedCompatible(input, writer, bucketOwner)) throw new DomainError(ErrorReason.ACLS_NOT_SUPPORTED, 'the bucket does not allow ACLs (BucketOwnerEnforced)');
    return { owner, grants: expandCannedAcl('private', { owner }) };
  }
  let grants: Grant[];
  if (input === undefined) grants = expandCannedAcl('private', { owner });
  else if (input.$case === 'cannedAcl') {
    const canned = parseCannedAcl(input.value);
    if (canned === undefined) throw malformed(`${JSON.stringify(input.value)} is not a canned ACL`);
    grants = expandCannedAcl(canned, { owner, bucketOwner });
  } else grants = await explicitGrants(deps, input.value, owner);
  if (input !== undefined && isAclPublic(grants) && (await deps.directory.publicAccessBlock(bucket)).blockPublicAcls) {
    throw new DomainError(ErrorReason.PUBLIC_ACCESS_BLOCKED, 'Block Public Access (BlockPublicAcls) refuses a public ACL');
  }
  return { owner, grants };
}

/**
 * True when a write's ACL needs s3:PutObjectAcl besides the write's own
 * permission: any ACL but the canned `bucket-owner-full-control`, which
 * gives no one but the bucket owner anything, and which S3's cross-account
 * upload pattern (a bucket policy granting s3:PutObject on the condition
 * `s3:x-amz-acl` = `bucket-owner-full-control`, as CloudTrail and AWS Config
 * write) sends with s3:PutObject alone.
 */
export function writeNeedsAclPermission(acl: storageV1.ObjectAcl | undefined): boolean {
  return acl?.acl !== undefined && !(acl.acl.$case === 'cannedAcl' && acl.acl.value === 'bucket-owner-full-control');
}

/**
 * Who owns a new object and its ACL, by the bucket's Object Ownership: the
 * bucket owner with BucketOwnerEnforced, or with BucketOwnerPreferred and
 * `bucket-owner-full-control`; else the writer's account (anonymous writers
 * get S3's anonymous canonical id).
 */
export async function newObjectAccess(deps: StorageDeps, bucket: BucketRecord, requester: ActingRequester, acl: storageV1.ObjectAcl | undefined): Promise<ObjectAccess> {
  const [ownership, bucketOwner] = await Promise.all([deps.directory.objectOwnership(bucket), deps.directory.owner(bucket.ownerAccountId)]);
  const input = acl?.acl;
  const toBucketOwner =
    ownership === 'BucketOwnerEnforced' || (ownership === 'BucketOwnerPreferred' && input?.$case === 'cannedAcl' && input.value === 'bucket-owner-full-control');
  const writer = requester.accountId === undefined ? ANONYMOUS_OWNER : await deps.directory.owner(requester.accountId);
  const owner = toBucketOwner ? bucketOwner : writer;
  return { owner, acl: await resolveAcl(deps, bucket, owner, bucketOwner, input, ownership === 'BucketOwnerEnforced', writer) };
}

/**
 * The owner that listings and GetObjectAcl report for every object of the bucket: with
 * BucketOwnerEnforced, the bucket owner, whoever wrote an object before
 * the setting (S3 reports the bucket owner as owner, with full control, for
 * every object of such a bucket); undefined otherwise, each object's own.
 */
export async function enforcedOwner(deps: StorageDeps, bucket: BucketRecord): Promise<OwnerInfo | undefined> {
  const ownership = await deps.directory.objectOwnership(bucket);
  return ownership === 'BucketOwnerEnforced' ? deps.directory.owner(bucket.ownerAccountId) : undefined;
}

/** The ACL PutObjectAcl stores on an existing object (its owner unchanged). */
export async function replacementAcl(deps: StorageDeps, bucket: BucketRecord, owner: OwnerInfo, acl: storageV1.ObjectAcl | undefined): Promise<AccessControlPolicy> {
  if (acl?.acl === undefined) throw malformed('give a canned ACL or an access control policy');
  const [ownership, bucketOwner] = await Promise.all([deps.directory.objectOwnership(bucket), deps.directory.owner(bucket.ownerAccountId)]);
  return resolveAcl(deps, bucket, owner, bucketOwner, acl.acl, ownership === 'BucketOwnerEnforced');
}

/**
 * The ACL GetObjectAcl shows for a stored one: the grants S3 enforces, as
 * GetBucketAcl shows them. With IgnorePublicAcls on (the bucket's or its
 * account's), public grants are left out; the stored ACL is unchanged and
 * shows again once the setting goes. S3 User Guide, Blocking public
 * access: "Calls to GET Bucket acl and GET Object acl always return the
 * effective permissions in place for the specified bucket or object."
 */
export async function effectiveObjectAcl(deps: StorageDeps, bucket: BucketRecord, acl: AccessControlPolicy): Promise<AccessControlPolicy> {
  if (!isAclPublic(acl.grants)) return acl;
  return { owner: acl.owner, grants: effectiveAclGrants(await deps.directory.publicAccessBlock(bucket), acl.grants) };
}
