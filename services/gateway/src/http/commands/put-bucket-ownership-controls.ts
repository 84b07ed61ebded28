import { administeredBucket } from '../../s3/bucket-admin';
import { readOwnershipControls } from '../../s3/ownership-xml';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** PutBucketOwnershipControls: `PUT /<bucket>?ownershipControls` with one ObjectOwnership rule. */
export const putBucketOwnershipControls: Command = async (request, context) => {
  const objectOwnership = await readOwnershipControls(request);
  const bucket = await administeredBucket(request, context, 's3:PutBucketOwnershipControls');
  await context.policy.putBucketOwnershipControls({ principal: bucket.principal, bucketId: bucket.bucketId, objectOwnership });
  return emptyResponse(200);
};
