import type { BodyDecoder, BodyDecoderOptions, PayloadMode, TrailingChecksum } from '@strongroom/sigv4';
import type { IncomingMessage } from 'node:http';
import { S3Error } from '../s3/errors';
import { watchBodyIdle } from './body-idle-watch';
import { BoundedBytes } from './bounded-bytes';
import type { ConnectionBreak } from './requests-in-flight';

/** How long a body being read may go without a byte before it fails with RequestTimeout: about S3's own wait. */
export const BODY_IDLE_TIMEOUT_MS = 20_000;

/** How a {@link RequestBody} is read. */
export interface RequestBodyOptions {
  /**
   * Writes `100 Continue`, for a client that waits for it before it sends
   * the body; undefined when the client does not wait.
   */
  readonly sendContinue?: () => void;
  /** How long the body may go without a byte while the gateway waits for one. @default BODY_IDLE_TIMEOUT_MS */
  readonly idleTimeoutMs?: number;
  /**
   * Tells when the client broke the connection under the request (it
   * half-closed it before the body was whole, or framed the body so HTTP
   * cannot read it): the body fails with its reason.
   */
  readonly broken?: ConnectionBreak;
}

/**
 * A request's body as the object's bytes: aws-chunked framing removed and
 * every signature, hash and length the client promised checked as it
 * streams. It can be opened once; until then nothing is read, and a client
 * that sent `Expect: 100-continue` is told to send it only then.
 */
export class RequestBody {
  #opened = false;

  constructor(
    private readonly raw: IncomingMessage,
    private readonly payload: PayloadMode,
    private readonly decode: (options?: BodyDecoderOptions) => BodyDecoder,
    private readonly options: RequestBodyOptions = {},
  ) {}

  /** True while the client waits for `100 Continue` before it sends the body: until {@link open}. */
  get awaitsContinue(): boolean {
    return this.options.sendContinue !== undefined && !this.#opened;
  }

  /** The number of payload bytes the client announced (decoded length for aws-chunked), or undefined when it announced none. */
  get length(): number | undefined {
    if (this.payload.kind === 'aws-chunked') return this.payload.decodedContentLength;
    const header = this.raw.headers['content-length'];
    return header === undefined || !/^\d+$/.test(header) ? undefined : Number(header);
  }

  /** True when the body comes in HTTP chunks (`Transfer-Encoding: chunked`) rather than with a Content-Length. */
  get chunked(): boolean {
    return this.raw.headers['transfer-encoding'] !== undefined;
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
   * breaks a promise, when the client stops sending it (RequestTimeout), or
   * when the client ends it short (IncompleteBody); nothing may be committed
   * before it has ended cleanly. A consumer that stops early (a back end
   * refused the upload) leaves the connection open, so that S3's error
   * answer still reaches the client. Throws IncompleteBody, decoding
   * nothing, when the client is gone already.
   */
  open(options?: BodyDecoderOptions): BodyDecoder {
    if (this.#opened) throw new Error('request body opened twice');
    this.#opened = true;
    const { raw, options: { broken, sendContinue } } = this;
    // A client gone before its body was opened (it left during authentication, or while it waited for `100 Continue`) is owed no answer,
    // and a body in signed chunks could no longer be decoded: its signing key was released with the response.
    if (raw.destroyed) throw new S3Error('IncompleteBody');
    const decoder = this.decode(options);
    if (broken?.reason === undefined) sendContinue?.();
    const onError = (error: Error) => decoder.destroy(error);
    const onClose = () => {
      if (!raw.complete) decoder.destroy(new S3Error('IncompleteBody'));
    };
    const onBroken = (reason: Error) => decoder.destroy(reason);
    raw.on('error', onError);
    raw.on('close', onClose);
    const stopListening = broken?.onBreak(onBroken);
    raw.pipe(decoder);
    const stopWatch = watchBodyIdle({
      source: raw,
      sink: decoder,
      connection: raw.socket,
      whole: () => raw.complete,
      idleMs: this.options.idleTimeoutMs ?? BODY_IDLE_TIMEOUT_MS,
      onIdle: () => decoder.destroy(new S3Error('RequestTimeout')),
    });
    decoder.once('close', () => {
      stopWatch();
      raw.off('error', onError);
      raw.off('close', onClose);
      stopListening?.();
      raw.unpipe(decoder);
    });
    // A client that broke the connection before the body was opened (during authentication, or waiting for `100 Continue`) did so already: that news will not come again.
    if (broken?.reason !== undefined) onBroken(broken.reason);
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
  const collected = new BoundedBytes(limit);
  for await (const chunk of decoder as AsyncIterable<Buffer>) {
    if (!collected.add(chunk)) {
      decoder.destroy();
      throw new S3Error('MaxMessageLengthExceeded');
    }
  }
  return { bytes: collected.bytes(), trailer: decoder.checksum };
}


/** S3's answer to a body framing it does not serve: NotImplemented naming Transfer-Encoding. */
export function transferEncodingNotImplemented(): S3Error {
  return new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', { Header: 'Transfer-Encoding' });
}

/**
 * Refuses a Transfer-Encoding other than `chunked` alone. HTTP cannot frame
 * a request whose last coding is not chunked (RFC 9112 says answer 400 and
 * close); Node would read its body until the connection closes, where a
 * proxy in front might have framed it otherwise.
 */
export function refuseTransferCodings(value: string | undefined): void {
  if (value !== undefined && value.trim().toLowerCase() !== 'chunked') throw transferEncodingNotImplemented();
}
