import { versionIdHeader } from '../../s3/object-headers';
import { bucketOf, keyOf, versionIdParam } from '../../s3/params';
import { tagSetXml } from '../../s3/tagging-xml';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** GetObjectTagging: `GET /<bucket>/<key>?tagging[&versionId=]`. */
export const getObjectTagging: Command = async (request, { storage }) => {
  const response = await storage.getObjectTagging({ requester: request.requester, bucket: bucketOf(request), key: keyOf(request), versionId: versionIdParam(request) });
  return xmlResponse('Tagging', tagSetXml(response.tags), { 'x-amz-version-id': versionIdHeader(response.versionId) });
};
