import { administeredBucket } from '../../s3/bucket-admin';
import { publicAccessBlockXml } from '../../s3/public-access-block-xml';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** GetPublicAccessBlock: `GET /<bucket>?publicAccessBlock`, the bucket's own settings. */
export const getPublicAccessBlock: Command = async (request, context) => {
  const bucket = await administeredBucket(request, context, 's3:GetBucketPublicAccessBlock');
  const response = await context.policy.getBucketPublicAccessBlock({ principal: bucket.principal, bucketId: bucket.bucketId });
  return xmlResponse('PublicAccessBlockConfiguration', publicAccessBlockXml(response.publicAccessBlock));
};
