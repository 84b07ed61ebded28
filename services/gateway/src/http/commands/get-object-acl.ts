import { accessControlPolicyXml } from '../../s3/acl-xml';
import { bucketOf, keyOf, versionIdParam } from '../../s3/params';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** GetObjectAcl: `GET /<bucket>/<key>?acl[&versionId=]`. */
export const getObjectAcl: Command = async (request, { storage }) => {
  const response = await storage.getObjectAcl({ requester: request.requester, bucket: bucketOf(request), key: keyOf(request), versionId: versionIdParam(request) });
  return xmlResponse('AccessControlPolicy', accessControlPolicyXml(response.accessControlPolicy));
};
