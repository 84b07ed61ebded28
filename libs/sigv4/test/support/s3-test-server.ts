import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isSigV4Error, type SigV4Verifier, type TrailingChecksum, type VerifiedRequest } from '../../src';

/** One request the server accepted. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headersDistinct'];
  readonly auth: VerifiedRequest<unknown>;
  readonly body: Buffer;
  readonly checksum: TrailingChecksum | undefined;
}

const LIST_RESULT =
  '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>';
const DELETE_RESULT = '<?xml version="1.0" encoding="UTF-8"?><DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></DeleteResult>';
const COPY_RESULT =
  '<?xml version="1.0" encoding="UTF-8"?><CopyObjectResult><ETag>"e"</ETag><LastModified>2024-03-01T12:00:00.000Z</LastModified></CopyObjectResult>';

function xmlError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>test</RequestId></Error>`;
}

/**
 * A minimal S3 endpoint on 127.0.0.1:0 for tests: verifies every request with
 * the given verifier, decodes its body, records it, and answers just enough
 * for `@aws-sdk/client-s3` to be satisfied (or with S3's XML error). Objects
 * put are returned by later GETs of the same path.
 */
export class S3TestServer {
  readonly seen: SeenRequest[] = [];
  readonly errors: unknown[] = [];
  readonly #objects = new Map<string, Buffer>();
  readonly #server: Server;
  readonly #verifier: SigV4Verifier<unknown>;

  constructor(verifier: SigV4Verifier<unknown>) {
    this.#verifier = verifier;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        this.errors.push(error);
        res.destroy();
      });
    });
  }

  /** Starts listening; resolves to the endpoint URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Stops listening and drops open connections. */
  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const question = url.indexOf('?');
    const path = question < 0 ? url : url.slice(0, question);
    const query = question < 0 ? '' : url.slice(question + 1);
    try {
      const auth = await this.#verifier.verify({ method: req.method ?? 'GET', path, query, headers: req.headersDistinct });
      const decoder = auth.decodeBody();
      const parts: Buffer[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          parts.push(chunk);
          callback();
        },
      });
      await pipeline(req, decoder, sink);
      const body = Buffer.concat(parts);
      this.seen.push({ method: req.method ?? 'GET', url, headers: req.headersDistinct, auth, body, checksum: decoder.checksum });
      this.#respond(req.method ?? 'GET', path, query, body, req.headers['x-amz-copy-source'] !== undefined, res);
    } catch (error) {
      if (!isSigV4Error(error)) throw error;
      this.errors.push(error);
      res.writeHead(error.httpStatus, { 'content-type': 'application/xml' }).end(xmlError(error.code, error.message));
    }
  }

  #respond(method: string, path: string, query: string, body: Buffer, copy: boolean, res: ServerResponse): void {
    if (method === 'PUT' && copy) {
      res.writeHead(200, { 'content-type': 'application/xml' }).end(COPY_RESULT);
    } else if (method === 'PUT') {
      this.#objects.set(path, body);
      res.writeHead(200, { etag: '"etag"' }).end();
    } else if (method === 'POST' && query.startsWith('delete')) {
      res.writeHead(200, { 'content-type': 'application/xml' }).end(DELETE_RESULT);
    } else if (method === 'GET' && query.includes('list-type=2')) {
      res.writeHead(200, { 'content-type': 'application/xml' }).end(LIST_RESULT);
    } else if (method === 'GET' || method === 'HEAD') {
      const object = this.#objects.get(path) ?? Buffer.alloc(0);
      res.writeHead(200, { 'content-length': object.length, etag: '"etag"' }).end(method === 'GET' ? object : undefined);
    } else {
      res.writeHead(204).end();
    }
  }
}
