import { IntegrityError, type IntegrityFailure } from './integrity-error';
import { createStreamOpener, type OpenStreamOptions } from './open-stream';
import { plaintextLengthOf } from './sealed-length';
import { SEGMENT_PLAINTEXT_BYTES as SEG, SEGMENT_SEALED_BYTES as SEALED } from './segment-format';
import { deterministicBytes, keysFor, open, seal, type StreamResult } from './testing/sealed-streams';

const keys = keysFor(11);
/** Three segments: two full, one of 100 bytes. */
const plaintext = deterministicBytes(2 * SEG + 100, 12);
const options: OpenStreamOptions = { ...keys, plaintextLength: plaintext.length };
let blob: Buffer;

beforeAll(async () => {
  ({ blob } = await seal(plaintext, keys));
});

/** Blob offset where segment `index` starts. */
const segmentStart = (index: number): number => 2 + index * SEALED;
/** The blob bytes of segment `index`. */
const segment = (index: number): Buffer => blob.subarray(segmentStart(index), Math.min(blob.length, segmentStart(index + 1)));

function flipped(bytes: Buffer, index: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x40;
  return copy;
}

/**
 * Expects an IntegrityError, and that whatever came out before it is a
 * prefix of the plaintext made of whole segments (verified ones only).
 */
function expectRejected(result: StreamResult, failure: IntegrityFailure, atSegment?: number): void {
  expect(result.error).toBeInstanceOf(IntegrityError);
  const error = result.error as IntegrityError;
  expect(error.failure).toBe(failure);
  if (atSegment !== undefined) expect(error.segment).toBe(atSegment);
  expect(result.output.length % SEG).toBe(0);
  expect(result.output.equals(plaintext.subarray(0, result.output.length))).toBe(true);
  if (atSegment !== undefined) expect(result.output.length).toBeLessThanOrEqual(atSegment * SEG);
}

