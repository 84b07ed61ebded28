import { HEADER_BYTES, SEGMENT_PLAINTEXT_BYTES, SEGMENT_SEALED_BYTES, SEGMENT_TAG_BYTES } from './segment-format';
import { segmentPlaintextLength } from './sealed-length';

/** A run of blob bytes: `length` bytes from `offset`. */
export interface BlobSpan {
  readonly offset: number;
  readonly length: number;
}

/** What a range read of sealed data needs: which blob bytes to read, and which plaintext to keep. */
export interface SegmentRange {
  /** Index of the first segment the range touches. */
  readonly firstSegment: number;
  /** Index of the last segment the range touches. */
  readonly lastSegment: number;
  /**
   * The blob bytes to read, in order: the header, then segments
   * `firstSegment..lastSegment` (one span when the first segment is 0).
   * Their bytes, concatenated, are the input of a stream opener given the same range.
   */
  readonly reads: readonly BlobSpan[];
  /** Plaintext bytes to drop from the start of the first segment. */
  readonly skip: number;
  /** Plaintext bytes to emit after the skip: `endInclusive - start + 1`. */
  readonly keep: number;
}

/**
 * Plans a read of plaintext bytes `start..endInclusive` (inclusive, as in an
 * HTTP Range; resolve suffix and open-ended ranges against the length first)
 * of a stream of `plaintextLength` bytes. Throws RangeError unless
 * `0 <= start <= endInclusive < plaintextLength`.
 */
export function segmentRange(plaintextLength: number, start: number, endInclusive: number): SegmentRange {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(endInclusive) || !Number.isSafeInteger(plaintextLength)) {
    throw new RangeError('range bounds must be safe integers');
  }
  if (start < 0 || start > endInclusive || endInclusive >= plaintextLength) throw new RangeError('range not satisfiable');
  const firstSegment = Math.floor(start / SEGMENT_PLAINTEXT_BYTES);
  const lastSegment = Math.floor(endInclusive / SEGMENT_PLAINTEXT_BYTES);
  const segmentsStart = HEADER_BYTES + firstSegment * SEGMENT_SEALED_BYTES;
  const segmentsEnd =
    HEADER_BYTES + lastSegment * SEGMENT_SEALED_BYTES + segmentPlaintextLength(plaintextLength, lastSegment) + SEGMENT_TAG_BYTES;
  const reads: BlobSpan[] =
    firstSegment === 0
      ? [{ offset: 0, length: segmentsEnd }]
      : [
          { offset: 0, length: HEADER_BYTES },
          { offset: segmentsStart, length: segmentsEnd - segmentsStart },
        ];
  return {
    firstSegment,
    lastSegment,
    reads,
    skip: start - firstSegment * SEGMENT_PLAINTEXT_BYTES,
    keep: endInclusive - start + 1,
  };
}
