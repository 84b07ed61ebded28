import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { incompleteBody, type BodyDecoder, type BodyDecoderOptions, type TrailingChecksum } from './body-decoder';
import { CHECKSUM_TRAILERS, defaultChecksums, type ChecksumHasher, type ChecksumTrailerName } from './checksums';
import { canonicalTrailers, chunkStringToSign, trailerStringToSign, type ChunkSigningContext } from './chunk-signature';
import { LineReader, LineTooLongError } from './line-reader';
import { EMPTY_SHA256, sha256Hex, signaturesEqual, signString } from './signing';
import { SigV4Error } from './sigv4-error';

const MAX_LINE_BYTES = 4096;
const MAX_TRAILER_LINES = 16;
/**
 * The most line ends taken after the body's end: without a bound, a small
 * body (an XML document, limited by its decoded length) could be followed
 * by line ends for as long as the client sent them.
 */
const MAX_LINE_ENDS_AFTER_END = MAX_LINE_BYTES;
const DEFAULT_MAX_CHUNK_SIZE = 16 * 1024 * 1024;
/** The least a chunk other than the last may hold (S3's aws-chunked rule). */
const MIN_CHUNK_SIZE = 8192;
const TRAILER_SIGNATURE = 'x-amz-trailer-signature';
/**
 * How many pieces of a signed chunk are held as they came before they are
 * joined into one: a client sending a chunk one byte per HTTP chunk would
 * otherwise make the decoder hold a Buffer object per byte of a chunk of up
 * to 16 MiB until its signature is checked (a 2 MiB chunk so sent grew the
 * gateway by 769 MiB).
 */
const MAX_HELD_PIECES = 1024;

/** What an {@link AwsChunkedDecoder} decodes: the framing, the declared trailer and the real length. */
export interface AwsChunkedBody {
  /**
   * The signing context for `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`;
   * undefined for unsigned chunks. The decoder owns its signing key and
   * wipes it when the body ends, fails or the decoder is destroyed.
   */
  readonly signing: ChunkSigningContext | undefined;
  /** The checksum trailer named by `x-amz-trailer`, if any. */
  readonly trailer: ChecksumTrailerName | undefined;
  /** `x-amz-decoded-content-length`. */
  readonly decodedContentLength: number;
}

function malformed(detail: string): SigV4Error {
  return new SigV4Error('InvalidArgument', `The aws-chunked body is malformed: ${detail}`);
}

/** S3's answer to a chunk under {@link MIN_CHUNK_SIZE} followed by another with data: `chunk` is the number of that next chunk, as S3 counts. */
function chunkTooSmall(chunk: number, size: number): SigV4Error {
  return new SigV4Error('InvalidChunkSizeError', `Only the last chunk is allowed to have a size less than ${MIN_CHUNK_SIZE} bytes`, {
    details: { Chunk: String(chunk), BadChunkSize: String(size) },
  });
}

function malformedTrailer(): SigV4Error {
  return new SigV4Error(
    'MalformedTrailerError',
    'The request contained trailing data that was not well-formed or did not conform to our published schema.',
  );
}

function signatureMismatch(stringToSign: string, provided: string): SigV4Error {
  return new SigV4Error(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    { stringToSign, details: { SignatureProvided: provided } },
  );
}

/**
 * Decodes an aws-chunked body (`<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n`
 * ... `0...\r\n` [trailers] `\r\n`) into the object's bytes as it streams.
 * Signed chunks are held until their signature (chained from the seed
 * signature) verifies, then emitted; unsigned chunk data passes straight
 * through. Every chunk but the last with data holds at least 8192 bytes
 * (InvalidChunkSizeError, as S3 answers for signed and unsigned chunks
 * alike). The final zero-length chunk is required, the decoded length must
 * equal `x-amz-decoded-content-length`, the declared trailer must arrive (and,
 * in the signed variant, its signature verify), and a trailing checksum with a
 * hasher is checked against the decoded bytes (BadDigest).
 */
