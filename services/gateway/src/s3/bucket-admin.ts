import type { commonV1, storageV1 } from '@strongroom/contracts';
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
 * For the sub-resources the policy service keeps (policy, ACL, Block Public
 * Access, ownership, policy status): the storage service maps the bucket
 * name to its id and authorizes `action`, the operation's own, with the
 * request's full context, as the policy service's management RPCs expect of
 * their caller. A missing bucket is NoSuchBucket to anyone, as in S3; a
 * denial is AccessDenied (the bucket owner's root is never denied the
 * bucket policy's own actions). `acl`, for s3:PutBucketAcl: the ACL the
 * request sets, whose condition keys the authorization sees.
 * Anonymous callers have no principal to manage anything as.
 */
export async function administeredBucket(request: S3Request, context: GatewayContext, action: string, acl?: storageV1.ObjectAcl): Promise<AdministeredBucket> {
  const name = bucketOf(request);
  const { bucketId } = await context.storage.resolveBucket({ requester: request.requester, bucket: name, action, acl });
  if (request.caller.kind !== 'aws') throw new S3Error('AccessDenied');
  return { bucketId, name, principal: { accountId: request.caller.accountId, arn: request.caller.arn } };
}
