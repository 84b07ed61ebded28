import { createBodyDecoder } from '@strongroom/sigv4';
import { EventEmitter, once } from 'node:events';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Error } from '../s3/errors';
import { RequestBody, type RequestBodyOptions } from './request-body';
import { RequestsInFlight } from './requests-in-flight';

/** Reads a decoder to its end, or to its error. */
async function outcome(body: AsyncIterable<Buffer>): Promise<string> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return `body ${Buffer.concat(chunks).toString()}`;
  } catch (error) {
    return `error ${(error as { code?: string }).code ?? String(error)}`;
  }
}

describe('RequestBody of a client waiting for 100 Continue', () => {
  let server: Server;
  let port: number;
  let arrived: (request: IncomingMessage, sendContinue: () => void) => void;

  beforeAll(async () => {
    server = createServer();
    server.on('checkContinue', (req: IncomingMessage, res) => arrived(req, () => res.writeContinue()));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  /**
   * Sends headers with `Expect: 100-continue` and `body` once continued,
   * then stops, short of `announced` bytes when it is longer; returns the
   * server's view of the request.
   */
  function send(body: string, announced = body.length) {
    const client = request({ host: '127.0.0.1', port, method: 'PUT', path: '/', agent: false, headers: { expect: '100-continue', 'content-length': announced } });
    client.on('continue', () => (announced === body.length ? client.end(body) : client.write(body)));
    client.on('error', () => undefined);
    client.flushHeaders();
    return {
      client,
      received: new Promise<{ req: IncomingMessage; sendContinue: () => void }>((resolve) => (arrived = (req, sendContinue) => resolve({ req, sendContinue }))),
    };
  }

  const bodyOf = (req: IncomingMessage, sendContinue: () => void, options: RequestBodyOptions = {}) =>
    new RequestBody(req, { kind: 'unsigned' }, (decoderOptions) => createBodyDecoder({ kind: 'unsigned' }, undefined, decoderOptions), { ...options, sendContinue });

  test('opening it sends 100 Continue and streams the body', async () => {
    const { received } = send('hello');
    const { req, sendContinue } = await received;
    const body = bodyOf(req, sendContinue);
    expect(body.awaitsContinue).toBe(true);
    const decoded = outcome(body.open());
    expect(body.awaitsContinue).toBe(false);
    expect(await decoded).toBe('body hello');
  });

  test('a client that left before it was continued: opening the body throws IncompleteBody at once and decodes nothing, never hangs', async () => {
    const { client, received } = send('never sent');
    const { req, sendContinue } = await received;
    const closed = new Promise((resolve) => req.once('close', resolve));
    client.destroy();
    await closed;
    const decode = jest.fn();
    const body = new RequestBody(req, { kind: 'unsigned' }, decode, { sendContinue });
    let thrown: unknown;
    try {
      body.open();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(S3Error);
    expect((thrown as S3Error).code).toBe('IncompleteBody');
    expect(decode).not.toHaveBeenCalled();
  });

  test('a client that stops sending fails the body with RequestTimeout once it was idle that long', async () => {
    const { client, received } = send('half', 10);
    const { req, sendContinue } = await received;
    const started = Date.now();
    expect(await outcome(bodyOf(req, sendContinue, { idleTimeoutMs: 200 }).open())).toBe('error RequestTimeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    client.destroy();
  });

  test('a connection broken under the request fails the body with the reason given', async () => {
    const { client, received } = send('half', 10);
    const { req, sendContinue } = await received;
    const inFlight = new RequestsInFlight();
    const decoded = outcome(bodyOf(req, sendContinue, { broken: inFlight.track(req, new EventEmitter() as ServerResponse) }).open());
    inFlight.breakConnection(req.socket, new S3Error('IncompleteBody'));
    expect(await decoded).toBe('error IncompleteBody');
    client.destroy();
  });

  test('a connection broken before the body was opened fails it at once', async () => {
    const { client, received } = send('', 10);
    const { req, sendContinue } = await received;
    const inFlight = new RequestsInFlight();
    const broken = inFlight.track(req, new EventEmitter() as ServerResponse);
    inFlight.breakConnection(req.socket, new S3Error('IncompleteBody'));
    expect(await outcome(bodyOf(req, sendContinue, { broken }).open())).toBe('error IncompleteBody');
    client.destroy();
  });
});