export class AwsChunkedDecoder extends Transform implements BodyDecoder {
  readonly #body: AwsChunkedBody;
  readonly #maxChunkSize: number;
  readonly #lines = new LineReader(MAX_LINE_BYTES);
  readonly #hasher: ChecksumHasher | undefined;
  #state: 'size' | 'data' | 'data-end' | 'trailer' | 'done' = 'size';
  #remaining = 0;
  #crlfRead = 0;
  #decoded = 0;
  /** Chunks with data so far, and the size of the last of them. */
  #chunks = 0;
  #lastChunkSize = 0;
  #chunkSignature = '';
  #chunkHash: Hash | undefined;
  #held: Buffer[] = [];
  /** Pieces at the end of `#held` not yet joined. */
  #looseHeld = 0;
  #previousSignature: string;
  #trailerLines = 0;
  #lineEndsAfterEnd = 0;
  readonly #trailers = new Map<string, string>();
  #trailerSignature: string | undefined;
  #checksum: TrailingChecksum | undefined;

  constructor(body: AwsChunkedBody, options: BodyDecoderOptions = {}) {
    super();
    this.#body = body;
    this.#maxChunkSize = options.maxChunkSize ?? DEFAULT_MAX_CHUNK_SIZE;
    this.#previousSignature = body.signing?.seedSignature ?? '';
    this.#hasher = body.trailer ? (options.checksums ?? defaultChecksums)(CHECKSUM_TRAILERS[body.trailer]) : undefined;
  }

  /** The trailing checksum, set once the trailer has been read. */
  get checksum(): TrailingChecksum | undefined {
    return this.#checksum;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.#consume(chunk);
      callback();
    } catch (error) {
      callback(error instanceof LineTooLongError ? malformed(error.message) : (error as Error));
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (this.#state === 'trailer' && !this.#lines.pending && this.#trailersComplete()) this.#endTrailers();
      if (this.#state !== 'done') throw incompleteBody();
      callback();
    } catch (error) {
      callback(error as Error);
    } finally {
      this.#wipeSigningKey();
    }
  }

  /** Destroyed, after an error, an abort or the end: no chunk is checked any more. */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#wipeSigningKey();
    callback(error);
  }

