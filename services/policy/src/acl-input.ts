import { ErrorReason, type policyV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, expandCannedAcl, LOG_DELIVERY_URI, parseCannedAcl, type AccessControlPolicy, type Grant } from '@strongroom/iam-policy';
import type { AccountRecord } from './account-store';
import { canonicalIdByEmail } from './account-store';
import type { PolicyDeps } from './policy-call';
import { fromGrant } from './proto-mapping';

/** S3's limit on grants per ACL. */
export const MAX_GRANTS = 100;

const GROUPS = new Set([ALL_USERS_URI, AUTHENTICATED_USERS_URI, LOG_DELIVERY_URI]);

/** A requested ACL: canned, or explicit. */
export type AclInput = { readonly $case: 'cannedAcl'; readonly value: string } | { readonly $case: 'accessControlPolicy'; readonly value: policyV1.AccessControlPolicy };

function malformed(message: string): DomainError {
  return new DomainError(ErrorReason.MALFORMED_ACL, message);
}

/**
 * Turns a requested bucket ACL into the ACL to store: canned ACLs expanded
 * for the owner, email grantees resolved to canonical users (as S3 does when
 * it stores an ACL), group URIs and the owner checked. MALFORMED_ACL says what is wrong.
 */
export async function resolveBucketAcl(deps: PolicyDeps, input: AclInput | undefined, owner: AccountRecord): Promise<AccessControlPolicy> {
  const aclOwner = { id: owner.canonicalUserId, displayName: owner.displayName };
  if (input === undefined) throw malformed('give a canned ACL or an access control policy');
  if (input.$case === 'cannedAcl') {
    const canned = parseCannedAcl(input.value);
    if (canned === undefined) throw malformed(`${JSON.stringify(input.value)} is not a canned ACL`);
    return { owner: aclOwner, grants: expandCannedAcl(canned, { owner: aclOwner }) };
  }
  const policy = input.value;
  if (policy.ownerId !== '' && policy.ownerId !== owner.canonicalUserId) throw malformed('the owner must be the bucket owner');
  if (policy.grants.length > MAX_GRANTS) throw malformed(`an ACL has at most ${MAX_GRANTS} grants`);
  const grants: Grant[] = [];
  for (const [index, proto] of policy.grants.entries()) {
    const grant = fromGrant(proto, `access_control_policy.grants[${index}]`);
    const { grantee } = grant;
    if (grantee.type === 'Group' && !GROUPS.has(grantee.uri)) throw malformed(`grants[${index}]: ${grantee.uri} is not an S3 group URI`);
    if (grantee.type === 'CanonicalUser' && !/^[0-9a-f]{64}$/.test(grantee.id)) throw malformed(`grants[${index}]: ${grantee.id} is not a canonical user id`);
    if (grantee.type === 'AmazonCustomerByEmail') {
      const id = await canonicalIdByEmail(deps.pool, grantee.emailAddress);
      if (id === undefined) throw malformed(`grants[${index}]: no account has the email address ${grantee.emailAddress}`);
      grants.push({ grantee: { type: 'CanonicalUser', id }, permission: grant.permission });
    } else grants.push(grant);
  }
  return { owner: aclOwner, grants };
}

/** True when an ACL only gives the owner full control: the one ACL BucketOwnerEnforced accepts. */
export function isOwnerOnlyAcl(acl: AccessControlPolicy): boolean {
  return acl.grants.every((grant) => grant.grantee.type === 'CanonicalUser' && grant.grantee.id === acl.owner.id && grant.permission === 'FULL_CONTROL');
}
