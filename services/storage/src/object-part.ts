import { ErrorReason } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import type { ResolvedRange } from './byte-range';
import type { StoredChecksum, VersionRecord } from './version-record';

/**
 * The bytes of part `partNumber` (1-based) of a version: a multipart
 * object's part, or the whole object as part 1 of a single-part one.
 * INVALID_PART_NUMBER for a part that does not exist; undefined for an
 * empty object's part 1. An empty last part of a non-empty object is the
 * empty range at the object's end (`last` is `first - 1`): no bytes, never
 * the whole object.
 */
export function partRange(version: VersionRecord, partNumber: number): ResolvedRange | undefined {
  if (partNumber < 1 || partNumber > 10_000) throw invalidArgument('part_number', 'must be 1 to 10000');
  const parts = version.partLayout ?? [{ partNumber: 1, size: version.size }];
  const index = parts.findIndex((part) => part.partNumber === partNumber);
  if (index < 0) {
    throw new DomainError(ErrorReason.INVALID_PART_NUMBER, 'The requested partnumber is not satisfiable', {
      metadata: { part_number: String(partNumber), parts_count: String(parts.length) },
    });
  }
  const first = parts.slice(0, index).reduce((sum, part) => sum + part.size, 0);
  const size = parts[index]?.size ?? 0;
  if (size === 0 && version.size === 0) return undefined;
  return { first, last: first + size - 1 };
}

/**
 * The checksum of part `partNumber` of a version: a multipart object's part
 * has its own (of the object's algorithm; none when the upload had none),
 * part 1 of a single-part object is the object itself.
 */
export function partChecksum(version: VersionRecord, partNumber: number): StoredChecksum | null {
  if (version.checksum === null || version.partLayout === null) return version.checksum;
  const value = version.partLayout.find((part) => part.partNumber === partNumber)?.checksum;
  return value === undefined ? null : { ...version.checksum, value };
}
