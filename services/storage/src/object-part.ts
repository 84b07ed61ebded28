import { ErrorReason } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import type { ResolvedRange } from './byte-range';
import type { StoredChecksum, VersionRecord } from './version-record';

/**
 * The parts a read by part number counts: a multipart object's, in order,
 * or the whole object as the one part of a single-part one.
 */
function partsOf(version: VersionRecord): readonly { readonly size: number; readonly checksum?: string }[] {
  return version.partLayout ?? [{ size: version.size }];
}

/**
 * The bytes of part `partNumber` of a version. S3 counts a completed
 * object's parts 1 to its part count, whatever numbers they were uploaded
 * under (parts uploaded as 1, 3 and 7 are read as 1, 2 and 3; swift's
 * AWS-run s3api tests: "GET partNumbers are not same as uploaded part
 * numbers"); a single-part object has part 1, the whole object.
 * INVALID_PART_NUMBER beyond the part count; undefined for an empty
 * object's part 1. An empty last part of a non-empty object is the empty
 * range at the object's end (`last` is `first - 1`): no bytes, never the
 * whole object.
 */
export function partRange(version: VersionRecord, partNumber: number): ResolvedRange | undefined {
  if (partNumber < 1 || partNumber > 10_000) throw invalidArgument('part_number', 'must be 1 to 10000');
  const parts = partsOf(version);
  if (partNumber > parts.length) {
    throw new DomainError(ErrorReason.INVALID_PART_NUMBER, 'The requested partnumber is not satisfiable', {
      metadata: { part_number: String(partNumber), parts_count: String(parts.length) },
    });
  }
  const first = parts.slice(0, partNumber - 1).reduce((sum, part) => sum + part.size, 0);
  const size = parts[partNumber - 1]?.size ?? 0;
  if (size === 0 && version.size === 0) return undefined;
  return { first, last: first + size - 1 };
}

/**
 * The checksum of part `partNumber` (counted as {@link partRange} counts
 * it) of a version: a multipart object's part has its own (of the object's
 * algorithm; none when the upload had none), part 1 of a single-part
 * object is the object itself.
 */
export function partChecksum(version: VersionRecord, partNumber: number): StoredChecksum | null {
  if (version.checksum === null || version.partLayout === null) return version.checksum;
  const value = partsOf(version)[partNumber - 1]?.checksum;
  return value === undefined ? null : { ...version.checksum, value };
}
