import { Transform, type TransformCallback } from 'node:stream';
import { SegmentCipher } from './segment-cipher';
import { FORMAT_HEADER, SEGMENT_PLAINTEXT_BYTES, SEGMENT_SEALED_BYTES } from './segment-format';
import { deriveStreamKey } from './stream-key';

/** What to seal a stream with. */
export interface SealStreamOptions {
  /** The stream's 32-byte data key (unwrapped). The stream derives its own key and keeps no copy of this one. */
  readonly dataKey: Uint8Array;
  /** The 16-byte id the caller records in metadata and must give again to open the blob. */
  readonly streamId: Uint8Array;
}

/** Lengths of a finished seal. */
export interface SealSummary {
  /** Plaintext bytes sealed. */
  readonly plaintextLength: number;
  /** Blob bytes written, header included; always `sealedLength(plaintextLength)`. */
  readonly sealedLength: number;
}

/**
 * A Transform from plaintext (chunks of any size) to the sealed blob bytes of
 * segment-format.ts. It holds at most one segment of plaintext: a full
 * segment waits only until the next byte or the end shows whether it is the
 * final one. Full segments that arrive whole inside a chunk are encrypted
 * straight from it, without a copy. Backpressure is the Transform's own.
 */
export class SealStream extends Transform {
  private readonly cipher: SegmentCipher;
  /** Plaintext of the segment being filled; only `pendingLength` bytes are live. */
  private readonly pending = Buffer.allocUnsafe(SEGMENT_PLAINTEXT_BYTES);
  private pendingLength = 0;
  private nextIndex = 0;
  private plaintextLength = 0;
  private sealedLength = 0;
  private finished = false;

  constructor(options: SealStreamOptions) {
    super({ writableHighWaterMark: SEGMENT_PLAINTEXT_BYTES, readableHighWaterMark: SEGMENT_SEALED_BYTES });
    this.cipher = new SegmentCipher(deriveStreamKey(options.dataKey, options.streamId));
    this.pushCounted(Buffer.from(FORMAT_HEADER));
  }

  /** The lengths of what was sealed; throws until the stream has flushed its final segment. */
  summary(): SealSummary {
    if (!this.finished) throw new Error('the seal stream has not finished');
    return { plaintextLength: this.plaintextLength, sealedLength: this.sealedLength };
  }

  override _transform(chunk: unknown, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!(chunk instanceof Uint8Array)) {
      callback(new TypeError('the seal stream takes bytes'));
      return;
    }
    this.plaintextLength += chunk.length;
    let offset = 0;
    while (offset < chunk.length) {
      if (this.pendingLength === SEGMENT_PLAINTEXT_BYTES) {
        // More data follows, so the held segment is not the final one.
        this.sealSegment(this.pending, false);
        this.pendingLength = 0;
      }
      const remaining = chunk.length - offset;
      if (this.pendingLength === 0 && remaining > SEGMENT_PLAINTEXT_BYTES) {
        this.sealSegment(chunk.subarray(offset, offset + SEGMENT_PLAINTEXT_BYTES), false);
        offset += SEGMENT_PLAINTEXT_BYTES;
        continue;
      }
      const take = Math.min(remaining, SEGMENT_PLAINTEXT_BYTES - this.pendingLength);
      this.pending.set(chunk.subarray(offset, offset + take), this.pendingLength);
      this.pendingLength += take;
      offset += take;
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.sealSegment(this.pending.subarray(0, this.pendingLength), true);
    this.pending.fill(0);
    this.finished = true;
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.pending.fill(0);
    callback(error);
  }

  private sealSegment(plaintext: Uint8Array, final: boolean): void {
    const [ciphertext, tag] = this.cipher.seal(this.nextIndex, final, plaintext);
    this.nextIndex += 1;
    this.pushCounted(ciphertext);
    this.pushCounted(tag);
  }

  private pushCounted(bytes: Buffer): void {
    this.sealedLength += bytes.length;
    this.push(bytes);
  }
}

/** Creates a {@link SealStream}: pipe plaintext in, write what comes out to the blob. */
export function createSealStream(options: SealStreamOptions): SealStream {
  return new SealStream(options);
}
