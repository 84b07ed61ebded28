import type { storageV1 } from '@strongroom/contracts';
import type { ListEncoding } from './list-encoding';
import { checksumAlgorithmName, checksumTypeName } from './checksum-headers';
import { ownerXml } from './xml-shapes';
import type { XmlElement } from './xml';
import { xmlTimestamp } from './xml-timestamp';

/** A listed object's `<ChecksumAlgorithm>` and `<ChecksumType>`, as S3 lists them; neither for an object without a checksum. */
export function checksumListingXml(object: storageV1.ObjectInfo): { ChecksumAlgorithm: string | undefined; ChecksumType: string | undefined } {
  const algorithm = object.checksum === undefined ? undefined : checksumAlgorithmName(object.checksum.algorithm);
  if (object.checksum === undefined || algorithm === undefined) return { ChecksumAlgorithm: undefined, ChecksumType: undefined };
  return { ChecksumAlgorithm: algorithm, ChecksumType: checksumTypeName(object.checksum.type) ?? 'FULL_OBJECT' };
}

/** One `<Contents>` entry of ListObjects / ListObjectsV2. */
export function contentsXml(object: storageV1.ObjectInfo, encoding: ListEncoding, withOwner: boolean): XmlElement {
  return {
    Key: encoding.encode(object.key),
    LastModified: xmlTimestamp(object.lastModified),
    ETag: object.etag,
    ...checksumListingXml(object),
    Size: object.size,
    StorageClass: object.storageClass || 'STANDARD',
    Owner: withOwner ? ownerXml(object.owner) : undefined,
  };
}

/** The `<CommonPrefixes>` entries of a listing. */
export function commonPrefixesXml(prefixes: readonly string[], encoding: ListEncoding): XmlElement[] {
  return prefixes.map((prefix) => ({ Prefix: encoding.encode(prefix) }));
}
