import type { Command, GatewayContext } from '../http/command';
import { xmlResponse } from '../http/responses';
import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';
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

/**
 * For the configurations a bucket keeps a list of, each under an id
 * (inventory, analytics, metrics, Intelligent-Tiering), none of which
 * Strongroom keeps: after the read is authorized as `action`, the listing
 * (`GET /<bucket>?inventory`) is S3's empty one, `listRoot` holding only
 * IsTruncated false and the ContinuationToken the request sent; the read of
 * one configuration (`GET /<bucket>?inventory&id=<id>`) is
 * NoSuchConfiguration, as S3 answers for an id the bucket has none under.
 */
export function unkeptConfigurationListRead(action: string, listRoot: string): Command {
  return async (request, context) => {
    await authorizeUnkeptConfigurationRead(request, context, action);
    if (request.query.has('id')) throw new S3Error('NoSuchConfiguration');
    const token = request.query.get('continuation-token') ?? undefined;
    return xmlResponse(listRoot, { ...(token === undefined ? {} : { ContinuationToken: token }), IsTruncated: 'false' });
  };
}
