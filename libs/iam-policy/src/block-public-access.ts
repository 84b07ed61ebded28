import { isPublicGrant, type Grant } from './acl/grant';
import type { Policy } from './policy';
import type { RequestPrincipal } from './principal';
import { analyzePolicyPublic, type PublicReason } from './public/analyze-policy';

/** The four Block Public Access settings (`PublicAccessBlockConfiguration`). */
export interface PublicAccessBlock {
  readonly blockPublicAcls: boolean;
  readonly ignorePublicAcls: boolean;
  readonly blockPublicPolicy: boolean;
  readonly restrictPublicBuckets: boolean;
}

/** A change to check before applying it. */
export type PublicAccessChange =
  /** PutBucketAcl, PutObjectAcl, or PutObject/CreateBucket/CopyObject carrying an ACL. */
  | { readonly type: 'acl'; readonly grants: readonly Grant[] }
  /** PutBucketPolicy. */
  | { readonly type: 'policy'; readonly policy: Policy };

/** The outcome of {@link checkBlockPublicAccess}; a blocked change is answered with 403 AccessDenied. */
export type PublicAccessCheck =
  | { readonly blocked: false }
  | { readonly blocked: true; readonly setting: 'BlockPublicAcls'; readonly grants: readonly Grant[] }
  | { readonly blocked: true; readonly setting: 'BlockPublicPolicy'; readonly reasons: readonly PublicReason[] };

/** No setting on. */
export const NO_PUBLIC_ACCESS_BLOCK: PublicAccessBlock = {
  blockPublicAcls: false,
  ignorePublicAcls: false,
  blockPublicPolicy: false,
  restrictPublicBuckets: false,
};

/**
 * The effective settings of several layers (account, bucket, access point):
 * each flag is on if it is on in any layer, the most restrictive wins.
 * Missing layers count as all-off.
 */
export function mergePublicAccessBlocks(...layers: readonly (Partial<PublicAccessBlock> | undefined)[]): PublicAccessBlock {
  const on = (flag: keyof PublicAccessBlock): boolean => layers.some((layer) => layer?.[flag] === true);
  return {
    blockPublicAcls: on('blockPublicAcls'),
    ignorePublicAcls: on('ignorePublicAcls'),
    blockPublicPolicy: on('blockPublicPolicy'),
    restrictPublicBuckets: on('restrictPublicBuckets'),
  };
}

/**
 * Checks a write against the settings: BlockPublicAcls rejects an ACL with a
 * public grant, BlockPublicPolicy rejects a public policy. Existing ACLs and
 * policies are not affected; IgnorePublicAcls and RestrictPublicBuckets act
 * at evaluation time instead ({@link effectiveAclGrants}, {@link restrictsPublicBucket}).
 */
export function checkBlockPublicAccess(settings: PublicAccessBlock, change: PublicAccessChange): PublicAccessCheck {
  if (change.type === 'acl') {
    const grants = change.grants.filter(isPublicGrant);
    return settings.blockPublicAcls && grants.length > 0 ? { blocked: true, setting: 'BlockPublicAcls', grants } : { blocked: false };
  }
  if (!settings.blockPublicPolicy) return { blocked: false };
  const analysis = analyzePolicyPublic(change.policy);
  return analysis.public ? { blocked: true, setting: 'BlockPublicPolicy', reasons: analysis.reasons } : { blocked: false };
}

/**
 * The grants that count at evaluation time: with IgnorePublicAcls the grants
 * to AllUsers and AuthenticatedUsers are dropped (GetBucketAcl also shows
 * this effective list).
 */
export function effectiveAclGrants(settings: PublicAccessBlock, grants: readonly Grant[]): readonly Grant[] {
  return settings.ignorePublicAcls ? grants.filter((grant) => !isPublicGrant(grant)) : grants;
}

/**
 * RestrictPublicBuckets: when it is on and the bucket policy is public, the
 * policy's Allow statements count only for AWS service principals and
 * principals of the bucket owner's account; every other caller (anonymous
 * or cross-account, even one a non-public statement names) gets no access
 * from the policy. Returns true when the caller's allows must be ignored.
 * Explicit denies in the policy still apply.
 */
export function restrictsPublicBucket(
  settings: PublicAccessBlock,
  policyIsPublic: boolean,
  principal: RequestPrincipal,
  ownerAccountId: string,
): boolean {
  if (!settings.restrictPublicBuckets || !policyIsPublic) return false;
  if (principal.type === 'service') return false;
  return !(principal.type === 'aws' && principal.accountId === ownerAccountId);
}
