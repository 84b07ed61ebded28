import { versionIdHeader } from '../../s3/object-headers';
import { bucketOf, keyOf, versionIdParam } from '../../s3/params';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** DeleteObjectTagging: `DELETE /<bucket>/<key>?tagging[&versionId=]`. */
export const deleteObjectTagging: Command = async (request, { storage }) => {
  const response = await storage.deleteObjectTagging({ requester: request.requester, bucket: bucketOf(request), key: keyOf(request), versionId: versionIdParam(request) });
  return emptyResponse(204, { 'x-amz-version-id': versionIdHeader(response.versionId) });
};
