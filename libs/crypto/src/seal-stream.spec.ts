import { createDecipheriv, createHmac } from 'node:crypto';
import { createSealStream } from './seal-stream';
import { sealedLength } from './sealed-length';
import { SEGMENT_PLAINTEXT_BYTES as SEG, SEGMENT_SEALED_BYTES } from './segment-format';
import { deterministicBytes, keysFor, open, seal } from './testing/sealed-streams';

const keys = keysFor(1);

/** Opens segment `index` of `blob` by hand, from the byte layout documented in segment-format.ts alone. */
function openByHand(blob: Buffer, index: number, final: boolean, plaintextBytes: number): Buffer {
  const prk = createHmac('sha256', 'strongroom/object-data/v1').update(keys.dataKey).digest();
  const info = Buffer.concat([Buffer.from('strongroom/object-data/v1/stream-key'), keys.streamId, Uint8Array.of(1)]);
  const streamKey = createHmac('sha256', prk).update(info).digest();
  const nonce = Buffer.alloc(12);
  nonce.writeUInt32BE(index, 8);
  const aad = Buffer.alloc(11);
  aad.set([0x01, 0x10], 0);
  aad.writeUInt32BE(index, 6);
  aad[10] = final ? 1 : 0;
  const start = 2 + index * SEGMENT_SEALED_BYTES;
  const decipher = createDecipheriv('aes-256-gcm', streamKey, nonce, { authTagLength: 16 });
  decipher.setAAD(aad);
  decipher.setAuthTag(blob.subarray(start + plaintextBytes, start + plaintextBytes + 16));
  return Buffer.concat([decipher.update(blob.subarray(start, start + plaintextBytes)), decipher.final()]);
}

describe('the seal stream', () => {
  it('writes the documented layout: header 01 10, then ciphertext ‖ tag per segment', async () => {
    const plaintext = deterministicBytes(2 * SEG + 100, 2);
    const { blob } = await seal(plaintext, keys);
    expect(blob.subarray(0, 2).toString('hex')).toBe('0110');
    expect(blob.length).toBe(2 + 3 * 16 + plaintext.length);
    expect(openByHand(blob, 0, false, SEG).equals(plaintext.subarray(0, SEG))).toBe(true);
    expect(openByHand(blob, 1, false, SEG).equals(plaintext.subarray(SEG, 2 * SEG))).toBe(true);
    expect(openByHand(blob, 2, true, 100).equals(plaintext.subarray(2 * SEG))).toBe(true);
    expect(() => openByHand(blob, 2, false, 100)).toThrow();
  });

  it('seals an empty stream as a header and one empty final segment', async () => {
    const { blob, summary } = await seal(new Uint8Array(0), keys);
    expect(blob.length).toBe(18);
    expect(openByHand(blob, 0, true, 0)).toHaveLength(0);
    expect(summary).toEqual({ plaintextLength: 0, sealedLength: 18 });
  });

  it('is deterministic for a key and stream id, and differs for another stream id', async () => {
    const plaintext = deterministicBytes(1000, 3);
    const first = await seal(plaintext, keys);
    const again = await seal(plaintext, keys, [7]);
    const other = await seal(plaintext, { ...keys, streamId: keysFor(2).streamId });
    expect(again.blob.equals(first.blob)).toBe(true);
    expect(other.blob.subarray(2).equals(first.blob.subarray(2))).toBe(false);
  });

  const sizes = [0, 1, SEG - 1, SEG, SEG + 1, 3 * SEG, 3 * SEG + 12_345];
  const chunkings: [string, number[]][] = [
    ['one chunk', []],
    ['1-byte chunks', [1]],
    ['odd chunks (7, 4093, 65537, 13)', [7, 4093, 65537, 13]],
    ['segment-sized chunks', [SEG]],
    ['chunks of a segment and one byte', [SEG + 1]],
    ['large chunks', [5 * SEG + 3]],
  ];
  /** 1-byte chunks meet every boundary within the first two segments; longer objects would only repeat them, a chunk at a time. */
  const sizesFor = (chunking: number[]) => (chunking.length === 1 && chunking[0] === 1 ? sizes.filter((size) => size <= SEG + 1) : sizes);
  describe.each(chunkings)('round trips with %s', (_name, chunking) => {
    it.each(sizesFor(chunking))('%i bytes', async (size) => {
      const plaintext = deterministicBytes(size, size);
      const { blob, summary } = await seal(plaintext, keys, chunking.length > 0 ? chunking : undefined);
      expect(summary).toEqual({ plaintextLength: size, sealedLength: sealedLength(size) });
      expect(blob.length).toBe(sealedLength(size));
      const opened = await open(blob, { ...keys, plaintextLength: size }, chunking.length > 0 ? chunking : undefined);
      expect(opened.error).toBeUndefined();
      expect(opened.output.equals(plaintext)).toBe(true);
    });
  });

  it('round trips random sizes fed and read in random chunks', async () => {
    for (let trial = 0; trial < 20; trial++) {
      const [a = 0, b = 0, c = 0, d = 0] = deterministicBytes(4, 1000 + trial);
      const size = ((a << 16) | (b << 8) | c) % (5 * SEG);
      const chunking = [1 + ((d * 977) % 70_000), 1 + ((c * 31) % 300), 1 + a * 300];
      const plaintext = deterministicBytes(size, trial);
      const { blob } = await seal(plaintext, keys, chunking);
      const opened = await open(blob, { ...keys, plaintextLength: size }, chunking.slice().reverse());
      expect(opened.error).toBeUndefined();
      expect(opened.output.equals(plaintext)).toBe(true);
    }
  });

  it('applies backpressure: an unread stream stops accepting input after about one segment on each side', () => {
    const stream = createSealStream(keys);
    const chunk = Buffer.alloc(16 * 1024);
    let accepted = 0;
    while (stream.write(chunk)) accepted += chunk.length;
    expect(accepted).toBeLessThan(4 * SEG);
    stream.destroy();
  });

  it('has no summary before it has finished', () => {
    const stream = createSealStream(keys);
    expect(() => stream.summary()).toThrow('has not finished');
    stream.destroy();
  });

  it('refuses a data key or stream id of the wrong length', () => {
    expect(() => createSealStream({ dataKey: new Uint8Array(31), streamId: keys.streamId })).toThrow(RangeError);
    expect(() => createSealStream({ dataKey: keys.dataKey, streamId: new Uint8Array(17) })).toThrow(RangeError);
  });
});
