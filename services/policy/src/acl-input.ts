import { ErrorReason, type policyV1 } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import {
  ALL_USERS_URI,
  AUTHENTICATED_USERS_URI,
  expandCannedAcl,
  isCanonicalUserId,
  LOG_DELIVERY_URI,
  parseCannedAcl,
  type AccessControlPolicy,
  type Grant,
} from '@strongroom/iam-policy';
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

/** UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS with S3's message; the address is in `email_address` metadata. */
function unresolvableEmail(emailAddress: string): DomainError {
  return new DomainError(ErrorReason.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS, 'The e-mail address you provided does not match any account on record.', {
    metadata: { email_address: emailAddress },
  });
}

/**
 * Turns a requested bucket ACL into the ACL to store: canned ACLs expanded
 * for the owner, email grantees resolved to canonical users (as S3 does when
 * it stores an ACL), group URIs and the owner checked. An unknown canned
 * ACL, group URI or a grantee id that is not a canonical user id is
 * INVALID_ARGUMENT naming the field, an email address no account has
 * UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS, anything else MALFORMED_ACL.
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
  if (policy.grants.length > MAX_GRANTS) throw malformed(`an ACL has at most ${MAX_GRANTS} grants`);
  const grants: Grant[] = [];
  for (const [index, proto] of policy.grants.entries()) {
    const field = `access_control_policy.grants[${index}]`;
    const grant = fromGrant(proto, field);
    const { grantee } = grant;
    if (grantee.type === 'Group' && !GROUPS.has(grantee.uri)) throw invalidArgument(`${field}.grantee.uri`, `${grantee.uri} is not an S3 group URI`);
    if (grantee.type === 'CanonicalUser' && !isCanonicalUserId(grantee.id)) throw invalidArgument(`${field}.grantee.id`, `${grantee.id} is not a canonical user id`);
    if (grantee.type === 'AmazonCustomerByEmail') {
      // No account's address holds a NUL, and PostgreSQL text cannot: such an address is not looked up.
      const id = grantee.emailAddress.includes('\u0000') ? undefined : await canonicalIdByEmail(deps.pool, grantee.emailAddress);
      if (id === undefined) throw unresolvableEmail(grantee.emailAddress);
      grants.push({ grantee: { type: 'CanonicalUser', id }, permission: grant.permission });
    } else grants.push(grant);
  }
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
