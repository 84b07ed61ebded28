import { bucketOf } from '../../s3/params';
import { readTagging } from '../../s3/tagging-xml';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** PutBucketTagging: `PUT /<bucket>?tagging` replaces the tag set. */
export const putBucketTagging: Command = async (request, { storage }) => {
  const tags = await readTagging(request, { required: true });
  await storage.putBucketTagging({ requester: request.requester, bucket: bucketOf(request), tags });
  return emptyResponse(204);
};
