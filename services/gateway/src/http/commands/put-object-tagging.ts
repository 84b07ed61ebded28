import { versionIdHeader } from '../../s3/object-headers';
import { bucketOf, keyOf, versionIdParam } from '../../s3/params';
import { readTagging } from '../../s3/tagging-xml';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** PutObjectTagging: `PUT /<bucket>/<key>?tagging[&versionId=]` replaces the version's tag set. */
export const putObjectTagging: Command = async (request, { storage }) => {
  const tags = await readTagging(request, { required: false });
  const response = await storage.putObjectTagging({ requester: request.requester, bucket: bucketOf(request), key: keyOf(request), versionId: versionIdParam(request), tags });
  return emptyResponse(200, { 'x-amz-version-id': versionIdHeader(response.versionId) });
};
