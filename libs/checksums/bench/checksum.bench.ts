import { randomBytes } from 'node:crypto';
import { createChecksum, S3_CHECKSUM_ALGORITHMS } from '../src';

/**
 * Throughput of every checksum over 64 MiB fed in 64 KiB chunks, run by hand:
 * `npx tsx libs/checksums/bench/checksum.bench.ts`. Prints MB/s (10^6 bytes), best of 5.
 */
const SIZE = 64 * 1024 * 1024;
const CHUNK = 64 * 1024;
const data = randomBytes(SIZE);

for (const algorithm of [...S3_CHECKSUM_ALGORITHMS, 'MD5'] as const) {
  let fastest = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = process.hrtime.bigint();
    const checksum = createChecksum(algorithm);
    for (let offset = 0; offset < SIZE; offset += CHUNK) checksum.update(data.subarray(offset, offset + CHUNK));
    checksum.digest();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - started) / 1e9);
  }
  console.log(`${algorithm.padEnd(10)} ${(SIZE / 1e6 / fastest).toFixed(0).padStart(6)} MB/s`);
}
