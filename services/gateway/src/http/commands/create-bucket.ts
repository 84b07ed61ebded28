import { policyV1 } from '@strongroom/contracts';
import { aclFromHeaders } from '../../s3/acl-headers';
import { S3Error } from '../../s3/errors';
import { refuseObjectLockBucket } from '../../s3/object-lock-headers';
import { objectOwnershipFromName } from '../../s3/ownership-xml';
import { bucketOf } from '../../s3/params';
import { childrenOf, childText, onlyChildren, parseXml } from '../../s3/xml';
import { readVerifiedBody } from '../../s3/xml-body';
import { header } from '../s3-request';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** What a CreateBucketConfiguration may say beyond its LocationConstraint, none of which is built: refused, never ignored. */
const UNBUILT_CONFIGURATION = ['Tags', 'Bucket', 'Location'];

/**
 * The LocationConstraint of a CreateBucketConfiguration body ('' without
 * one). Tags, and a directory bucket's Bucket and Location, are
 * NotImplemented rather than dropped; any other element is MalformedXML.
 */
function locationConstraint(body: Buffer): string {
  if (body.length === 0) return '';
  const configuration = parseXml(body.toString('utf8'), 'CreateBucketConfiguration');
  const unbuilt = UNBUILT_CONFIGURATION.find((name) => childrenOf(configuration)[name] !== undefined);
  if (unbuilt !== undefined) throw new S3Error('NotImplemented', `${unbuilt} in CreateBucketConfiguration is not implemented: create the bucket, then configure it.`);
  onlyChildren(configuration, ['LocationConstraint']);
  return childText(configuration, 'LocationConstraint') ?? '';
}

/** CreateBucket: `PUT /<bucket>` with an optional CreateBucketConfiguration (LocationConstraint). */
export const createBucket: Command = async (request, { storage }) => {
  const bucket = bucketOf(request);
  refuseObjectLockBucket(request.headers);
  const location = locationConstraint(await readVerifiedBody(request, 64 * 1024));
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
