import type { BodyDecoder, BodyDecoderOptions, PayloadMode, TrailingChecksum } from '@strongroom/sigv4';
import type { IncomingMessage } from 'node:http';
import { S3Error } from '../s3/errors';

/**
 * A request's body as the object's bytes: aws-chunked framing removed and
 * every signature, hash and length the client promised checked as it
 * streams. It can be opened once; until then nothing is read, and a client
 * that sent `Expect: 100-continue` is told to send it only then.
 */
export class RequestBody {
  #opened = false;

  /**
   * @param sendContinue writes `100 Continue`, for a client that waits for it
   *   before it sends the body; undefined when the client does not wait.
   */
  constructor(
    private readonly raw: IncomingMessage,
    private readonly payload: PayloadMode,
    private readonly decode: (options?: BodyDecoderOptions) => BodyDecoder,
    private readonly sendContinue?: () => void,
  ) {}

  /** True while the client waits for `100 Continue` before it sends the body: until {@link open}. */
  get awaitsContinue(): boolean {
    return this.sendContinue !== undefined && !this.#opened;
  }

  /** The number of payload bytes the client announced (decoded length for aws-chunked), or undefined when it announced none. */
  get length(): number | undefined {
    if (this.payload.kind === 'aws-chunked') return this.payload.decodedContentLength;
    const header = this.raw.headers['content-length'];
    return header === undefined || !/^\d+$/.test(header) ? undefined : Number(header);
  }

  /** The checksum trailer the client declared (`x-amz-trailer`), if any. */
  get declaredTrailer(): string | undefined {
    return this.payload.kind === 'aws-chunked' ? this.payload.trailer : undefined;
  }

  /** True once {@link open} was called: the raw body is being (or was) consumed. */
  get opened(): boolean {
    return this.#opened;
  }

  /**
   * The decoded body. It fails (with the S3 error to answer) when the body
   * breaks a promise; nothing may be committed before it has ended cleanly.
   * A consumer that stops early (a back end refused the upload) leaves the
   * connection open, so that S3's error answer still reaches the client.
   */
  open(options?: BodyDecoderOptions): BodyDecoder {
    if (this.#opened) throw new Error('request body opened twice');
    this.#opened = true;
    const decoder = this.decode(options);
    this.sendContinue?.();
    const raw = this.raw;
    const onError = (error: Error) => decoder.destroy(error);
    const onClose = () => {
      if (!raw.complete) decoder.destroy(new S3Error('IncompleteBody'));
    };
    raw.on('error', onError);
    raw.on('close', onClose);
    decoder.once('close', () => {
      raw.off('error', onError);
      raw.off('close', onClose);
      raw.unpipe(decoder);
    });
    raw.pipe(decoder);
    // A client that left while it waited for `100 Continue` is gone already: its close will not come again.
    if (raw.destroyed && !raw.complete) decoder.destroy(new S3Error('IncompleteBody'));
    return decoder;
  }
}

/** A small body read whole (XML, a policy), with the trailing checksum it carried. */
export interface SmallBody {
  readonly bytes: Buffer;
  readonly trailer: TrailingChecksum | undefined;
}

/** Reads a body of at most `limit` bytes (MaxMessageLengthExceeded beyond). */
export async function readSmallBody(body: RequestBody, limit: number, options?: BodyDecoderOptions): Promise<SmallBody> {
  if ((body.length ?? 0) > limit) throw new S3Error('MaxMessageLengthExceeded');
  const decoder = body.open(options);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of decoder as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      decoder.destroy();
      throw new S3Error('MaxMessageLengthExceeded');
    }
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks), trailer: decoder.checksum };
}

