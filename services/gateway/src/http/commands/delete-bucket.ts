import { bucketOf } from '../../s3/params';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** DeleteBucket: `DELETE /<bucket>`, only when empty. */
export const deleteBucket: Command = async (request, { storage }) => {
  await storage.deleteBucket({ requester: request.requester, bucket: bucketOf(request) });
  return emptyResponse();
};