  /** Wipes the signing key once the body can no longer need it (see {@link AwsChunkedBody.signing}). */
  #wipeSigningKey(): void {
    this.#body.signing?.signingKey.fill(0);
  }

  #consume(input: Buffer): void {
    let offset = 0;
    while (offset < input.length) {
      if (this.#state === 'size' || this.#state === 'trailer') {
        const { line, next } = this.#lines.read(input, offset);
        offset = next;
        if (line === undefined) continue;
        if (this.#state === 'size') this.#startChunk(line);
        else this.#readTrailer(line);
      } else if (this.#state === 'data') {
        const piece = input.subarray(offset, offset + Math.min(this.#remaining, input.length - offset));
        offset += piece.length;
        this.#readData(piece);
      } else {
        const byte = input[offset++];
        if (this.#state === 'done') {
          if (byte !== 0x0d && byte !== 0x0a) throw malformed('data after the final chunk');
          if (++this.#lineEndsAfterEnd > MAX_LINE_ENDS_AFTER_END) throw malformed('line ends after the final chunk');
        } else if (byte !== (this.#crlfRead === 0 ? 0x0d : 0x0a)) {
          throw malformed('chunk data not followed by CRLF');
        } else if (++this.#crlfRead === 2) {
          this.#state = 'size';
        }
      }
    }
  }

  #startChunk(line: string): void {
    const [sizeText = '', ...extensions] = line.split(';');
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) throw malformed(`bad chunk size line "${line.slice(0, 100)}"`);
    const size = Number.parseInt(sizeText, 16);
    if (this.#body.signing) {
      const signature = extensions.length === 1 ? /^chunk-signature=([0-9a-f]{64})$/.exec(extensions[0] ?? '') : null;
      if (!signature?.[1]) throw malformed('a signed chunk needs exactly one chunk-signature extension');
      if (size > this.#maxChunkSize) throw malformed(`chunk of ${size} bytes exceeds the limit of ${this.#maxChunkSize}`);
      this.#chunkSignature = signature[1];
    }
    if (!Number.isSafeInteger(size) || this.#decoded + size > this.#body.decodedContentLength) throw incompleteBody();
    if (size === 0) {
      if (this.#decoded !== this.#body.decodedContentLength) throw incompleteBody();
      this.#verifyChunk(EMPTY_SHA256);
      this.#state = 'trailer';
      return;
    }
    if (this.#chunks > 0 && this.#lastChunkSize < MIN_CHUNK_SIZE) throw chunkTooSmall(this.#chunks + 1, this.#lastChunkSize);
    this.#chunks++;
    this.#lastChunkSize = size;
    this.#remaining = size;
    this.#chunkHash = this.#body.signing ? createHash('sha256') : undefined;
    this.#state = 'data';
  }

  #readData(piece: Buffer): void {
    this.#remaining -= piece.length;
    this.#decoded += piece.length;
    this.#hasher?.update(piece);
    if (this.#chunkHash) {
      this.#chunkHash.update(piece);
      this.#hold(piece);
    } else {
      this.push(piece);
    }
    if (this.#remaining > 0) return;
    if (this.#chunkHash) {
      this.#verifyChunk(this.#chunkHash.digest('hex'));
      for (const held of this.#held) this.push(held);
      this.#held = [];
      this.#looseHeld = 0;
    }
    this.#crlfRead = 0;
    this.#state = 'data-end';
  }

  /** Holds a piece of a signed chunk, joining the last {@link MAX_HELD_PIECES} into one when there are that many (each byte copied once at most). */
  #hold(piece: Buffer): void {
    this.#held.push(piece);
    if (++this.#looseHeld < MAX_HELD_PIECES) return;
    this.#held.push(Buffer.concat(this.#held.splice(this.#held.length - MAX_HELD_PIECES)));
    this.#looseHeld = 0;
  }

  #verifyChunk(chunkSha256: string): void {
    const signing = this.#body.signing;
    if (!signing) return;
    const stringToSign = chunkStringToSign(signing, this.#previousSignature, chunkSha256);
    if (!signaturesEqual(signString(signing.signingKey, stringToSign), this.#chunkSignature)) {
      throw signatureMismatch(stringToSign, this.#chunkSignature);
    }
    this.#previousSignature = this.#chunkSignature;
  }

  #readTrailer(line: string): void {
    if (line === '') {
      // AWS's own examples put a blank line between the final chunk and the trailers.
      if (this.#trailerLines === 0 && this.#body.trailer && this.#trailers.size === 0) {
        this.#trailerLines++;
        return;
      }
      if (!this.#trailersComplete()) throw malformedTrailer();
      this.#endTrailers();
      return;
    }
    if (++this.#trailerLines > MAX_TRAILER_LINES) throw malformedTrailer();
    const colon = line.indexOf(':');
    if (colon <= 0 || this.#trailerSignature !== undefined) throw malformedTrailer();
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === TRAILER_SIGNATURE && this.#body.signing && this.#body.trailer) {
      this.#trailerSignature = value;
    } else if (name === this.#body.trailer && !this.#trailers.has(name)) {
      this.#trailers.set(name, value);
    } else {
      throw malformedTrailer();
    }
  }

  #trailersComplete(): boolean {
    const trailerSigned = !this.#body.signing || !this.#body.trailer || this.#trailerSignature !== undefined;
    return (this.#body.trailer === undefined || this.#trailers.has(this.#body.trailer)) && trailerSigned;
  }

  #endTrailers(): void {
    const signing = this.#body.signing;
    if (signing && this.#trailerSignature !== undefined) {
      const stringToSign = trailerStringToSign(signing, this.#previousSignature, sha256Hex(canonicalTrailers(this.#trailers)));
      if (!signaturesEqual(signString(signing.signingKey, stringToSign), this.#trailerSignature)) {
        throw signatureMismatch(stringToSign, this.#trailerSignature);
      }
    }
    const name = this.#body.trailer;
    const value = name && this.#trailers.get(name);
    if (name && value !== undefined) {
      const algorithm = CHECKSUM_TRAILERS[name];
      const computed = this.#hasher?.digest().toString('base64');
      if (computed !== undefined && computed !== value) {
        throw new SigV4Error('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`);
      }
      this.#checksum = { name, algorithm, value, verified: computed !== undefined };
    }
    this.#state = 'done';
  }
}
