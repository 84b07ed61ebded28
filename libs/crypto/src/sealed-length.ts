import { IntegrityError } from './integrity-error';
import { HEADER_BYTES, SEGMENT_PLAINTEXT_BYTES, SEGMENT_SEALED_BYTES, SEGMENT_TAG_BYTES } from './segment-format';

function assertLength(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative safe integer`);
}

/** How many segments a plaintext of `plaintextLength` bytes is sealed into (at least one). */
export function segmentCount(plaintextLength: number): number {
  assertLength(plaintextLength, 'plaintextLength');
  return Math.max(1, Math.ceil(plaintextLength / SEGMENT_PLAINTEXT_BYTES));
}

/** Plaintext bytes in segment `index` of a stream of `plaintextLength` bytes. */
export function segmentPlaintextLength(plaintextLength: number, index: number): number {
  const last = segmentCount(plaintextLength) - 1;
  if (!Number.isSafeInteger(index) || index < 0 || index > last) throw new RangeError('segment index out of range');
  return index < last ? SEGMENT_PLAINTEXT_BYTES : plaintextLength - last * SEGMENT_PLAINTEXT_BYTES;
}

/** The blob length, header included, that sealing `plaintextLength` bytes produces. */
export function sealedLength(plaintextLength: number): number {
  return HEADER_BYTES + plaintextLength + segmentCount(plaintextLength) * SEGMENT_TAG_BYTES;
}

/**
 * The inverse of {@link sealedLength}: the plaintext length of a blob of
 * `blobLength` bytes. A length that no plaintext seals to (a cut or padded
 * blob) throws {@link IntegrityError} with failure `length`.
 */
export function plaintextLengthOf(blobLength: number): number {
  assertLength(blobLength, 'blobLength');
  const body = blobLength - HEADER_BYTES;
  if (body < SEGMENT_TAG_BYTES) throw new IntegrityError('length');
  const full = Math.floor(body / SEGMENT_SEALED_BYTES);
  const rest = body % SEGMENT_SEALED_BYTES;
  if (rest === 0) return full * SEGMENT_PLAINTEXT_BYTES;
  // A short final segment holds 1..65535 bytes; an empty one only when it is the only segment.
  if (rest < SEGMENT_TAG_BYTES || (rest === SEGMENT_TAG_BYTES && full > 0)) throw new IntegrityError('length');
  return full * SEGMENT_PLAINTEXT_BYTES + rest - SEGMENT_TAG_BYTES;
}
