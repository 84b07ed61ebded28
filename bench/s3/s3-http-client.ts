import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Pool } from 'undici';
import { SigV4Signer, type S3Credentials, type SignOptions } from './sigv4-signer';

/** Receives each chunk of a response body with its offset; throws to fail the request. */
export type BodySink = (chunk: Buffer, offset: number) => void;

/** A request's status, headers and body length. */
export interface S3Response {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly bodyBytes: number;
}

/** Thrown for a response whose status is not 2xx, with the server's error body. */
export class S3StatusError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

/** Options of {@link S3HttpClient}. */
export interface S3HttpClientOptions {
  /** `http://host:port` or `https://host:port`. */
  readonly endpoint: string;
  readonly credentials: S3Credentials;
  /** Keep-alive connections in the pool: one per concurrent request. */
  readonly connections: number;
  /** PEM certificate(s) to trust for an `https` endpoint (the launcher's self-signed one), instead of the system's. */
  readonly ca?: string;
  /** The SigV4 service signed for. @default 's3' */
  readonly service?: string;
}

/** Optional parts of a request: more headers to sign and send, and the payload hash. */
export type RequestOptions = SignOptions;

/**
 * The bench's S3 client: an undici `Pool` of keep-alive HTTP/1.1
 * connections (no pipelining), requests signed by {@link SigV4Signer} with
 * `UNSIGNED-PAYLOAD`, responses read through undici's dispatch handler
 * without a stream, each chunk handed to an optional {@link BodySink}.
 */
export class S3HttpClient {
  readonly #pool: Pool;
  readonly #signer: SigV4Signer;
  readonly #host: string;

  constructor(options: S3HttpClientOptions) {
    const connect = options.ca === undefined ? undefined : { ca: options.ca };
    this.#pool = new Pool(options.endpoint, { connections: options.connections, pipelining: 1, connect });
    this.#signer = new SigV4Signer(options.credentials, options.service);
    this.#host = new URL(options.endpoint).host;
  }

  /** Creates a bucket (path style, the endpoint's region). */
  createBucket(bucket: string): Promise<S3Response> {
    return this.send('PUT', `/${bucket}`);
  }

  /** PUTs `body` (of `length` bytes when a stream) to `path` (`/bucket/key`). */
  put(path: string, body: Buffer | Readable, length = Buffer.isBuffer(body) ? body.length : undefined, options?: RequestOptions): Promise<S3Response> {
    if (length === undefined) throw new Error('a streamed body needs its length');
    return this.send('PUT', path, body, length, undefined, options);
  }

  /** GETs `path`, handing every chunk to `sink`. */
  get(path: string, sink: BodySink, options?: RequestOptions): Promise<S3Response> {
    return this.send('GET', path, undefined, undefined, sink, options);
  }

  /** Sends one signed request; rejects on a transport error, a non-2xx status, or a sink that throws. */
  send(method: string, path: string, body?: Buffer | Readable, length?: number, sink?: BodySink, options?: RequestOptions): Promise<S3Response> {
    const headers: Record<string, string> = { host: this.#host, ...this.#signer.sign(method, path, this.#host, options) };
    if (length !== undefined) headers['content-length'] = String(length);
    return new Promise((resolve, reject) => {
      let status = 0;
      let responseHeaders: IncomingHttpHeaders = {};
      let bodyBytes = 0;
      let failure: Error | undefined;
      const errorBody: Buffer[] = [];
      this.#pool.dispatch(
        { method, path, headers, body: body ?? null },
        {
          // undici takes a handler as one of its new-style ones only when it has onRequestStart.
          onRequestStart() {},
          onResponseStart(_controller, statusCode, headersReceived) {
            status = statusCode;
            responseHeaders = headersReceived;
          },
          onResponseData(controller, chunk) {
            if (status < 200 || status >= 300) {
              errorBody.push(chunk);
              return;
            }
            try {
              sink?.(chunk, bodyBytes);
              bodyBytes += chunk.length;
            } catch (error) {
              failure = error instanceof Error ? error : new Error(String(error));
              controller.abort(failure);
            }
          },
          onResponseEnd() {
            if (failure !== undefined) reject(failure);
            else if (status < 200 || status >= 300) reject(new S3StatusError(status, Buffer.concat(errorBody).toString()));
            else resolve({ status, headers: responseHeaders, bodyBytes });
          },
          onResponseError(_controller, error) {
            reject(failure ?? error);
          },
        },
      );
    });
  }

  /** Closes the pool's connections. */
  close(): Promise<void> {
    return this.#pool.close();
  }
}
