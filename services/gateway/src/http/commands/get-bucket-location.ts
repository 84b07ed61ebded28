import { bucketOf } from '../../s3/params';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** GetBucketLocation: `GET /<bucket>?location`; us-east-1 is the empty LocationConstraint, as S3 answers. */
export const getBucketLocation: Command = async (request, { storage, region }) => {
  const { bucket } = await storage.getBucket({ requester: request.requester, bucket: bucketOf(request) });
  const location = bucket?.region || region;
  return xmlResponse('LocationConstraint', location === 'us-east-1' ? '' : location);
};
