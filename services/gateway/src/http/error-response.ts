import type { S3Error, S3ErrorCode } from '../s3/errors';
import { renderXml } from '../s3/xml';
import type { S3Response } from './command';
import type { RequestIds } from './request-id';

/** Where an error happened, for the elements S3 adds to some codes. */
export interface ErrorScope {
  readonly method: string;
  readonly resource: string;
  readonly bucket: string | undefined;
  readonly key: string | undefined;
}

/** The codes whose answer names the bucket (`<BucketName>`), as S3's do: the bucket's own state, or a configuration it does not have. */
const NAMING_BUCKET: ReadonlySet<S3ErrorCode> = new Set<S3ErrorCode>([
  'BucketAlreadyExists',
  'BucketAlreadyOwnedByYou',
  'BucketNotEmpty',
  'NoSuchBucket',
  'NoSuchBucketPolicy',
  'NoSuchCORSConfiguration',
  'NoSuchLifecycleConfiguration',
  'NoSuchPublicAccessBlockConfiguration',
  'NoSuchTagSet',
  'NoSuchWebsiteConfiguration',
  'ObjectLockConfigurationNotFoundError',
  'OwnershipControlsNotFoundError',
  'ReplicationConfigurationNotFoundError',
]);

function scopedDetails(error: S3Error, scope: ErrorScope): Record<string, string> {
  const details: Record<string, string> = {};
  if (scope.bucket !== undefined && NAMING_BUCKET.has(error.code)) details.BucketName = scope.bucket;
  if (scope.key !== undefined && error.code === 'NoSuchKey') details.Key = scope.key;
  if (error.code === 'MethodNotAllowed') details.Method = scope.method;
  return details;
}

/** S3's XML error answer: Code, Message, the code's extra elements, Resource, RequestId and HostId. */
export function errorResponse(error: S3Error, scope: ErrorScope, ids: RequestIds): S3Response {
  const content = {
    Code: error.code,
    Message: error.message,
    ...scopedDetails(error, scope),
    ...error.details,
    Resource: scope.resource,
    RequestId: ids.requestId,
    HostId: ids.hostId,
  };
  if (error.httpStatus === 304) return { status: 304, headers: error.headers };
  return { status: error.httpStatus, headers: { ...error.headers, 'content-type': 'application/xml' }, body: renderXml('Error', content, null) };
}
