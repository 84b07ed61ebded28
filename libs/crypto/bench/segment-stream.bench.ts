import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createSealStream, createStreamOpener, segmentRange, type OpenStreamOptions } from '../src';

/**
 * Throughput of sealing and opening 64 MiB, run by hand:
 * `npx tsx libs/crypto/bench/segment-stream.bench.ts`. Prints MB/s (10^6 bytes),
 * best of 5, for a few input chunk sizes and one range read.
 */
const SIZE = 64 * 1024 * 1024;
const ROUNDS = 5;
const dataKey = randomBytes(32);
const streamId = randomBytes(16);
const plaintext = randomBytes(SIZE);

function chunksOf(data: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += size) chunks.push(data.subarray(offset, offset + size));
  return chunks;
}

async function run(chunks: Buffer[], transform: NodeJS.ReadWriteStream): Promise<Buffer[]> {
  const out: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _encoding, callback) {
      out.push(chunk);
      callback();
    },
  });
  await pipeline(Readable.from(chunks), transform, sink);
  return out;
}

async function openAll(chunks: Buffer[], options: OpenStreamOptions): Promise<void> {
  for await (const plaintext of createStreamOpener(options).open(chunks)) void plaintext;
}

async function best(label: string, task: () => Promise<unknown>): Promise<void> {
  let fastest = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    await task();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - started) / 1e9);
  }
  console.log(`${label.padEnd(44)} ${(SIZE / 1e6 / fastest).toFixed(0).padStart(6)} MB/s`);
}

async function main(): Promise<void> {
  for (const chunkSize of [16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024]) {
    const input = chunksOf(plaintext, chunkSize);
    await best(`seal, ${chunkSize / 1024} KiB input chunks`, () => run(input, createSealStream({ dataKey, streamId })));
  }
  const sealed = Buffer.concat(await run(chunksOf(plaintext, 1 << 20), createSealStream({ dataKey, streamId })));
  for (const chunkSize of [16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024]) {
    const input = chunksOf(sealed, chunkSize);
    await best(`open, ${chunkSize / 1024} KiB input chunks`, () => openAll(input, { dataKey, streamId, plaintextLength: SIZE }));
  }
  const plan = segmentRange(SIZE, 1000, SIZE - 1000);
  const input = chunksOf(Buffer.concat(plan.reads.map((span) => sealed.subarray(span.offset, span.offset + span.length))), 1 << 20);
  await best('open a range (all but 2000 bytes), 1 MiB chunks', () =>
    openAll(input, { dataKey, streamId, plaintextLength: SIZE, range: { start: 1000, endInclusive: SIZE - 1000 } }),
  );
}

void main();
