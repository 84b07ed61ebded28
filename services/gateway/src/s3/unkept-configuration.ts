import type { GatewayContext } from '../http/command';
import type { S3Request } from '../http/s3-request';
import { S3Error, type S3ErrorCode } from './errors';
import { bucketOf } from './params';

/**
 * For the bucket configurations Strongroom does not keep (CORS, website,
 * lifecycle, replication, Object Lock, Requester Pays, Transfer
 * Acceleration, server access logging, event notifications): the storage
 * service finds the bucket and authorizes `action`, the read's own, so a
 * missing bucket is NoSuchBucket to anyone and a denial AccessDenied, as
 * for the settings it does keep. An anonymous caller is decided the same
 * way: a bucket policy may grant these reads to everyone, and nothing is
 * then managed on the caller's behalf.
 */
export async function authorizeUnkeptConfigurationRead(request: S3Request, context: GatewayContext, action: string): Promise<void> {
  await context.storage.resolveBucket({ requester: request.requester, bucket: bucketOf(request), action });
}

/** S3's 404 for a bucket without the configuration `code` is about, naming the bucket as S3 does. */
export function noConfiguration(request: S3Request, code: S3ErrorCode): S3Error {
  return new S3Error(code, undefined, { BucketName: bucketOf(request) });
}
