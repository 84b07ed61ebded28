import type { storageV1 } from '@strongroom/contracts';
import { checksumAlgorithmName, checksumTypeName } from './checksum-headers';
import type { XmlElement } from './xml';

/**
 * An `<Owner>` (or `<Initiator>`) element: the ID alone, as S3 names owners
 * since it stopped returning DisplayName on 2025-11-21 (the end-of-support
 * notice of its API reference's Owner and Grantee).
 */
export function ownerXml(owner: storageV1.Owner | undefined): XmlElement | undefined {
  return owner === undefined ? undefined : { ID: owner.id };
}

/** The `Checksum<ALGORITHM>` (and `ChecksumType`) elements of a stored checksum, if any. */
export function checksumXml(checksum: storageV1.Checksum | undefined, withType = false): XmlElement {
  const name = checksum === undefined ? undefined : checksumAlgorithmName(checksum.algorithm);
  if (checksum === undefined || name === undefined || checksum.value === '') return {};
  const type = checksumTypeName(checksum.type) ?? 'FULL_OBJECT';
  return withType ? { [`Checksum${name}`]: checksum.value, ChecksumType: type } : { [`Checksum${name}`]: checksum.value };
}
