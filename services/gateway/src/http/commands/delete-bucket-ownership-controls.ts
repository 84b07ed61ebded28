import { administeredBucket } from '../../s3/bucket-admin';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** DeleteBucketOwnershipControls: `DELETE /<bucket>?ownershipControls` (needs the put permission, as in S3). */
export const deleteBucketOwnershipControls: Command = async (request, context) => {
  const bucket = await administeredBucket(request, context, 's3:PutBucketOwnershipControls');
  await context.policy.deleteBucketOwnershipControls({ principal: bucket.principal, bucketId: bucket.bucketId });
  return emptyResponse(204);
};
