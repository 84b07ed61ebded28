import { policyV1 } from '@strongroom/contracts';
import { aclFromHeaders } from '../../s3/acl-headers';
import { S3Error } from '../../s3/errors';
import { refuseObjectLockBucket } from '../../s3/object-lock-headers';
import { objectOwnershipFromName } from '../../s3/ownership-xml';
import { bucketOf } from '../../s3/params';
import { childText, parseXml } from '../../s3/xml';
import { readVerifiedBody } from '../../s3/xml-body';
import { header } from '../s3-request';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** CreateBucket: `PUT /<bucket>` with an optional CreateBucketConfiguration (LocationConstraint). */
export const createBucket: Command = async (request, { storage }) => {
  const bucket = bucketOf(request);
  refuseObjectLockBucket(request.headers);
  const body = await readVerifiedBody(request, 64 * 1024);
  const location = body.length === 0 ? '' : (childText(parseXml(body.toString('utf8'), 'CreateBucketConfiguration'), 'LocationConstraint') ?? '');
  const ownershipHeader = header(request, 'x-amz-object-ownership');
  const objectOwnership = ownershipHeader === undefined ? undefined : objectOwnershipFromName(ownershipHeader);
  if (ownershipHeader !== undefined && objectOwnership === undefined) {
    throw new S3Error('InvalidArgument', 'Invalid x-amz-object-ownership header', { ArgumentName: 'x-amz-object-ownership', ArgumentValue: ownershipHeader });
  }
  const acl = aclFromHeaders(request.headers);
  await storage.createBucket({
    requester: request.requester,
    bucket,
    locationConstraint: location,
    ...(acl === undefined ? {} : { acl }),
    objectOwnership: objectOwnership ?? policyV1.ObjectOwnership.UNSPECIFIED,
  });
  return emptyResponse(200, { location: `/${bucket}` });
};
