import { aclFromRequest } from '../../s3/acl-xml';
import { bucketOf, keyOf, versionIdParam } from '../../s3/params';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** PutObjectAcl: `PUT /<bucket>/<key>?acl[&versionId=]` with a canned ACL, grant headers or an AccessControlPolicy. */
export const putObjectAcl: Command = async (request, { storage }) => {
  const acl = await aclFromRequest(request);
  await storage.putObjectAcl({ requester: request.requester, bucket: bucketOf(request), key: keyOf(request), versionId: versionIdParam(request), acl });
  return emptyResponse(200);
};
