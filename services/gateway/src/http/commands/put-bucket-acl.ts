import { aclFromRequest } from '../../s3/acl-xml';
import { administeredBucket } from '../../s3/bucket-admin';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** PutBucketAcl: `PUT /<bucket>?acl` with a canned ACL, grant headers or an AccessControlPolicy. */
export const putBucketAcl: Command = async (request, context) => {
  const acl = await aclFromRequest(request);
  const bucket = await administeredBucket(request, context, 's3:PutBucketAcl', acl);
  await context.policy.putBucketAcl({ principal: bucket.principal, bucketId: bucket.bucketId, acl: acl.acl });
  return emptyResponse(200);
};
