import { IntegrityError } from './integrity-error';
import { SegmentCipher } from './segment-cipher';
import { FORMAT_HEADER, HEADER_BYTES, SEGMENT_SEALED_BYTES, SEGMENT_TAG_BYTES } from './segment-format';
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
 * Opens one sealed stream: sealed blob bytes in, plaintext out. Every
 * segment is verified before any of its plaintext is yielded, so a reader
 * never sees an unverified byte. Any failure (tampering, wrong key or
 * stream id, reordered, dropped, missing or extra bytes, a wrong header)
 * throws {@link IntegrityError}. Holds at most one segment when the input's
 * chunks split segments; segments that arrive whole are opened in place.
 * The options are checked when it is created (RangeError).
 */
export class StreamOpener {
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
  private opened = false;

  constructor(options: OpenStreamOptions) {
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

  /** Yields the plaintext of the sealed bytes `source` yields, segment by segment; an opener opens one source. */
  async *open(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Buffer> {
    if (this.opened) throw new Error('a stream opener opens one source');
    this.opened = true;
    try {
      for await (const chunk of source) yield* this.consume(chunk);
      if (this.headerLength < HEADER_BYTES || this.nextSegment <= this.lastSegment) {
        throw new IntegrityError('truncated', this.headerLength < HEADER_BYTES ? undefined : this.nextSegment);
      }
    } finally {
      this.staging?.fill(0);
    }
  }

  /** Yields the plaintext of each segment `chunk` completes, as each verifies. */
  private *consume(chunk: Uint8Array): Generator<Buffer> {
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
        yield* this.openSegment(chunk.subarray(offset, offset + need));
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
        yield* this.openSegment(this.staging.subarray(0, need));
      }
    }
  }

  private sealedSize(index: number): number {
    return segmentPlaintextLength(this.plaintextLength, index) + SEGMENT_TAG_BYTES;
  }

  private *openSegment(sealed: Uint8Array): Generator<Buffer> {
    const segment = this.cipher.open(this.nextSegment, this.nextSegment === this.finalSegment, sealed);
    this.nextSegment += 1;
    const end = Math.min(segment.length, this.skip + this.keep);
    if (end > this.skip) yield segment.subarray(this.skip, end);
    this.keep -= Math.max(0, end - this.skip);
    this.skip = 0;
  }
}

/** Creates a {@link StreamOpener}; `open` the blob's bytes with it and plaintext comes out. */
export function createStreamOpener(options: OpenStreamOptions): StreamOpener {
  return new StreamOpener(options);
}
