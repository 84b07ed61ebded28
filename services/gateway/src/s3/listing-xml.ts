import type { storageV1 } from '@strongroom/contracts';
import type { ListEncoding } from './list-encoding';
import { checksumAlgorithmName } from './checksum-headers';
import { ownerXml } from './xml-shapes';
import type { XmlElement } from './xml';
import { xmlTimestamp } from './xml-timestamp';

/** One `<Contents>` entry of ListObjects / ListObjectsV2. */
export function contentsXml(object: storageV1.ObjectInfo, encoding: ListEncoding, withOwner: boolean): XmlElement {
  const algorithm = object.checksum === undefined ? undefined : checksumAlgorithmName(object.checksum.algorithm);
  return {
    Key: encoding.encode(object.key),
    LastModified: xmlTimestamp(object.lastModified),
    ETag: object.etag,
    ChecksumAlgorithm: algorithm,
    Size: object.size,
    StorageClass: object.storageClass || 'STANDARD',
    Owner: withOwner ? ownerXml(object.owner) : undefined,
  };
}

/** The `<CommonPrefixes>` entries of a listing. */
export function commonPrefixesXml(prefixes: readonly string[], encoding: ListEncoding): XmlElement[] {
  return prefixes.map((prefix) => ({ Prefix: encoding.encode(prefix) }));
}
