import { administeredBucket } from '../../s3/bucket-admin';
import type { Command } from '../command';

/** GetBucketPolicy: `GET /<bucket>?policy`, the policy JSON as it was put (with a deleted user's unique id in place of its ARN, as S3 shows it). */
export const getBucketPolicy: Command = async (request, context) => {
  const bucket = await administeredBucket(request, context, 's3:GetBucketPolicy');
  const { policy } = await context.policy.getBucketPolicy({ principal: bucket.principal, bucketId: bucket.bucketId });
  return { status: 200, headers: { 'content-type': 'application/json' }, body: policy };
};
