import { listEncoding } from '../../s3/list-encoding';
import { commonPrefixesXml, contentsXml } from '../../s3/listing-xml';
import { bucketOf, maxKeysParam, statedListingParams, textParam } from '../../s3/params';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** ListObjects (version 1): `GET /<bucket>` with prefix, delimiter, marker, max-keys, encoding-type. */
export const listObjects: Command = async (request, { storage }) => {
  const bucket = bucketOf(request);
  const encoding = listEncoding(request);
  const prefix = textParam(request, 'prefix');
  const delimiter = textParam(request, 'delimiter');
  const marker = textParam(request, 'marker');
  const maxKeys = maxKeysParam(request, 'objects');
  const page = await storage.listObjects({ requester: request.requester, bucket, prefix, delimiter, ...statedListingParams(request), maxKeys: maxKeys.asked, startAfter: marker, emptyPage: maxKeys.emptyPage });
  return xmlResponse('ListBucketResult', {
    Name: bucket,
    Prefix: encoding.encode(prefix),
    Marker: encoding.encode(marker),
    MaxKeys: maxKeys.page,
    Delimiter: encoding.optional(delimiter),
    IsTruncated: page.isTruncated,
    NextMarker: page.isTruncated && delimiter !== '' ? encoding.encode(page.nextStartAfter) : undefined,
    EncodingType: encoding.type,
    Contents: page.contents.map((object) => contentsXml(object, encoding, true)),
    CommonPrefixes: commonPrefixesXml(page.commonPrefixes, encoding),
  });
};
