import { decodeContinuationToken, encodeContinuationToken } from '../../s3/continuation-token';
import { integerParam, textParam } from '../../s3/params';
import { xmlTimestamp } from '../../s3/xml-timestamp';
import { ownerXml } from '../../s3/xml-shapes';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/**
 * ListBuckets: `GET /`, the caller's account's buckets (`prefix`,
 * `bucket-region`, `max-buckets`, `continuation-token`: opaque, the base64
 * of the account and the last bucket name storage listed).
 */
export const listBuckets: Command = async (request, { storage }) => {
  const account = request.caller.kind === 'aws' ? request.caller.accountId : '';
  const token = request.query.get('continuation-token');
  const response = await storage.listBuckets({
    requester: request.requester,
    prefix: textParam(request, 'prefix'),
    continuationToken: token === null ? '' : decodeContinuationToken(account, token),
    maxBuckets: integerParam(request, 'max-buckets', 0, 1, 10000),
    bucketRegion: textParam(request, 'bucket-region'),
  });
  return xmlResponse('ListAllMyBucketsResult', {
    Owner: ownerXml(response.owner),
    Buckets: { Bucket: response.buckets.map((bucket) => ({ Name: bucket.name, CreationDate: xmlTimestamp(bucket.creationDate), BucketRegion: bucket.region })) },
    ContinuationToken: response.continuationToken === '' ? undefined : encodeContinuationToken(account, response.continuationToken),
    Prefix: request.query.get('prefix') ?? undefined,
  });
};
