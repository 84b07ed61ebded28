import { REGION_NAME } from '@strongroom/config';
import { decodeContinuationToken, encodeContinuationToken } from '../../s3/continuation-token';
import { S3Error } from '../../s3/errors';
import { integerParam, textParam } from '../../s3/params';
import { xmlTimestamp } from '../../s3/xml-timestamp';
import { ownerXml } from '../../s3/xml-shapes';
import type { Command } from '../command';
import type { S3Request } from '../s3-request';
import { xmlResponse } from '../responses';

/**
 * `max-buckets`: 1 to 10000, as S3 takes it, in S3's words otherwise (not
 * an integer, or out of range: InvalidArgument); 0 when absent (storage's
 * default page, 10000, with a continuation token when more follow).
 */
function maxBucketsParam(request: S3Request): number {
  const value = integerParam(request, 'max-buckets', 0, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  if (request.query.has('max-buckets') && (value < 1 || value > 10_000)) {
    throw new S3Error('InvalidArgument', 'Argument max-buckets must be an integer between 1 and 10000', { ArgumentName: 'max-buckets', ArgumentValue: String(value) });
  }
  return value;
}

/**
 * `bucket-region`: a region name or nothing; anything else is 400
 * InvalidArgument in S3's words (LocalStack's AWS-validated
 * test_list_buckets_region_validation records it for `eu-east-1`). A
 * well-formed name of no region lists no bucket: this deployment does not
 * know every region AWS has.
 */
function bucketRegionParam(request: S3Request): string {
  const region = textParam(request, 'bucket-region');
  if (region !== '' && !REGION_NAME.test(region)) {
    throw new S3Error('InvalidArgument', `Argument value ${region} is not a valid AWS Region`, { ArgumentName: 'bucket-region' });
  }
  return region;
}

/**
 * ListBuckets: `GET /`, the caller's account's buckets (`prefix`,
 * `bucket-region`, `max-buckets`, `continuation-token`: opaque, the base64
 * of the account and the last bucket name storage listed; an empty one
 * starts at the first bucket, as S3 takes it, where ListObjectsV2 refuses it).
 */
export const listBuckets: Command = async (request, { storage }) => {
  const account = request.caller.kind === 'aws' ? request.caller.accountId : '';
  const token = textParam(request, 'continuation-token');
  const response = await storage.listBuckets({
    requester: request.requester,
    prefix: textParam(request, 'prefix'),
    continuationToken: token === '' ? '' : decodeContinuationToken(account, token),
    maxBuckets: maxBucketsParam(request),
    bucketRegion: bucketRegionParam(request),
  });
  return xmlResponse('ListAllMyBucketsResult', {
    Owner: ownerXml(response.owner),
    Buckets: { Bucket: response.buckets.map((bucket) => ({ Name: bucket.name, CreationDate: xmlTimestamp(bucket.creationDate), BucketRegion: bucket.region })) },
    ContinuationToken: response.continuationToken === '' ? undefined : encodeContinuationToken(account, response.continuationToken),
    Prefix: request.query.get('prefix') ?? undefined,
  });
};
