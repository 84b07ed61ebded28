import { integerParam, textParam } from '../../s3/params';
import { xmlTimestamp } from '../../s3/xml-timestamp';
import { ownerXml } from '../../s3/xml-shapes';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** ListBuckets: `GET /`, the caller's account's buckets (`prefix`, `bucket-region`, `max-buckets`, `continuation-token`). */
export const listBuckets: Command = async (request, { storage }) => {
  const response = await storage.listBuckets({
    requester: request.requester,
    prefix: textParam(request, 'prefix'),
    continuationToken: textParam(request, 'continuation-token'),
    maxBuckets: integerParam(request, 'max-buckets', 0, 1, 10000),
    bucketRegion: textParam(request, 'bucket-region'),
  });
  return xmlResponse('ListAllMyBucketsResult', {
    Owner: ownerXml(response.owner),
    Buckets: { Bucket: response.buckets.map((bucket) => ({ Name: bucket.name, CreationDate: xmlTimestamp(bucket.creationDate), BucketRegion: bucket.region })) },
    ContinuationToken: response.continuationToken || undefined,
    Prefix: request.query.get('prefix') ?? undefined,
  });
};
