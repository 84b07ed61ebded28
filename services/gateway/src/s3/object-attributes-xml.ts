import type { storageV1 } from '@strongroom/contracts';
import type { ObjectAttribute } from './object-attributes-header';
import type { XmlElement } from './xml';
import { checksumXml } from './xml-shapes';

/** An ETag without its quotes, as GetObjectAttributes alone among S3's answers shows it. */
function unquoted(etag: string): string {
  return etag.replace(/^"(.*)"$/, '$1');
}

/** The object's checksum as GetObjectAttributes shows it: a COMPOSITE one without its `-<parts>` suffix. */
function objectChecksumXml(checksum: storageV1.Checksum | undefined): XmlElement | undefined {
  if (checksum === undefined) return undefined;
  const shown = checksumXml({ ...checksum, value: checksum.value.replace(/-\d+$/, '') }, true);
  return Object.keys(shown).length === 0 ? undefined : shown;
}

/**
 * `<ObjectParts>` of a multipart object: the part count, and where the
 * storage service listed a page of parts (a COMPOSITE checksum), the page
 * with its markers, each part's number, size and checksum.
 */
function objectPartsXml(object: storageV1.ObjectInfo, page: storageV1.ObjectPartsPage | undefined, partNumberMarker: number): XmlElement | undefined {
  if (object.partsCount === 0) return undefined;
  if (page === undefined) return { PartsCount: object.partsCount };
  return {
    PartsCount: object.partsCount,
    PartNumberMarker: partNumberMarker,
    NextPartNumberMarker: page.nextPartNumberMarker,
    MaxParts: page.maxParts,
    IsTruncated: page.isTruncated,
    Part: page.parts.map((part) => ({ PartNumber: part.partNumber, Size: part.size, ...checksumXml(part.checksum) })),
  };
}

/**
 * The content of `<GetObjectAttributesResponse>`: only the attributes asked
 * for, in S3's order, each left out when the object has none (a checksum,
 * parts).
 */
export function objectAttributesXml(
  answer: storageV1.GetObjectAttributesResponse & { readonly object: storageV1.ObjectInfo },
  requested: ReadonlySet<ObjectAttribute>,
  partNumberMarker: number,
): XmlElement {
  const { object } = answer;
  return {
    ETag: requested.has('ETag') ? unquoted(object.etag) : undefined,
    Checksum: requested.has('Checksum') ? objectChecksumXml(object.checksum) : undefined,
    ObjectParts: requested.has('ObjectParts') ? objectPartsXml(object, answer.parts, partNumberMarker) : undefined,
    StorageClass: requested.has('StorageClass') ? object.storageClass || 'STANDARD' : undefined,
    ObjectSize: requested.has('ObjectSize') ? object.size : undefined,
  };
}
