import { listEncoding } from '../../s3/list-encoding';
import { commonPrefixesXml } from '../../s3/listing-xml';
import { bucketOf, integerParam, textParam } from '../../s3/params';
import { ownerXml } from '../../s3/xml-shapes';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** ListObjectVersions: `GET /<bucket>?versions` with prefix, delimiter, key-marker, version-id-marker, max-keys, encoding-type. */
export const listObjectVersions: Command = async (request, { storage }) => {
  const bucket = bucketOf(request);
  const encoding = listEncoding(request);
  const prefix = textParam(request, 'prefix');
  const delimiter = textParam(request, 'delimiter');
  const keyMarker = textParam(request, 'key-marker');
  const versionIdMarker = textParam(request, 'version-id-marker');
  const maxKeys = integerParam(request, 'max-keys', 1000, 0, 1000);
  const page = await storage.listObjectVersions({ requester: request.requester, bucket, prefix, delimiter, maxKeys, keyMarker, versionIdMarker });
  const versions = page.versions.filter((version) => !version.deleteMarker);
  const markers = page.versions.filter((version) => version.deleteMarker);
  return xmlResponse('ListVersionsResult', {
    Name: bucket,
    Prefix: encoding.encode(prefix),
    KeyMarker: encoding.encode(keyMarker),
    VersionIdMarker: versionIdMarker,
    NextKeyMarker: page.isTruncated ? encoding.encode(page.nextKeyMarker) : undefined,
    NextVersionIdMarker: page.isTruncated ? page.nextVersionIdMarker : undefined,
    MaxKeys: maxKeys,
    Delimiter: encoding.optional(delimiter),
    IsTruncated: page.isTruncated,
    EncodingType: encoding.type,
    Version: versions.map((version) => ({
      Key: encoding.encode(version.key),
      VersionId: version.versionId,
      IsLatest: version.isLatest,
      LastModified: version.lastModified,
      ETag: version.etag,
      Size: version.size,
      StorageClass: version.storageClass || 'STANDARD',
      Owner: ownerXml(version.owner),
    })),
    DeleteMarker: markers.map((marker) => ({
      Key: encoding.encode(marker.key),
      VersionId: marker.versionId,
      IsLatest: marker.isLatest,
      LastModified: marker.lastModified,
      Owner: ownerXml(marker.owner),
    })),
    CommonPrefixes: commonPrefixesXml(page.commonPrefixes, encoding),
  });
};
