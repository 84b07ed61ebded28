import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BodyDecoder } from '../../src';

/** Feeds `body` through `decoder` in pieces of `pieceSize` bytes and collects what comes out. */
export async function decodeAll(decoder: BodyDecoder, body: Buffer, pieceSize = body.length || 1): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += pieceSize) pieces.push(body.subarray(offset, offset + pieceSize));
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(pieces),
    decoder,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(out);
}
