import type { policyV1 } from '@strongroom/contracts';
import { invalidArgument } from '@strongroom/errors';
import { checkBlockPublicAccess, compareAccess, isAclPublic } from '@strongroom/iam-policy';
import { acceptedUnderOwnerEnforced, resolveBucketAcl } from '../acl-input';
import { analyzeAccess, externalAclGrants, policyExternalGrants, publicGrants } from '../access-analysis';
import { requireOwnedBucket } from '../bucket-access';
import type { PolicyHandler } from '../policy-call';
import { requireAccount } from './accounts';
import { effectiveSettings, parseBucketPolicy } from './bucket-policy';

export const getBucketAccessAnalysis: PolicyHandler<policyV1.GetBucketAccessAnalysisRequest, policyV1.GetBucketAccessAnalysisResponse> = async (
  deps,
  request,
  call,
) => {
  const bucket = await requireOwnedBucket(deps, call.principal, request.bucketId);
  const owner = await requireAccount(deps, bucket.record.ownerAccountId);
  return analyzeAccess(
    {
      ownerAccountId: owner.accountId,
      ownerCanonicalId: owner.canonicalUserId,
      policyAnalysis: bucket.policyAnalysis,
      acl: bucket.record.acl,
      settings: await effectiveSettings(deps, bucket),
      ownership: bucket.record.objectOwnership,
    },
    policyExternalGrants(bucket.policy, owner.accountId),
  );
};

export const checkProposedChange: PolicyHandler<policyV1.CheckProposedChangeRequest, policyV1.CheckProposedChangeResponse> = async (deps, request, call) => {
  const bucket = await requireOwnedBucket(deps, call.principal, request.bucketId);
  const owner = await requireAccount(deps, bucket.record.ownerAccountId);
  const settings = await effectiveSettings(deps, bucket);
  const proposal = request.proposal;
  if (proposal === undefined) throw invalidArgument('proposal', 'give a policy or an ACL');
  if (proposal.$case === 'policy') {
    const policy = parseBucketPolicy(proposal.value, bucket.record.name);
    const comparison = compareAccess(bucket.policy, policy, owner.accountId);
    const check = checkBlockPublicAccess(settings, { type: 'policy', policy });
    return {
      newlyPublic: comparison.newlyPublic,
      newlyCrossAccount: comparison.newlyCrossAccount,
      publicStatements: comparison.publicStatements.map((reason) => ({ statementIndex: reason.index, sid: reason.sid ?? '', why: reason.why, neutralisedBy: '' })),
      publicGrants: [],
      newExternalGrants: comparison.newGrantees.map((grant) => ({
        grantee: grant.grantee,
        statementIndexes: grant.statements.map((statement) => statement.index),
        permissions: [],
      })),
      blockedBy: check.blocked ? check.setting : '',
    };
  }
  const acl = await resolveBucketAcl(deps, proposal, owner);
  const newlyPublic = isAclPublic(acl.grants) && !isAclPublic(bucket.record.acl.grants);
  const before = new Set(externalAclGrants(bucket.record.acl, owner.canonicalUserId).map((grant) => grant.grantee));
  const newExternalGrants = externalAclGrants(acl, owner.canonicalUserId).filter((grant) => !before.has(grant.grantee));
  const check = checkBlockPublicAccess(settings, { type: 'acl', grants: acl.grants });
  return {
    newlyPublic,
    newlyCrossAccount: newExternalGrants.length > 0,
    publicStatements: [],
    publicGrants: newlyPublic ? publicGrants(acl.grants, false) : [],
    newExternalGrants,
    // In PutBucketAcl's order: BucketOwnerEnforced refuses first, then Block Public Access.
    blockedBy: bucket.record.objectOwnership === 'BucketOwnerEnforced' && !acceptedUnderOwnerEnforced(proposal, acl) ? 'BucketOwnerEnforced' : check.blocked ? check.setting : '',
  };
};
