import { ErrorReason, type policyV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { checkBlockPublicAccess, checkBucketPolicyScope, mergePublicAccessBlocks, PolicyError, tryParseNewPolicy, type Policy } from '@strongroom/iam-policy';
import { changeBucket, requireOwnedBucket } from '../bucket-access';
import { requireNamedPrincipalsExist } from '../named-principals';
import { shownPolicy } from '../shown-policy';
import type { PolicyDeps, PolicyHandler } from '../policy-call';
import type { BucketState } from '../policy-cache';
import { requireAccount } from './accounts';

/** MALFORMED_POLICY in S3's words where they are known, else the library's (what is wrong, and where); where in `path` metadata either way. */
function malformedPolicy(error: PolicyError): DomainError {
  return new DomainError(ErrorReason.MALFORMED_POLICY, error.s3Message ?? error.message, { metadata: { path: error.path } });
}

/**
 * Parses a policy put on the bucket named `bucketName`: MALFORMED_POLICY
 * for a grammar error and for a policy that does not fit the bucket.
 */
export function parseBucketPolicy(text: string, bucketName: string): Policy {
  const parsed = tryParseNewPolicy(text, { kind: 'bucket' });
  if (!parsed.ok) throw malformedPolicy(parsed.error);
  try {
    checkBucketPolicyScope(parsed.policy, bucketName);
  } catch (error) {
    if (error instanceof PolicyError) throw malformedPolicy(error);
    throw error;
  }
  return parsed.policy;
}

/** The effective Block Public Access settings of a bucket: its own merged with its owner account's. */
export async function effectiveSettings(deps: PolicyDeps, bucket: BucketState) {
  const account = await requireAccount(deps, bucket.record.ownerAccountId);
  return mergePublicAccessBlocks(account.publicAccessBlock ?? undefined, bucket.record.publicAccessBlock ?? undefined);
}

function noSuchPolicy(bucketId: string): DomainError {
  return new DomainError(ErrorReason.NO_SUCH_BUCKET_POLICY, 'the bucket policy does not exist', { metadata: { bucket_id: bucketId } });
}

export const putBucketPolicy: PolicyHandler<policyV1.PutBucketPolicyRequest, policyV1.PutBucketPolicyResponse> = async (deps, request, call) => {
  const bucket = await requireOwnedBucket(deps, call.principal, request.bucketId, ErrorReason.METHOD_NOT_ALLOWED);
  const policy = parseBucketPolicy(request.policy, bucket.record.name);
  const userIds = await requireNamedPrincipalsExist(deps, policy);
  const check = checkBlockPublicAccess(await effectiveSettings(deps, bucket), { type: 'policy', policy });
  if (check.blocked) {
    const statements = check.setting === 'BlockPublicPolicy' ? check.reasons.map((reason) => reason.sid ?? `#${reason.index}`).join(', ') : '';
    throw new DomainError(ErrorReason.PUBLIC_ACCESS_BLOCKED, `BlockPublicPolicy is on and the policy is public (statements ${statements})`, {
      metadata: { setting: check.setting },
    });
  }
  await changeBucket(deps, request.bucketId, { policy: { text: request.policy, userIds } });
  return {};
};

export const getBucketPolicy: PolicyHandler<policyV1.GetBucketPolicyRequest, policyV1.GetBucketPolicyResponse> = async (deps, request, call) => {
  const bucket = await requireOwnedBucket(deps, call.principal, request.bucketId, ErrorReason.METHOD_NOT_ALLOWED);
  if (bucket.record.policy === null || bucket.policy === undefined) throw noSuchPolicy(request.bucketId);
  return { policy: await shownPolicy(deps, bucket.record.policy, bucket.policy, bucket.record.policyUserIds) };
};

export const deleteBucketPolicy: PolicyHandler<policyV1.DeleteBucketPolicyRequest, policyV1.DeleteBucketPolicyResponse> = async (deps, request, call) => {
  await requireOwnedBucket(deps, call.principal, request.bucketId, ErrorReason.METHOD_NOT_ALLOWED);
  await changeBucket(deps, request.bucketId, { policy: null });
  return {};
};

export const getBucketPolicyStatus: PolicyHandler<policyV1.GetBucketPolicyStatusRequest, policyV1.GetBucketPolicyStatusResponse> = async (
  deps,
  request,
  call,
) => {
  const bucket = await requireOwnedBucket(deps, call.principal, request.bucketId);
  if (bucket.policy === undefined) throw noSuchPolicy(request.bucketId);
  return {
    isPublic: bucket.policyAnalysis.public,
    publicStatements: bucket.policyAnalysis.reasons.map((reason) => ({ statementIndex: reason.index, sid: reason.sid ?? '', why: reason.why, neutralisedBy: '' })),
  };
};
