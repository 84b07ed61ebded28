import { ErrorReason, type storageV1 } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';

/** Plaintext bytes `first..last`, inclusive. */
export interface ResolvedRange {
  readonly first: number;
  readonly last: number;
}

function unsatisfiable(size: number): DomainError {
  return new DomainError(ErrorReason.INVALID_RANGE, `the range is not satisfiable for an object of ${size} bytes`, { metadata: { size: String(size) } });
}

/**
 * Resolves a single HTTP byte range against an object's size: `first-last`
 * (last clipped to the end), `first-`, or `-suffix` (the last bytes, all of
 * them when the suffix is longer). INVALID_RANGE when no byte of it exists;
 * undefined when no range was asked for, or for a suffix of an empty
 * object: a non-zero suffix is satisfiable (RFC 9110), but no range can
 * name zero bytes, so the whole, empty object is the answer, as S3 gives it.
 */
export function resolveRange(range: storageV1.ByteRange | undefined, size: number): ResolvedRange | undefined {
  if (range === undefined) return undefined;
  const { first, last, suffixLength } = range;
  if (suffixLength !== undefined) {
    if (first !== undefined || last !== undefined) throw invalidArgument('range', 'give first (and last), or suffix_length');
    if (suffixLength === 0) throw unsatisfiable(size);
    if (size === 0) return undefined;
    return { first: Math.max(0, size - suffixLength), last: size - 1 };
  }
  if (first === undefined) {
    if (last !== undefined) throw invalidArgument('range.first', 'is required with last');
    return undefined;
  }
  if (last !== undefined && last < first) throw invalidArgument('range.last', 'must not be less than first');
  if (first >= size) throw unsatisfiable(size);
  return { first, last: Math.min(last ?? size - 1, size - 1) };
}

/**
 * If-Range: true when the range's validator, if it has one, still names the
 * version: its ETag (compared strongly, quotes and all) or its
 * Last-Modified, to the second. Otherwise the range no longer applies and
 * the whole object is read (RFC 9110). A date cannot tell apart two
 * versions written in one second: clients that resume downloads send the
 * ETag when they have one. INVALID_ARGUMENT for both validators at once.
 */
export function rangeStillApplies(range: storageV1.ByteRange, version: { readonly etag: string | null; readonly lastModified: Date }): boolean {
  if (range.ifRangeEtag !== undefined && range.ifRangeDate !== undefined) throw invalidArgument('range.if_range_date', 'give if_range_etag or if_range_date, not both');
  if (range.ifRangeEtag !== undefined) return range.ifRangeEtag === version.etag;
  if (range.ifRangeDate !== undefined) return Math.floor(range.ifRangeDate.getTime() / 1000) === Math.floor(version.lastModified.getTime() / 1000);
  return true;
}
