import type { storageV1 } from '@strongroom/contracts';
import { invalidArgument } from '@strongroom/errors';
import { requireBucket } from '../bucket-access';
import type { StorageHandler } from '../storage-call';

/** The actions on the bucket settings the policy service keeps: the only ones ResolveBucket authorizes. */
const POLICY_SETTINGS_ACTIONS: ReadonlySet<string> = new Set([
  's3:GetBucketPolicy',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:GetBucketPolicyStatus',
  's3:GetBucketAcl',
  's3:PutBucketAcl',
  's3:GetBucketPublicAccessBlock',
  's3:PutBucketPublicAccessBlock',
  's3:GetBucketOwnershipControls',
  's3:PutBucketOwnershipControls',
]);

/**
 * ResolveBucket: the bucket's id for an operation on a setting the policy
 * service keeps, authorized as that operation's own action (not
 * s3:ListBucket). A missing bucket is BUCKET_NOT_FOUND to anyone, as S3
 * answers NoSuchBucket; for an existing one only the action's authorization
 * decides. Nothing but the id is returned.
 */
export const resolveBucket: StorageHandler<storageV1.ResolveBucketRequest, storageV1.ResolveBucketResponse> = async (deps, request, call) => {
  if (!POLICY_SETTINGS_ACTIONS.has(request.action)) throw invalidArgument('action', 'must be an action on a bucket setting the policy service keeps');
  const bucket = await requireBucket(deps, request.bucket);
  await deps.authorizer.require(call.requester, { action: request.action, bucket });
  return { bucketId: bucket.bucketId };
};
