import type { storageV1 } from '@strongroom/contracts';
import { S3Error } from '../../s3/errors';
import { listEncoding, type ListEncoding } from '../../s3/list-encoding';
import { checksumListingXml, commonPrefixesXml } from '../../s3/listing-xml';
import { bucketOf, maxKeysParam, statedListingParams, textParam } from '../../s3/params';
import type { NamedElement } from '../../s3/xml';
import { ownerXml } from '../../s3/xml-shapes';
import { xmlTimestamp } from '../../s3/xml-timestamp';
import type { Command } from '../command';
import type { S3Request } from '../s3-request';
import { xmlResponse } from '../responses';

/** One entry of the listing: a `<Version>`, or a `<DeleteMarker>` for a delete marker. */
function versionEntry(version: storageV1.ObjectInfo, encoding: ListEncoding): NamedElement {
  const common = { Key: encoding.encode(version.key), VersionId: version.versionId, IsLatest: version.isLatest, LastModified: xmlTimestamp(version.lastModified) };
  if (version.deleteMarker) return { name: 'DeleteMarker', content: { ...common, Owner: ownerXml(version.owner) } };
  return {
    name: 'Version',
    content: { ...common, ETag: version.etag, ...checksumListingXml(version), Size: version.size, StorageClass: version.storageClass || 'STANDARD', Owner: ownerXml(version.owner) },
  };
}

/**
 * `version-id-marker`, refused as S3 refuses it: without a key marker, or
 * empty. Its format is storage's to check.
 */
function versionIdMarkerOf(request: S3Request, keyMarker: string): string {
  const marker = request.query.get('version-id-marker');
  if (marker === null) return '';
  const refuse = (message: string) => new S3Error('InvalidArgument', message, { ArgumentName: 'version-id-marker', ArgumentValue: marker });
  if (keyMarker === '') throw refuse('A version-id marker cannot be specified without a key marker.');
  if (marker === '') throw refuse('A version-id marker cannot be empty.');
  return marker;
}

/**
 * ListObjectVersions: `GET /<bucket>?versions` with prefix, delimiter, key-marker, version-id-marker, max-keys, encoding-type.
 * Versions and delete markers come interleaved in the listing's order (key ascending, newest first), as S3 lists them.
 */
export const listObjectVersions: Command = async (request, { storage }) => {
  const bucket = bucketOf(request);
  const encoding = listEncoding(request);
  const prefix = textParam(request, 'prefix');
  const delimiter = textParam(request, 'delimiter');
  const keyMarker = textParam(request, 'key-marker');
  const versionIdMarker = versionIdMarkerOf(request, keyMarker);
  const maxKeys = maxKeysParam(request, 'versions');
  const page = await storage.listObjectVersions({ requester: request.requester, bucket, prefix, delimiter, ...statedListingParams(request), maxKeys: maxKeys.asked, keyMarker, versionIdMarker, emptyPage: maxKeys.emptyPage });
  return xmlResponse('ListVersionsResult', {
    Name: bucket,
    Prefix: encoding.encode(prefix),
    KeyMarker: encoding.encode(keyMarker),
    VersionIdMarker: versionIdMarker,
    NextKeyMarker: page.isTruncated ? encoding.encode(page.nextKeyMarker) : undefined,
    NextVersionIdMarker: page.isTruncated && page.nextVersionIdMarker !== '' ? page.nextVersionIdMarker : undefined,
    MaxKeys: maxKeys.page,
    Delimiter: encoding.optional(delimiter),
    IsTruncated: page.isTruncated,
    EncodingType: encoding.type,
    '#': page.versions.map((version) => versionEntry(version, encoding)),
    CommonPrefixes: commonPrefixesXml(page.commonPrefixes, encoding),
  });
};
