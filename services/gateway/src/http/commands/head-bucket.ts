import { bucketOf } from '../../s3/params';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** HeadBucket: `HEAD /<bucket>`: 200 with the bucket's region, or the error with no body. */
export const headBucket: Command = async (request, { storage, region }) => {
  const { bucket } = await storage.getBucket({ requester: request.requester, bucket: bucketOf(request) });
  return emptyResponse(200, { 'x-amz-bucket-region': bucket?.region || region, 'x-amz-access-point-alias': 'false' });
};
