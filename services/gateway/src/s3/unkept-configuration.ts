import type { GatewayContext } from '../http/command';
import type { S3Request } from '../http/s3-request';
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
