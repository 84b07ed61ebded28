import { IntegrityError } from './integrity-error';
import { plaintextLengthOf, sealedLength, segmentCount, segmentPlaintextLength } from './sealed-length';
import { HEADER_BYTES, SEGMENT_PLAINTEXT_BYTES as SEG, SEGMENT_SEALED_BYTES, SEGMENT_TAG_BYTES as TAG } from './segment-format';

describe('sealed lengths', () => {
  it.each([
    [0, 1, HEADER_BYTES + TAG],
    [1, 1, HEADER_BYTES + 1 + TAG],
    [SEG - 1, 1, HEADER_BYTES + SEG - 1 + TAG],
    [SEG, 1, HEADER_BYTES + SEG + TAG],
    [SEG + 1, 2, HEADER_BYTES + SEG + 1 + 2 * TAG],
    [3 * SEG, 3, HEADER_BYTES + 3 * SEG + 3 * TAG],
    [5 * 2 ** 40, 5 * 2 ** 24, HEADER_BYTES + 5 * 2 ** 40 + 5 * 2 ** 24 * TAG],
  ])('%i plaintext bytes are %i segments and %i blob bytes', (plaintext, segments, blob) => {
    expect(segmentCount(plaintext)).toBe(segments);
    expect(sealedLength(plaintext)).toBe(blob);
    expect(plaintextLengthOf(blob)).toBe(plaintext);
  });

  it('inverts sealedLength around every segment boundary', () => {
    for (let segments = 0; segments < 4; segments++) {
      for (let delta = -20; delta <= 20; delta++) {
        const length = segments * SEG + delta;
        if (length >= 0) expect(plaintextLengthOf(sealedLength(length))).toBe(length);
      }
    }
  });

  it.each([
    ['nothing', 0],
    ['a header alone', HEADER_BYTES],
    ['a header and a partial tag', HEADER_BYTES + TAG - 1],
    ['a full segment and then an empty segment', HEADER_BYTES + SEGMENT_SEALED_BYTES + TAG],
    ['a full segment and then 5 bytes', HEADER_BYTES + SEGMENT_SEALED_BYTES + 5],
  ])('rejects a blob length no plaintext seals to: %s', (_what, length) => {
    let caught: unknown;
    try {
      plaintextLengthOf(length);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IntegrityError);
    expect((caught as IntegrityError).failure).toBe('length');
  });

  it('gives each segment its plaintext length', () => {
    expect(segmentPlaintextLength(0, 0)).toBe(0);
    expect(segmentPlaintextLength(SEG, 0)).toBe(SEG);
    expect(segmentPlaintextLength(2 * SEG + 7, 1)).toBe(SEG);
    expect(segmentPlaintextLength(2 * SEG + 7, 2)).toBe(7);
    expect(() => segmentPlaintextLength(2 * SEG + 7, 3)).toThrow(RangeError);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53])('refuses %p as a length', (value) => {
    expect(() => sealedLength(value)).toThrow(RangeError);
    expect(() => plaintextLengthOf(value)).toThrow(RangeError);
  });
});
