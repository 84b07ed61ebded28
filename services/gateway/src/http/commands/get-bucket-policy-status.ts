import { administeredBucket } from '../../s3/bucket-admin';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** GetBucketPolicyStatus: `GET /<bucket>?policyStatus`: whether the bucket policy is public by AWS's rule. */
export const getBucketPolicyStatus: Command = async (request, context) => {
  const bucket = await administeredBucket(request, context, 's3:GetBucketPolicyStatus');
  const { isPublic } = await context.policy.getBucketPolicyStatus({ principal: bucket.principal, bucketId: bucket.bucketId });
  return xmlResponse('PolicyStatus', { IsPublic: isPublic });
};
