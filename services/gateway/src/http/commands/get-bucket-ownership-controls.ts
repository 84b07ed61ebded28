import { administeredBucket } from '../../s3/bucket-admin';
import { ownershipControlsXml } from '../../s3/ownership-xml';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** GetBucketOwnershipControls: `GET /<bucket>?ownershipControls`. */
export const getBucketOwnershipControls: Command = async (request, context) => {
  const bucket = await administeredBucket(request, context, 's3:GetBucketOwnershipControls');
  const response = await context.policy.getBucketOwnershipControls({ principal: bucket.principal, bucketId: bucket.bucketId });
  return xmlResponse('OwnershipControls', ownershipControlsXml(response.objectOwnership));
};
