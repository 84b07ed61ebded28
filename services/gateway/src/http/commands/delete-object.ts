import { deletePreconditions } from '../../s3/delete-conditions';
import { versionIdHeader } from '../../s3/object-headers';
import { bucketOf, keyOf, versionIdParam } from '../../s3/params';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/**
 * DeleteObject: `DELETE /<bucket>/<key>[?versionId=]`: deletes a version, or adds a delete marker.
 * With If-Match, only when the current version's ETag matches (412 PreconditionFailed otherwise, 404 NoSuchKey without one).
 */
export const deleteObject: Command = async (request, { storage }) => {
  const versionId = versionIdParam(request);
  const conditions = deletePreconditions(request.headers, versionId);
  const response = await storage.deleteObject({
    requester: request.requester,
    bucket: bucketOf(request),
    key: keyOf(request),
    versionId,
    ...(conditions === undefined ? {} : { preconditions: conditions }),
  });
  return emptyResponse(204, {
    'x-amz-delete-marker': response.deleteMarker ? 'true' : undefined,
    'x-amz-version-id': versionIdHeader(response.versionId),
  });
};
