import { bucketOf } from '../../s3/params';
import { tagSetXml } from '../../s3/tagging-xml';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** GetBucketTagging: `GET /<bucket>?tagging` (NoSuchTagSet when there is none). */
export const getBucketTagging: Command = async (request, { storage }) => {
  const { tags } = await storage.getBucketTagging({ requester: request.requester, bucket: bucketOf(request) });
  return xmlResponse('Tagging', tagSetXml(tags));
};
