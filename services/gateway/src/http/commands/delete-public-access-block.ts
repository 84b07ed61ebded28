import { administeredBucket } from '../../s3/bucket-admin';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** DeletePublicAccessBlock: `DELETE /<bucket>?publicAccessBlock` (needs the put permission, as in S3). */
export const deletePublicAccessBlock: Command = async (request, context) => {
  const bucket = await administeredBucket(request, context, 's3:PutBucketPublicAccessBlock');
  await context.policy.deleteBucketPublicAccessBlock({ principal: bucket.principal, bucketId: bucket.bucketId });
  return emptyResponse(204);
};
