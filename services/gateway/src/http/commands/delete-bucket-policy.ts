import { administeredBucket } from '../../s3/bucket-admin';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** DeleteBucketPolicy: `DELETE /<bucket>?policy`. */
export const deleteBucketPolicy: Command = async (request, context) => {
  const bucket = await administeredBucket(request, context, 's3:DeleteBucketPolicy');
  await context.policy.deleteBucketPolicy({ principal: bucket.principal, bucketId: bucket.bucketId });
  return emptyResponse(204);
};
