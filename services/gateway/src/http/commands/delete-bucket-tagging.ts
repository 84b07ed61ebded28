import { bucketOf } from '../../s3/params';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** DeleteBucketTagging: `DELETE /<bucket>?tagging`. */
export const deleteBucketTagging: Command = async (request, { storage }) => {
  await storage.deleteBucketTagging({ requester: request.requester, bucket: bucketOf(request) });
  return emptyResponse();
};
