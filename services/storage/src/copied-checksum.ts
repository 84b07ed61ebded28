import { decodeChecksum, encodeChecksum, fullObjectChecksum, isCrcAlgorithm } from '@strongroom/checksums';
import type { StoredChecksum, VersionRecord } from './version-record';

/**
 * The checksum a copy that shares the source's data carries: none for a
 * source without one, the source's own when it is of the whole object, and
 * for a COMPOSITE one (a multipart upload's checksum of its parts'
 * checksums) the whole object's, since S3 gives a copy "a direct checksum
 * of the full object" (User Guide, checking object integrity). A CRC's is
 * combined from the parts' checksums and sizes; undefined when only reading
 * the data gives it (a SHA composite, or a part without its checksum).
 */
export function copiedChecksum(source: VersionRecord): StoredChecksum | null | undefined {
  const { checksum, partLayout } = source;
  if (checksum === null || checksum.type === 'FULL_OBJECT') return checksum;
  const { algorithm } = checksum;
  if (!isCrcAlgorithm(algorithm) || partLayout === null) return undefined;
  const parts = [];
  for (const part of partLayout) {
    const digest = part.checksum === undefined ? undefined : decodeChecksum(algorithm, part.checksum);
    if (digest === undefined) return undefined;
    parts.push({ digest, length: part.size });
  }
  return { algorithm, value: encodeChecksum(fullObjectChecksum(algorithm, parts)), type: 'FULL_OBJECT' };
}
