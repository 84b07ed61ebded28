import type { storageV1 } from '@strongroom/contracts';
import type { IncomingHttpHeaders } from 'node:http';
import type { Operation } from '../http/router';
import { header, type S3Request } from '../http/s3-request';
import { S3Error } from './errors';

/** The operations on which S3 ignores `x-amz-expected-bucket-owner`: they create or list buckets. */
const IGNORED_BY: ReadonlySet<Operation> = new Set(['CreateBucket', 'ListBuckets']);

/** A bucket owner condition from a header's value: InvalidBucketOwnerAWSAccountID unless 12 digits. */
function condition(bucket: string, accountId: string): storageV1.ExpectedBucketOwner {
  if (!/^\d{12}$/.test(accountId)) {
    throw new S3Error('InvalidBucketOwnerAWSAccountID', `The value of the expected bucket owner parameter must be an AWS Account ID... [${accountId}]`);
  }
  return { bucket, accountId };
}

/** A header's value, with an empty one taken as absent. */
function present(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = header({ headers }, name);
  return value === '' ? undefined : value;
}

/**
 * The request's bucket owner condition: `x-amz-expected-bucket-owner` on the
 * bucket it addresses, which the storage service checks before anything
 * else (403 AccessDenied when another account owns the bucket). None for
 * requests without a bucket and for the operations S3 ignores it on.
 */
export function expectedBucketOwners(operation: Operation, bucket: string | undefined, headers: IncomingHttpHeaders): storageV1.ExpectedBucketOwner[] {
  const accountId = present(headers, 'x-amz-expected-bucket-owner');
  return accountId === undefined || bucket === undefined || IGNORED_BY.has(operation) ? [] : [condition(bucket, accountId)];
}

/** The requester of a copy: the request's, plus `x-amz-source-expected-bucket-owner` on the source bucket when given. */
export function copyRequester(request: S3Request, sourceBucket: string): storageV1.Requester {
  const accountId = present(request.headers, 'x-amz-source-expected-bucket-owner');
  if (accountId === undefined) return request.requester;
  return { ...request.requester, expectedBucketOwners: [...request.requester.expectedBucketOwners, condition(sourceBucket, accountId)] };
}
