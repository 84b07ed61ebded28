import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BodySink } from './s3-http-client';

const KiB = 1024;
const MiB = 1024 * KiB;

/** An object size the case measures. */
export interface ObjectSize {
  /** As printed: `4 KiB`, `1 MiB`, `64 MiB`. */
  readonly label: SizeLabel;
  readonly bytes: number;
  /** Whether its rate is reported in MB/s (else in ops/s). */
  readonly throughput: boolean;
}

/** The sizes' labels. */
export type SizeLabel = '4 KiB' | '1 MiB' | '64 MiB';

/** The object sizes of the issue. */
export const OBJECT_SIZES: readonly ObjectSize[] = [
  { label: '4 KiB', bytes: 4 * KiB, throughput: false },
  { label: '1 MiB', bytes: MiB, throughput: true },
  { label: '64 MiB', bytes: 64 * MiB, throughput: true },
];

/** Random bytes of each size, made once: PUT bodies, and what every GET must return. */
export function randomPayloads(): Map<SizeLabel, Buffer> {
  return new Map(OBJECT_SIZES.map((size) => [size.label, randomBytes(size.bytes)]));
}

/** A sink comparing each chunk with `expected` at its offset. */
export function verifyAgainst(expected: Buffer): BodySink {
  return (chunk, offset) => {
    if (offset + chunk.length > expected.length || !chunk.equals(expected.subarray(offset, offset + chunk.length))) {
      throw new Error(`GET body differs from what was PUT at bytes ${offset}..${offset + chunk.length}`);
    }
  };
}

/**
 * A long body generated as it is sent: `bytes` (a multiple of 1 MiB) made
 * of one random 1 MiB block, each copy stamped with its index in its first
 * 8 bytes, so that only a few blocks are in memory at a time.
 */
export class PatternedBody {
  static readonly BLOCK = MiB;
  readonly #block = randomBytes(PatternedBody.BLOCK);

  constructor(readonly bytes: number) {
    if (bytes % PatternedBody.BLOCK !== 0) throw new Error('a patterned body is a whole number of MiB');
  }

  /** A fresh stream of the body. */
  stream(): Readable {
    const blocks = this.bytes / PatternedBody.BLOCK;
    const block = (index: number) => this.#blockAt(index);
    return Readable.from(
      (function* () {
        for (let index = 0; index < blocks; index++) yield block(index);
      })(),
      { objectMode: false },
    );
  }


  #blockAt(index: number): Buffer {
    const copy = Buffer.from(this.#block);
    copy.writeBigUInt64BE(BigInt(index), 0);
    return copy;
  }
}
