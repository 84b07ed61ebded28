import { Transform, type TransformCallback } from 'node:stream';
import { IntegrityError } from './integrity-error';
import { SegmentCipher } from './segment-cipher';
import { FORMAT_HEADER, HEADER_BYTES, SEGMENT_PLAINTEXT_BYTES, SEGMENT_SEALED_BYTES, SEGMENT_TAG_BYTES } from './segment-format';
import { segmentCount, segmentPlaintextLength } from './sealed-length';
import { segmentRange } from './segment-range';
import { deriveStreamKey } from './stream-key';

/** What to open a blob with; every field comes from metadata, none from the blob. */
export interface OpenStreamOptions {
  /** The stream's 32-byte data key (unwrapped). */
  readonly dataKey: Uint8Array;
  /** The 16-byte stream id the blob was sealed with. */
  readonly streamId: Uint8Array;
  /** The plaintext length recorded when the blob was sealed. */
  readonly plaintextLength: number;
  /**
   * Plaintext bytes to emit, inclusive. The input must then be exactly the
   * blob bytes that `segmentRange(plaintextLength, start, endInclusive).reads`
   * names, concatenated. Without it the input is the whole blob.
   */
  readonly range?: { readonly start: number; readonly endInclusive: number };
}

/**
 * A Transform from sealed blob bytes to plaintext. Every segment is verified
 * before any of its plaintext is emitted, so a reader never sees an
 * unverified byte. Any failure (tampering, wrong key or stream id, reordered,
 * dropped, missing or extra bytes, a wrong header) errors the stream with
 * {@link IntegrityError}. Holds at most one segment when the input's chunks
 * split segments; segments that arrive whole are opened in place.
 */
export class OpenStream extends Transform {
  private readonly cipher: SegmentCipher;
  private readonly plaintextLength: number;
  /** Index of the stream's final segment. */
  private readonly finalSegment: number;
  /** Index of the last segment this read opens. */
  private readonly lastSegment: number;
  private nextSegment: number;
  private skip: number;
  private keep: number;
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private headerLength = 0;
  /** Bytes of a segment split across input chunks. */
  private staging: Buffer | undefined;
  private stagingLength = 0;

  constructor(options: OpenStreamOptions) {
    super({ writableHighWaterMark: SEGMENT_SEALED_BYTES, readableHighWaterMark: SEGMENT_PLAINTEXT_BYTES });
    const { plaintextLength, range } = options;
    this.finalSegment = segmentCount(plaintextLength) - 1;
    this.plaintextLength = plaintextLength;
    if (range === undefined) {
      this.nextSegment = 0;
      this.lastSegment = this.finalSegment;
      this.skip = 0;
      this.keep = plaintextLength;
    } else {
      const plan = segmentRange(plaintextLength, range.start, range.endInclusive);
      this.nextSegment = plan.firstSegment;
      this.lastSegment = plan.lastSegment;
      this.skip = plan.skip;
      this.keep = plan.keep;
    }
    this.cipher = new SegmentCipher(deriveStreamKey(options.dataKey, options.streamId));
  }

  override _transform(chunk: unknown, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!(chunk instanceof Uint8Array)) {
      callback(new TypeError('the open stream takes bytes'));
      return;
    }
    try {
      this.consume(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.headerLength < HEADER_BYTES || this.nextSegment <= this.lastSegment) {
      callback(new IntegrityError('truncated', this.headerLength < HEADER_BYTES ? undefined : this.nextSegment));
      return;
    }
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.staging?.fill(0);
    callback(error);
  }

  private consume(chunk: Uint8Array): void {
    let offset = 0;
    while (this.headerLength < HEADER_BYTES && offset < chunk.length) {
      this.header[this.headerLength++] = chunk[offset++] ?? 0;
      if (this.headerLength === HEADER_BYTES && !this.header.equals(FORMAT_HEADER)) throw new IntegrityError('header');
    }
    while (offset < chunk.length) {
      if (this.nextSegment > this.lastSegment) throw new IntegrityError('trailing-data', this.nextSegment);
      const need = this.sealedSize(this.nextSegment);
      const available = chunk.length - offset;
      if (this.stagingLength === 0 && available >= need) {
        this.openSegment(chunk.subarray(offset, offset + need));
        offset += need;
        continue;
      }
      this.staging ??= Buffer.allocUnsafe(SEGMENT_SEALED_BYTES);
      const take = Math.min(need - this.stagingLength, available);
      this.staging.set(chunk.subarray(offset, offset + take), this.stagingLength);
      this.stagingLength += take;
      offset += take;
      if (this.stagingLength === need) {
        this.stagingLength = 0;
        this.openSegment(this.staging.subarray(0, need));
      }
    }
  }

  private sealedSize(index: number): number {
    return segmentPlaintextLength(this.plaintextLength, index) + SEGMENT_TAG_BYTES;
  }

  private openSegment(sealed: Uint8Array): void {
    const plaintext = this.cipher.open(this.nextSegment, this.nextSegment === this.finalSegment, sealed);
    this.nextSegment += 1;
    const end = Math.min(plaintext.length, this.skip + this.keep);
    if (end > this.skip) this.push(plaintext.subarray(this.skip, end));
    this.keep -= Math.max(0, end - this.skip);
    this.skip = 0;
  }
}

/** Creates an {@link OpenStream}: pipe the blob's bytes in, plaintext comes out. */
export function createOpenStream(options: OpenStreamOptions): OpenStream {
  return new OpenStream(options);
}
