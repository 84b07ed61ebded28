import { ErrorReason, policyV1, type commonV1, type storageV1 } from '@strongroom/contracts';
import { hasReason } from '@strongroom/errors';
import type { GatewayContext } from '../http/command';
import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';
import { bucketOf } from './params';

/** A bucket whose sub-resource the caller was allowed to manage, and the principal to manage it as. */
export interface AdministeredBucket {
  readonly bucketId: string;
  readonly name: string;
  readonly principal: commonV1.Principal;
}

/**
 * The bucket named `name`. GetBucket is authorized as s3:ListBucket; when a
 * bucket policy denies that, the owner account's root still finds its bucket
 * through its own bucket list, so that it can always repair the policy.
 */
async function findBucket(request: S3Request, context: GatewayContext, name: string): Promise<storageV1.Bucket | undefined> {
  try {
    return (await context.storage.getBucket({ requester: request.requester, bucket: name })).bucket;
  } catch (error) {
    if (!hasReason(error, ErrorReason.ACCESS_DENIED) || request.caller.kind !== 'aws' || !request.caller.isRoot) throw error;
    const { buckets } = await context.storage.listBuckets({ requester: request.requester, prefix: name, continuationToken: '', maxBuckets: 1 });
    if (buckets[0]?.name !== name) throw error;
    return buckets[0];
  }
}

/**
 * For the sub-resources the policy service keeps (policy, ACL, Block Public
 * Access, ownership, policy status): maps the bucket name to its id through
 * the storage service, then authorizes `action` with the policy service and
 * the request's full context, as the policy service's management RPCs
 * expect of their caller. A denial is AccessDenied; anonymous callers have
 * no principal to manage anything as.
 */
export async function administeredBucket(request: S3Request, context: GatewayContext, action: string): Promise<AdministeredBucket> {
  const name = bucketOf(request);
  const bucket = await findBucket(request, context, name);
  if (bucket === undefined) throw new S3Error('NoSuchBucket');
  const { decision } = await context.policy.authorize({
    principal: request.requester.principal,
    action,
    resource: `arn:aws:s3:::${name}`,
    bucketId: bucket.bucketId,
    context: request.requester.context,
  });
  if (decision !== policyV1.Decision.ALLOW || request.caller.kind !== 'aws') throw new S3Error('AccessDenied');
  return { bucketId: bucket.bucketId, name, principal: { accountId: request.caller.accountId, arn: request.caller.arn } };
}