describe('the stream opener rejects', () => {
  it.each([
    ['the version byte', 0],
    ['the segment size byte', 1],
  ])('a changed header (%s), before emitting anything', async (_what, index) => {
    expectRejected(await open(flipped(blob, index), options), 'header');
  });

  describe.each([0, 1, 2])('in segment %i', (index) => {
    const tagStart = (): number => segmentStart(index) + segment(index).length - 16;
    it.each([
      ['the first ciphertext byte', () => segmentStart(index)],
      ['the last ciphertext byte', () => tagStart() - 1],
      ['the first tag byte', tagStart],
      ['the last tag byte', () => tagStart() + 15],
    ])('a flipped bit in %s', async (_what, at) => {
      expectRejected(await open(flipped(blob, at()), options), 'authentication', index);
      expectRejected(await open(flipped(blob, at()), options, [1000]), 'authentication', index);
    });
  });

  it('every single flipped byte of a one-segment blob', async () => {
    const small = deterministicBytes(40, 13);
    const sealed = (await seal(small, keys)).blob;
    for (let index = 0; index < sealed.length; index++) {
      const result = await open(flipped(sealed, index), { ...keys, plaintextLength: small.length });
      expect(result.error).toBeInstanceOf(IntegrityError);
      expect(result.output).toHaveLength(0);
    }
  });

  it('two swapped segments', async () => {
    const swapped = Buffer.concat([blob.subarray(0, 2), segment(1), segment(0), segment(2)]);
    expectRejected(await open(swapped, options), 'authentication', 0);
  });

  it('a dropped middle segment', async () => {
    const dropped = Buffer.concat([blob.subarray(0, 2), segment(0), segment(2)]);
    expectRejected(await open(dropped, options), 'truncated', 1);
    expectRejected(await open(dropped, { ...keys, plaintextLength: plaintextLengthOf(dropped.length) }), 'authentication', 1);
  });

  it('a blob cut at a segment boundary, whether or not the recorded length agrees', async () => {
    const cut = blob.subarray(0, segmentStart(2));
    expectRejected(await open(cut, options), 'truncated', 2);
    // A length that matches the cut blob: the final flag of segment 1 says "not final".
    expectRejected(await open(cut, { ...keys, plaintextLength: plaintextLengthOf(cut.length) }), 'authentication', 1);
  });

  it.each([
    ['inside the header', 1],
    ['after the header', 2],
    ['inside the first segment', 1000],
    ['inside a tag', segmentStart(1) - 3],
    ['one byte short', -1],
  ])('a blob cut %s', async (_where, at) => {
    expectRejected(await open(blob.subarray(0, at < 0 ? blob.length + at : at), options), 'truncated');
  });

  it('an empty blob, and an empty object cut to its header', async () => {
    expectRejected(await open(Buffer.alloc(0), options), 'truncated');
    const empty = (await seal(new Uint8Array(0), keys)).blob;
    expectRejected(await open(empty.subarray(0, 2), { ...keys, plaintextLength: 0 }), 'truncated', 0);
    expectRejected(await open(flipped(empty, 5), { ...keys, plaintextLength: 0 }), 'authentication', 0);
  });

  it.each([
    ['one byte', Buffer.from([0])],
    ['a tag-sized run of garbage', Buffer.alloc(16, 0xaa)],
    ['a copy of the last segment', null],
  ])('%s appended after the final segment', async (_what, extra) => {
    const extended = Buffer.concat([blob, extra ?? segment(2)]);
    const result = await open(extended, options);
    expect(result.error).toBeInstanceOf(IntegrityError);
    expect((result.error as IntegrityError).failure).toBe('trailing-data');
    expect(result.output.equals(plaintext)).toBe(true);
  });

  it('a sealed segment appended after the final one, with a recorded length to match', async () => {
    const longer = (await seal(deterministicBytes(3 * SEG, 14), keys)).blob;
    const fullTwo = (await seal(plaintext.subarray(0, 2 * SEG), keys)).blob;
    const extended = Buffer.concat([fullTwo, longer.subarray(segmentStart(2))]);
    expectRejected(await open(extended, { ...keys, plaintextLength: 3 * SEG }), 'authentication', 1);
  });

  it('a blob shorter or longer than the recorded length', async () => {
    expectRejected(await open(blob, { ...keys, plaintextLength: plaintext.length + 1 }), 'truncated', 2);
    expectRejected(await open(blob, { ...keys, plaintextLength: plaintext.length - 1 }), 'authentication', 2);
    expectRejected(await open(blob, { ...keys, plaintextLength: 2 * SEG }), 'authentication', 1);
  });

  it('the blob of another stream under the same data key (two blobs swapped)', async () => {
    const other = { ...keys, streamId: keysFor(12).streamId };
    const otherBlob = (await seal(plaintext, other)).blob;
    expectRejected(await open(otherBlob, options), 'authentication', 0);
    expectRejected(await open(blob, { ...other, plaintextLength: plaintext.length }), 'authentication', 0);
  });

  it('the wrong data key', async () => {
    expectRejected(await open(blob, { ...options, dataKey: keysFor(13).dataKey }), 'authentication', 0);
  });

  it('with a message that names the failure and nothing secret', async () => {
    const { error } = await open(blob, { ...options, dataKey: keysFor(13).dataKey });
    expect((error as Error).message).toBe('sealed object data failed verification: authentication at segment 0');
    expect((error as Error).name).toBe('IntegrityError');
  });
});

describe('the stream opener', () => {
  it('yields each segment only once it has verified', async () => {
    const pulled: string[] = [];
    function* source(): Generator<Buffer> {
      pulled.push('all of segment 0 but its last byte');
      yield blob.subarray(0, segmentStart(1) - 1);
      pulled.push('its last byte');
      yield blob.subarray(segmentStart(1) - 1, segmentStart(1));
    }
    const first = await createStreamOpener(options).open(source()).next();
    expect(pulled).toEqual(['all of segment 0 but its last byte', 'its last byte']);
    expect((first.value as Buffer).equals(plaintext.subarray(0, SEG))).toBe(true);
  });

  it('opens one source', async () => {
    const opener = createStreamOpener(options);
    await opener.open([blob]).next();
    await expect(opener.open([blob]).next()).rejects.toThrow('a stream opener opens one source');
  });

  it('refuses a recorded length that is not a length', () => {
    expect(() => createStreamOpener({ ...keys, plaintextLength: -1 })).toThrow(RangeError);
  });
});
