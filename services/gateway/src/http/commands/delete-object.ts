import { versionIdHeader } from '../../s3/object-headers';
import { bucketOf, keyOf, versionIdParam } from '../../s3/params';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** DeleteObject: `DELETE /<bucket>/<key>[?versionId=]`: deletes a version, or adds a delete marker. */
export const deleteObject: Command = async (request, { storage }) => {
  const response = await storage.deleteObject({ requester: request.requester, bucket: bucketOf(request), key: keyOf(request), versionId: versionIdParam(request) });
  return emptyResponse(204, {
    'x-amz-delete-marker': response.deleteMarker ? 'true' : undefined,
    'x-amz-version-id': versionIdHeader(response.versionId),
  });
};
