import { ErrorReason, type policyV1 } from '@strongroom/contracts';
import { DomainError, emailGranteeRefused, invalidArgument, unknownGranteeId } from '@strongroom/errors';
import {
  canonicalGranteeIds,
  expandCannedAcl,
  isAclGroupUri,
  isCanonicalUserId,
  MAX_ACL_GRANTS,
  parseCannedAcl,
  type AccessControlPolicy,
} from '@strongroom/iam-policy';
import { unknownCanonicalIds, type AccountRecord } from './account-store';
import type { PolicyDeps } from './policy-call';
import { fromGrant } from './proto-mapping';

/** A requested ACL: canned, or explicit. */
export type AclInput = { readonly $case: 'cannedAcl'; readonly value: string } | { readonly $case: 'accessControlPolicy'; readonly value: policyV1.AccessControlPolicy };

function malformed(message: string): DomainError {
  return new DomainError(ErrorReason.MALFORMED_ACL, message);
}

/**
 * Turns a requested bucket ACL into the ACL to store: canned ACLs expanded
 * for the owner, group URIs, grantee ids and the owner checked. An unknown
 * canned ACL, group URI or a grantee id that is not a canonical user id is
 * INVALID_ARGUMENT naming the field, a canonical user id that names no
 * account INVALID_ARGUMENT "Invalid id", an email grantee
 * METHOD_NOT_ALLOWED (S3 ended them in 2025), anything else MALFORMED_ACL.
 */
export async function resolveBucketAcl(deps: PolicyDeps, input: AclInput | undefined, owner: AccountRecord): Promise<AccessControlPolicy> {
  const aclOwner = { id: owner.canonicalUserId, displayName: owner.displayName };
  if (input === undefined) throw malformed('give a canned ACL or an access control policy');
  if (input.$case === 'cannedAcl') {
    const canned = parseCannedAcl(input.value);
    if (canned === undefined) throw invalidArgument('canned_acl', `${JSON.stringify(input.value)} is not a canned ACL`);
    return { owner: aclOwner, grants: expandCannedAcl(canned, { owner: aclOwner }) };
  }
  const policy = input.value;
  if (policy.ownerId !== '' && policy.ownerId !== owner.canonicalUserId) throw malformed('the owner must be the bucket owner');
  if (policy.grants.length > MAX_ACL_GRANTS) throw malformed(`an ACL has at most ${MAX_ACL_GRANTS} grants`);
  const grants = policy.grants.map((proto, index) => {
    const field = `access_control_policy.grants[${index}]`;
    const grant = fromGrant(proto, field);
    const { grantee } = grant;
    if (grantee.type === 'Group' && !isAclGroupUri(grantee.uri)) throw invalidArgument(`${field}.grantee.uri`, `${grantee.uri} is not an S3 group URI`);
    if (grantee.type === 'CanonicalUser' && !isCanonicalUserId(grantee.id)) throw invalidArgument(`${field}.grantee.id`, `${grantee.id} is not a canonical user id`);
    if (grantee.type === 'AmazonCustomerByEmail') throw emailGranteeRefused();
    return grant;
  });
  const [unknown] = await unknownCanonicalIds(deps.pool, canonicalGranteeIds(grants));
  if (unknown !== undefined) throw unknownGranteeId(unknown);
  return { owner: aclOwner, grants };
}

/** True when an ACL gives no one but the owner anything: what a bucket's ACL must be before BucketOwnerEnforced is set. */
export function isOwnerOnlyAcl(acl: AccessControlPolicy): boolean {
  return acl.grants.every((grant) => grant.grantee.type === 'CanonicalUser' && grant.grantee.id === acl.owner.id && grant.permission === 'FULL_CONTROL');
}

/**
 * True when a PutBucketAcl's ACL (`input`, resolved as `acl`) is one
 * BucketOwnerEnforced accepts, as S3 checks it: the canned
 * `bucket-owner-full-control`, or grants of the owner's full control alone;
 * never `private`, nor an empty list of grants.
 */
export function acceptedUnderOwnerEnforced(input: AclInput | undefined, acl: AccessControlPolicy): boolean {
  if (input?.$case === 'cannedAcl') return input.value === 'bucket-owner-full-control';
  return acl.grants.length > 0 && isOwnerOnlyAcl(acl);
}
