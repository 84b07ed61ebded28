import { policyV1 } from '@strongroom/contracts';
import { aclActions, compareAccess, isPublicGrant, type AccessControlPolicy, type Grant, type PublicAccessBlock, type PublicAnalysis } from '@strongroom/iam-policy';
import type { ObjectOwnershipName } from './bucket-store';
import { toGrant, toObjectOwnership, toPermission } from './proto-mapping';

const { AccessLevel } = policyV1;

/** What a bucket's access depends on. */
export interface AccessFacts {
  readonly ownerAccountId: string;
  readonly ownerCanonicalId: string;
  readonly policyAnalysis: PublicAnalysis;
  readonly acl: AccessControlPolicy;
  readonly settings: PublicAccessBlock;
  readonly ownership: ObjectOwnershipName | null;
}

/** A bucket ACL's public grants with the actions each grants, and whether IgnorePublicAcls neutralises them. */
export function publicGrants(grants: readonly Grant[], ignorePublicAcls: boolean): policyV1.PublicGrant[] {
  return grants.filter(isPublicGrant).map((grant) => ({
    grant: toGrant(grant),
    actions: [...aclActions(grant.permission, 'bucket')],
    neutralisedBy: ignorePublicAcls ? 'IgnorePublicAcls' : '',
  }));
}

/** Grants to canonical users other than the owner, grouped by grantee. */
export function externalAclGrants(acl: AccessControlPolicy, ownerCanonicalId: string): policyV1.ExternalGrant[] {
  const byGrantee = new Map<string, policyV1.AclPermission[]>();
  for (const grant of acl.grants) {
    if (grant.grantee.type !== 'CanonicalUser' || grant.grantee.id === ownerCanonicalId) continue;
    byGrantee.set(grant.grantee.id, [...(byGrantee.get(grant.grantee.id) ?? []), toPermission(grant.permission)]);
  }
  return [...byGrantee].map(([grantee, permissions]) => ({ grantee, statementIndexes: [], permissions }));
}

/**
 * The console's access level and why: a public policy statement or public
 * ACL grant that nothing neutralises makes the bucket PUBLIC; a public policy
 * cut off by RestrictPublicBuckets leaves it to the account's users; with
 * ACLs enabled and not ignored, or a policy that could still be made public,
 * objects can be public; otherwise nothing is public.
 */
export function analyzeAccess(facts: AccessFacts, policyExternal: readonly policyV1.ExternalGrant[]): policyV1.GetBucketAccessAnalysisResponse {
  const { settings, policyAnalysis } = facts;
  const aclsEnabled = facts.ownership !== 'BucketOwnerEnforced';
  const publicStatements = policyAnalysis.reasons.map((reason) => ({
    statementIndex: reason.index,
    sid: reason.sid ?? '',
    why: reason.why,
    neutralisedBy: settings.restrictPublicBuckets ? 'RestrictPublicBuckets' : '',
  }));
  const grants = aclsEnabled ? publicGrants(facts.acl.grants, settings.ignorePublicAcls) : [];
  const explanation: string[] = [];
  const livePolicy = policyAnalysis.public && !settings.restrictPublicBuckets;
  const liveAcl = grants.some((grant) => grant.neutralisedBy === '');
  let accessLevel: policyV1.AccessLevel;
  if (livePolicy || liveAcl) {
    accessLevel = AccessLevel.PUBLIC;
    if (livePolicy) explanation.push(`the bucket policy is public (statements ${publicStatements.map((s) => s.sid || `#${s.statementIndex}`).join(', ')})`);
    if (liveAcl) explanation.push('the bucket ACL grants AllUsers or AuthenticatedUsers');
  } else if (policyAnalysis.public) {
    accessLevel = AccessLevel.ONLY_AUTHORIZED_USERS_OF_THIS_ACCOUNT;
    explanation.push('the bucket policy is public, but RestrictPublicBuckets limits it to the owner account and service principals');
  } else {
    const objectAcls = aclsEnabled && !settings.ignorePublicAcls;
    const futurePolicy = !settings.blockPublicPolicy && !settings.restrictPublicBuckets;
    accessLevel = objectAcls || futurePolicy ? AccessLevel.OBJECTS_CAN_BE_PUBLIC : AccessLevel.NOT_PUBLIC;
    if (objectAcls) explanation.push('ACLs are enabled and IgnorePublicAcls is off: object ACLs can make objects public');
    if (futurePolicy) explanation.push('BlockPublicPolicy and RestrictPublicBuckets are off: a bucket policy can make objects public');
    if (!objectAcls && !futurePolicy) explanation.push('nothing grants public access, and Block Public Access keeps it so');
  }
  if (grants.length > 0 && !liveAcl) explanation.push('IgnorePublicAcls neutralises the public ACL grants');
  return {
    accessLevel,
    publicStatements,
    publicGrants: grants,
    externalGrants: [...policyExternal, ...(aclsEnabled ? externalAclGrants(facts.acl, facts.ownerCanonicalId) : [])],
    effectivePublicAccessBlock: { ...settings },
    objectOwnership: toObjectOwnership(facts.ownership),
    explanation,
  };
}

/** The outside parties a policy grants (as {@link compareAccess} sees them, against no policy). */
export function policyExternalGrants(policy: Parameters<typeof compareAccess>[1] | undefined, ownerAccountId: string): policyV1.ExternalGrant[] {
  if (policy === undefined) return [];
  return compareAccess(undefined, policy, ownerAccountId).newGrantees.map((grant) => ({
    grantee: grant.grantee,
    statementIndexes: grant.statements.map((statement) => statement.index),
    permissions: [],
  }));
}
