import { policyV1, type storageV1 } from '@strongroom/contracts';
import { aclFromHeaders } from '../../s3/acl-headers';
import { S3Error } from '../../s3/errors';
import { refuseObjectLockBucket } from '../../s3/object-lock-headers';
import { objectOwnershipFromName } from '../../s3/ownership-xml';
import { bucketOf } from '../../s3/params';
import { tagListOf } from '../../s3/tagging-xml';
import { childrenOf, childText, onlyChildren, parseXml } from '../../s3/xml';
import { readVerifiedBody } from '../../s3/xml-body';
import { header } from '../s3-request';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** What a CreateBucketConfiguration may say that is not built: a directory bucket's Bucket and Location. Refused, never ignored. */
const UNBUILT_CONFIGURATION = ['Bucket', 'Location'];

/**
 * A CreateBucketConfiguration body: its LocationConstraint ('' without one)
 * and Tags. A directory bucket's elements are NotImplemented rather than
 * dropped; any other element is MalformedXML.
 */
function creationConfiguration(body: Buffer): { readonly locationConstraint: string; readonly tags: storageV1.Tag[] } {
  if (body.length === 0) return { locationConstraint: '', tags: [] };
  const configuration = parseXml(body.toString('utf8'), 'CreateBucketConfiguration');
  const unbuilt = UNBUILT_CONFIGURATION.find((name) => childrenOf(configuration)[name] !== undefined);
  if (unbuilt !== undefined) throw new S3Error('NotImplemented', `${unbuilt} in CreateBucketConfiguration (a directory bucket) is not implemented.`);
  onlyChildren(configuration, ['LocationConstraint', 'Tags']);
  const tags = childrenOf(configuration).Tags;
  return { locationConstraint: childText(configuration, 'LocationConstraint') ?? '', tags: tags === undefined ? [] : tagListOf(tags) };
}

/** CreateBucket: `PUT /<bucket>` with an optional CreateBucketConfiguration (LocationConstraint, Tags). */
export const createBucket: Command = async (request, { storage }) => {
  const bucket = bucketOf(request);
  refuseObjectLockBucket(request.headers);
  const { locationConstraint, tags } = creationConfiguration(await readVerifiedBody(request, 64 * 1024));
  const ownershipHeader = header(request, 'x-amz-object-ownership');
  const objectOwnership = ownershipHeader === undefined ? undefined : objectOwnershipFromName(ownershipHeader);
  if (ownershipHeader !== undefined && objectOwnership === undefined) {
    throw new S3Error('InvalidArgument', 'Invalid x-amz-object-ownership header', { ArgumentName: 'x-amz-object-ownership', ArgumentValue: ownershipHeader });
  }
  const acl = aclFromHeaders(request.headers);
  await storage.createBucket({
    requester: request.requester,
    bucket,
    locationConstraint,
    tags,
    ...(acl === undefined ? {} : { acl }),
    objectOwnership: objectOwnership ?? policyV1.ObjectOwnership.UNSPECIFIED,
  });
  return emptyResponse(200, { location: `/${bucket}` });
};
