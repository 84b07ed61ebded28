import type { storageV1 } from '@strongroom/contracts';
import { invalidArgument } from '@strongroom/errors';
import { requireBucket } from '../bucket-access';
import type { StorageHandler } from '../storage-call';
import { aclConditions } from '../write-conditions';

/**
 * The actions on the bucket settings the policy service keeps (policy, ACL,
 * Block Public Access, ownership, policy status). Which of them the bucket
 * owner's root may always perform is the policy service's rule, not this
 * list's: here they are only actions to authorize.
 */
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
 * The reads of the bucket configurations Strongroom does not keep (CORS,
 * website, lifecycle, replication, Object Lock, Requester Pays, Transfer
 * Acceleration, logging, notifications, and the inventory, analytics,
 * metrics and Intelligent-Tiering configurations, listed and read by id), which the gateway answers as S3
 * answers a bucket without them. None is an action the owner's root may
 * always perform: a bucket policy's Deny binds it here as anywhere.
 */
const UNKEPT_CONFIGURATION_READ_ACTIONS: ReadonlySet<string> = new Set([
  's3:GetBucketCORS',
  's3:GetBucketWebsite',
  's3:GetLifecycleConfiguration',
  's3:GetReplicationConfiguration',
  's3:GetBucketObjectLockConfiguration',
  's3:GetBucketRequestPayment',
  's3:GetAccelerateConfiguration',
  's3:GetBucketLogging',
  's3:GetBucketNotification',
  's3:GetInventoryConfiguration',
  's3:GetAnalyticsConfiguration',
  's3:GetMetricsConfiguration',
  's3:GetIntelligentTieringConfiguration',
]);

function resolvable(action: string): boolean {
  return POLICY_SETTINGS_ACTIONS.has(action) || UNKEPT_CONFIGURATION_READ_ACTIONS.has(action);
}

/**
 * ResolveBucket: the bucket's id for an operation on a setting the policy
 * service keeps, or for a read of a configuration Strongroom does not keep,
 * authorized as that operation's own action (not s3:ListBucket). A missing
 * bucket is BUCKET_NOT_FOUND to anyone, as S3 answers NoSuchBucket; for an
 * existing one only the action's authorization decides, with the ACL's
 * condition keys for s3:PutBucketAcl. Any other action is
 * INVALID_ARGUMENT. Nothing but the id is returned.
 */
export const resolveBucket: StorageHandler<storageV1.ResolveBucketRequest, storageV1.ResolveBucketResponse> = async (deps, request, call) => {
  if (!resolvable(request.action)) {
    throw invalidArgument('action', 'must be an action on a bucket setting the policy service keeps or a read of a bucket configuration Strongroom does not keep');
  }
  if ((request.acl !== undefined) !== (request.action === 's3:PutBucketAcl')) throw invalidArgument('acl', 'is required for s3:PutBucketAcl, and only for it');
  const bucket = await requireBucket(deps, request.bucket);
  const context = request.action === 's3:PutBucketAcl' ? aclConditions(request.acl) : undefined;
  await deps.authorizer.require(call.requester, { action: request.action, bucket, context });
  return { bucketId: bucket.bucketId };
};
