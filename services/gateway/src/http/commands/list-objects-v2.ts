import { decodeContinuationToken, encodeContinuationToken } from '../../s3/continuation-token';
import { listEncoding } from '../../s3/list-encoding';
import { commonPrefixesXml, contentsXml } from '../../s3/listing-xml';
import { bucketOf, maxKeysParam, statedListingParams, textParam } from '../../s3/params';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/**
 * ListObjectsV2: `GET /<bucket>?list-type=2` with prefix, delimiter,
 * continuation-token (opaque: the base64 of the bucket and of where the
 * storage service said the next page starts; good for that bucket only), start-after (ignored with a token), max-keys, fetch-owner, encoding-type.
 */
export const listObjectsV2: Command = async (request, { storage }) => {
  const bucket = bucketOf(request);
  const encoding = listEncoding(request);
  const prefix = textParam(request, 'prefix');
  const delimiter = textParam(request, 'delimiter');
  const token = request.query.get('continuation-token');
  const startAfter = textParam(request, 'start-after');
  const maxKeys = maxKeysParam(request, 'objects');
  const position = token === null ? startAfter : decodeContinuationToken(bucket, token);
  const page = await storage.listObjects({ requester: request.requester, bucket, prefix, delimiter, ...statedListingParams(request), maxKeys: maxKeys.asked, startAfter: position, emptyPage: maxKeys.emptyPage });
  const withOwner = request.query.get('fetch-owner') === 'true';
  return xmlResponse('ListBucketResult', {
    Name: bucket,
    Prefix: encoding.encode(prefix),
    Delimiter: encoding.optional(delimiter),
    MaxKeys: maxKeys.page,
    KeyCount: page.contents.length + page.commonPrefixes.length,
    IsTruncated: page.isTruncated,
    ContinuationToken: token ?? undefined,
    NextContinuationToken: page.isTruncated ? encodeContinuationToken(bucket, page.nextStartAfter) : undefined,
    // The token, not start-after, placed this page: S3 echoes start-after only on a request without one.
    StartAfter: token === null ? encoding.optional(startAfter) : undefined,
    EncodingType: encoding.type,
    Contents: page.contents.map((object) => contentsXml(object, encoding, withOwner)),
    CommonPrefixes: commonPrefixesXml(page.commonPrefixes, encoding),
  });
};
