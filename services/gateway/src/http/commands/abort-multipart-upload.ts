import { bucketOf, keyOf, textParam } from '../../s3/params';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** AbortMultipartUpload: `DELETE /<bucket>/<key>?uploadId=`. */
export const abortMultipartUpload: Command = async (request, { storage }) => {
  await storage.abortMultipartUpload({ requester: request.requester, bucket: bucketOf(request), key: keyOf(request), uploadId: textParam(request, 'uploadId') });
  return emptyResponse();
};
