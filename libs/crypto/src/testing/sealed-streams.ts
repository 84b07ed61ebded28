/**
 * Test support for the sealed-stream specs (not exported from the package):
 * feeding byte arrays through the streams in chosen chunks.
 */
import { createCipheriv } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createStreamOpener, type OpenStreamOptions } from '../open-stream';
import { createSealStream, type SealSummary } from '../seal-stream';

/** Splits `data` into chunks whose sizes cycle through `sizes` (all positive). */
export function chunked(data: Uint8Array, sizes: readonly number[]): Buffer[] {
  const chunks: Buffer[] = [];
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length] ?? bytes.length;
    chunks.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

/** What came out of a stream, and the error it ended with, if any. */
export interface StreamResult {
  readonly output: Buffer;
  readonly error: unknown;
}

/** Key material for a sealed stream. */
export interface StreamKeys {
  readonly dataKey: Uint8Array;
  readonly streamId: Uint8Array;
}

/** Seals `plaintext`, fed in chunks of `sizes` (one chunk when omitted). */
export async function seal(plaintext: Uint8Array, keys: StreamKeys, sizes: readonly number[] = [Math.max(1, plaintext.length)]): Promise<{ blob: Buffer; summary: SealSummary }> {
  const stream = createSealStream(keys);
  const blob: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => blob.push(chunk));
  await pipeline(Readable.from(chunked(plaintext, sizes)), stream);
  return { blob: Buffer.concat(blob), summary: stream.summary() };
}

/** Opens `blob` (fed in chunks of `sizes`) with `options`, returning what came out and any error. */
export async function open(blob: Uint8Array, options: OpenStreamOptions, sizes: readonly number[] = [Math.max(1, blob.length)]): Promise<StreamResult> {
  const out: Buffer[] = [];
  let error: unknown;
  try {
    for await (const plaintext of createStreamOpener(options).open(chunked(blob, sizes))) out.push(plaintext);
  } catch (caught) {
    error = caught;
  }
  return { output: Buffer.concat(out), error };
}

/** `length` reproducible pseudo-random bytes for `seed` (AES-256-CTR keystream of a key made from the seed). */
export function deterministicBytes(length: number, seed: number): Buffer {
  const key = Buffer.alloc(32);
  key.writeUInt32BE(seed >>> 0, 0);
  return createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(length));
}

/** Reproducible key material for `seed`. */
export function keysFor(seed: number): StreamKeys {
  const bytes = deterministicBytes(48, seed + 0x10000);
  return { dataKey: bytes.subarray(0, 32), streamId: bytes.subarray(32, 48) };
}
