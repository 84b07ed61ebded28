import { IntegrityError } from './integrity-error';
import { createStreamOpener } from './open-stream';
import { SEGMENT_PLAINTEXT_BYTES as SEG, SEGMENT_SEALED_BYTES as SEALED } from './segment-format';
import { segmentRange } from './segment-range';
import { deterministicBytes, keysFor, open, seal } from './testing/sealed-streams';

const keys = keysFor(21);
/** Four segments: three full, one of 12,345 bytes. */
const plaintext = deterministicBytes(3 * SEG + 12_345, 22);
const length = plaintext.length;
let blob: Buffer;

beforeAll(async () => {
  ({ blob } = await seal(plaintext, keys));
});

/** Only the blob bytes the plan names, concatenated: what a range read fetches from disk. */
function fetched(start: number, endInclusive: number): Buffer {
  return Buffer.concat(segmentRange(length, start, endInclusive).reads.map(({ offset, length: size }) => blob.subarray(offset, offset + size)));
}

describe('segmentRange', () => {
  it('plans a range inside the first segment as one read from the start of the blob', () => {
    expect(segmentRange(length, 10, 19)).toEqual({ firstSegment: 0, lastSegment: 0, reads: [{ offset: 0, length: 2 + SEALED }], skip: 10, keep: 10 });
  });

  it('plans a later range as the header plus the segments it touches', () => {
    expect(segmentRange(length, SEG + 5, 2 * SEG + 7)).toEqual({
      firstSegment: 1,
      lastSegment: 2,
      reads: [
        { offset: 0, length: 2 },
        { offset: 2 + SEALED, length: 2 * SEALED },
      ],
      skip: 5,
      keep: SEG + 3,
    });
  });

  it('ends the last read at the end of a short final segment', () => {
    const plan = segmentRange(length, length - 1, length - 1);
    expect(plan.lastSegment).toBe(3);
    const last = plan.reads[plan.reads.length - 1];
    expect(last).toEqual({ offset: 2 + 3 * SEALED, length: 12_345 + 16 });
    expect((last?.offset ?? 0) + (last?.length ?? 0)).toBe(2 + 3 * SEALED + 12_345 + 16);
  });

  it.each([
    ['start after end', 10, 9],
    ['end past the object', 0, length],
    ['a negative start', -1, 5],
    ['a fractional bound', 0.5, 5],
  ])('refuses %s', (_what, start, end) => {
    expect(() => segmentRange(length, start, end)).toThrow(RangeError);
  });

  it('has no satisfiable range on an empty object', () => {
    expect(() => segmentRange(0, 0, 0)).toThrow(RangeError);
  });
});

describe('range reads', () => {
  it.each([
    ['the first byte', 0, 0],
    ['the last byte', length - 1, length - 1],
    ['the last byte of a segment', SEG - 1, SEG - 1],
    ['the first byte of a segment', SEG, SEG],
    ['two bytes across a boundary', SEG - 1, SEG],
    ['across three segments', 100, 2 * SEG + 100],
    ['a suffix of 100 bytes', length - 100, length - 1],
    ['a suffix longer than the final segment', length - 20_000, length - 1],
    ['the whole object', 0, length - 1],
    ['a range within one segment', SEG + 1000, SEG + 1999],
    ['exactly one full segment', 2 * SEG, 3 * SEG - 1],
  ])('%s, from only the bytes segmentRange names', async (_what, start, end) => {
    const range = { start, endInclusive: end };
    const expected = plaintext.subarray(start, end + 1);
    // Fed one byte at a time too when the range touches at most two segments: that meets every boundary of a plan; wider ranges would only repeat them, a chunk at a time.
    const touchesAtMostTwo = Math.floor(end / SEG) - Math.floor(start / SEG) <= 1;
    for (const chunking of [undefined, [4093, 17], ...(touchesAtMostTwo ? [[1]] : [])]) {
      const result = await open(fetched(start, end), { ...keys, plaintextLength: length, range }, chunking);
      expect(result.error).toBeUndefined();
      expect(result.output.equals(expected)).toBe(true);
    }
  });

  it('reads ranges of small objects, where the only segment is the final one', async () => {
    const small = deterministicBytes(1000, 23);
    const smallBlob = (await seal(small, keys)).blob;
    const plan = segmentRange(small.length, 10, 999);
    expect(plan.reads).toEqual([{ offset: 0, length: smallBlob.length }]);
    const result = await open(smallBlob, { ...keys, plaintextLength: small.length, range: { start: 10, endInclusive: 999 } });
    expect(result.output.equals(small.subarray(10))).toBe(true);
  });

  it('verifies the segments it reads', async () => {
    const input = fetched(SEG + 5, SEG + 10);
    input[10] = (input[10] ?? 0) ^ 1;
    const result = await open(input, { ...keys, plaintextLength: length, range: { start: SEG + 5, endInclusive: SEG + 10 } });
    expect(result.error).toBeInstanceOf(IntegrityError);
    expect(result.output).toHaveLength(0);
  });

  it('rejects bytes beyond the planned segments, and a plan fed the wrong segments', async () => {
    const range = { start: SEG + 5, endInclusive: SEG + 10 };
    const extra = await open(Buffer.concat([fetched(SEG + 5, SEG + 10), Buffer.from([0])]), { ...keys, plaintextLength: length, range });
    expect((extra.error as IntegrityError).failure).toBe('trailing-data');
    const whole = await open(blob, { ...keys, plaintextLength: length, range });
    expect((whole.error as IntegrityError).failure).toBe('authentication');
    expect(whole.output).toHaveLength(0);
  });

  it('rejects an unsatisfiable range when the opener is created', () => {
    expect(() => createStreamOpener({ ...keys, plaintextLength: length, range: { start: length, endInclusive: length } })).toThrow(RangeError);
  });
});
