import { administeredBucket } from '../../s3/bucket-admin';
import { readPublicAccessBlock } from '../../s3/public-access-block-xml';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** PutPublicAccessBlock: `PUT /<bucket>?publicAccessBlock` with the four settings. */
export const putPublicAccessBlock: Command = async (request, context) => {
  const publicAccessBlock = await readPublicAccessBlock(request);
  const bucket = await administeredBucket(request, context, 's3:PutBucketPublicAccessBlock');
  await context.policy.putBucketPublicAccessBlock({ principal: bucket.principal, bucketId: bucket.bucketId, publicAccessBlock });
  return emptyResponse(200);
};
