import { createHash, createHmac } from 'node:crypto';

/**
 * An independent implementation of the aws-chunked encodings, written from
 * AWS's "Signature Calculations for the Authorization Header: Transferring
 * Payload in Multiple Chunks" and "... Including Trailing Headers" pages, for
 * tests only. It shares no code with the library and is itself checked
 * against the fixed signatures of those pages' examples.
 */
export interface ReferenceSigning {
  readonly signingKey: Buffer;
  readonly amzDate: string;
  readonly scope: string;
  readonly seedSignature: string;
}

const hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmacHex = (key: Buffer, data: string): string => createHmac('sha256', key).update(data).digest('hex');

/** kSigning from a secret, per the SigV4 documentation. */
export function referenceSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  let key = Buffer.from(`AWS4${secret}`);
  for (const part of [date, region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return key;
}

/** Splits data into chunks of `chunkSize` bytes (the last may be shorter). */
export function split(data: Buffer, chunkSize: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += chunkSize) chunks.push(data.subarray(offset, offset + chunkSize));
  return chunks;
}

/** A signed aws-chunked body and the signatures it carries. */
export interface SignedBody {
  readonly body: Buffer;
  readonly chunkSignatures: string[];
  readonly trailerSignature: string | undefined;
}

/** Encodes `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`: every chunk (then the empty one, then the trailer) chained from the seed. */
export function signedChunkedBody(signing: ReferenceSigning, chunks: readonly Buffer[], trailer?: readonly [string, string]): SignedBody {
  const parts: Buffer[] = [];
  const chunkSignatures: string[] = [];
  let previous = signing.seedSignature;
  for (const chunk of [...chunks, Buffer.alloc(0)]) {
    const stringToSign = `AWS4-HMAC-SHA256-PAYLOAD\n${signing.amzDate}\n${signing.scope}\n${previous}\n${hex('')}\n${hex(chunk)}`;
    previous = hmacHex(signing.signingKey, stringToSign);
    chunkSignatures.push(previous);
    parts.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`));
    if (chunk.length > 0) parts.push(chunk, Buffer.from('\r\n'));
  }
  let trailerSignature: string | undefined;
  if (trailer) {
    const [name, value] = trailer;
    const stringToSign = `AWS4-HMAC-SHA256-TRAILER\n${signing.amzDate}\n${signing.scope}\n${previous}\n${hex(`${name}:${value}\n`)}`;
    trailerSignature = hmacHex(signing.signingKey, stringToSign);
    parts.push(Buffer.from(`${name}:${value}\r\nx-amz-trailer-signature:${trailerSignature}\r\n`));
  }
  parts.push(Buffer.from('\r\n'));
  return { body: Buffer.concat(parts), chunkSignatures, trailerSignature };
}

/** Encodes `STREAMING-UNSIGNED-PAYLOAD-TRAILER` the way the AWS SDK for JavaScript does. */
export function unsignedChunkedBody(chunks: readonly Buffer[], trailer: readonly [string, string]): Buffer {
  const parts: Buffer[] = [];
  for (const chunk of chunks) parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
  parts.push(Buffer.from(`0\r\n${trailer[0]}:${trailer[1]}\r\n\r\n`));
  return Buffer.concat(parts);
}

/** CRC32C (Castagnoli), bitwise: slow and obviously right, for test vectors. */
export function crc32c(data: Buffer): Buffer {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out;
}
