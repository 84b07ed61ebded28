import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { TlsCertificate } from '@strongroom/config';
import { handleKmsRequest, isKmsRequest, type KmsRequestDeps } from '../kms/handle-kms-request';
import { S3Error } from '../s3/errors';
import { handleRequest, type RequestHandlerDeps } from './handle-request';
import { HandlersInFlight } from './handlers-in-flight';
import { listenOn } from './listen';
import { RequestsInFlight } from './requests-in-flight';
import { unparsedRequestAnswer } from './unparsed-request';

/** What the endpoints serve: S3 REST, and the KMS JSON API (`X-Amz-Target: TrentService.*`) on the same ports. */
export interface EndpointDeps {
  readonly s3: RequestHandlerDeps;
  readonly kms: KmsRequestDeps;
}

/** Where the S3 endpoints listen. */
export interface S3ListenOptions {
  /** `host:port` of plain HTTP; undefined serves no HTTP. */
  readonly httpAddress: string | undefined;
  /** `host:port` of HTTPS; served only with `tls`. */
  readonly httpsAddress: string | undefined;
  readonly tls: TlsCertificate | undefined;
  /** How long `close` lets requests in flight finish before cutting them. @default 5000 */
  readonly closeGraceMs?: number;
  /** How long a client may take to send a request's headers, counted from its connection or its previous answer. @default HEADERS_TIMEOUT_MS */
  readonly headersTimeoutMs?: number;
  /** How many connections each endpoint keeps open at once; one more is closed as it arrives. @default MAX_CONNECTIONS */
  readonly maxConnections?: number;
}

/** The default of {@link S3ListenOptions.headersTimeoutMs}: Node's. */
export const HEADERS_TIMEOUT_MS = 60_000;

/**
 * The default of {@link S3ListenOptions.maxConnections}, per endpoint:
 * each connection holds a file descriptor, and a client trickling bodies
 * (a byte every few seconds keeps an upload alive, as in S3) could
 * otherwise open connections until the process has none left. Both
 * endpoints together stay under the 4096 descriptors Linux commonly
 * allows a process by default, with room for the services' channels.
 */
export const MAX_CONNECTIONS = 1024;

/** The listening S3 endpoints. */
export interface RunningS3Servers {
  readonly httpPort: number | undefined;
  readonly httpsPort: number | undefined;
  /** Stops accepting, lets requests in flight finish (up to the grace period), then closes every connection and lets the handlers of those it cut settle. */
  close(): Promise<void>;
}

/**
 * A socket with no traffic for this long is closed (an idle connection, a
 * client that does not read its answer), unless the gateway still owes it
 * an answer: a stalled body is the body timeout's to answer (RequestTimeout).
 */
const IDLE_SOCKET_MS = 120_000;

/**
 * How many idle timeouts in a row (10 minutes) a connection may wait for
 * the answer it is owed (a back end that hangs) before it is cut all the
 * same. The gateway's calls to the services stop waiting half a minute
 * before (`ANSWER_DEADLINE_MS`), so such a client is answered 503 first;
 * an upload's stream is cancelled with its body.
 */
const OWED_ANSWER_QUIET_PERIODS = 5;

/**
 * How many requests one connection may have begun and not yet answered:
 * the one being served and those pipelined behind it. A client that sends
 * more without reading the answers is cut off; queued requests write
 * nothing, so Node would otherwise keep reading and parsing them into
 * memory for as long as the client sends.
 */
const MAX_UNANSWERED_REQUESTS = 32;

/**
 * How long `close` waits, once every connection is closed, for the handlers
 * of requests it cut to settle (their calls are cancelled with their
 * connection, so they take milliseconds): long enough for their last log
 * records, short enough that a stuck one does not hold up a stop.
 */
const HANDLERS_SETTLE_MS = 1000;

/** A connection's unanswered requests: each one's end, and the end of the last to begin. */
interface Unanswered {
  readonly ends: Set<() => void>;
  last: Promise<void> | undefined;
}

/**
 * Serves a connection's requests one after another. Node parses pipelined
 * requests (several sent before the first answer) as they arrive and would
 * serve them at once: a PUT then a DELETE of one key could happen in either
 * order, and the DELETE's 204 leave the object in place. RFC 9112 lets a
 * server process pipelined requests in parallel only when all are safe, so
 * each starts once the answer before it on its connection has ended; a
 * request with nothing before it starts at once. One whose connection was
 * closed meanwhile, or is closing after that answer, does not start at all:
 * it could not be answered. At most {@link MAX_UNANSWERED_REQUESTS} wait.
 */
function answersInOrder(): (req: IncomingMessage, res: ServerResponse, start: () => void) => void {
  const connections = new WeakMap<Socket, Unanswered>();
  const unansweredOn = (socket: Socket): Unanswered => {
    const known = connections.get(socket);
    if (known !== undefined) return known;
    const created: Unanswered = { ends: new Set(), last: undefined };
    socket.once('close', () => {
      for (const end of [...created.ends]) end();
    });
    connections.set(socket, created);
    return created;
  };
  return (req, res, start) => {
    const socket = req.socket;
    const unanswered = unansweredOn(socket);
    if (unanswered.ends.size >= MAX_UNANSWERED_REQUESTS) {
      socket.destroy();
      return;
    }
    const before = unanswered.last;
    let end = (): void => undefined;
    const ended = new Promise<void>((resolve) => {
      end = () => {
        if (!unanswered.ends.delete(end)) return;
        res.off('close', end);
        if (unanswered.last === ended) unanswered.last = undefined;
        resolve();
      };
    });
    unanswered.ends.add(end);
    res.once('close', end);
    unanswered.last = ended;
    // An answer that closes the connection (Connection: close, after an error or a client error) ends the socket for writing before
    // it is destroyed, and Node still parses the requests that came behind it: one started then would run and never be answered.
    const startIfAnswerable = () => {
      if (socket.writable) start();
    };
    if (before === undefined) startIfAnswerable();
    else void before.then(startIfAnswerable);
  };
}

/**
 * Options of Node's HTTP servers: how often Node looks for connections
 * past the headers timeout. Its default, 30 s, would let a short timeout
 * run up to 30 s over.
 */
function serverOptions(headersTimeoutMs: number): { connectionsCheckingInterval: number } {
  return { connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(headersTimeoutMs / 4))) };
}

function configure(server: Server, deps: EndpointDeps, headersTimeoutMs: number, maxConnections: number, handlers: HandlersInFlight): Server {
  const inFlight = new RequestsInFlight();
  server.maxConnections = maxConnections;
  server.requestTimeout = 0;
  server.headersTimeout = headersTimeoutMs;
  server.setTimeout(IDLE_SOCKET_MS);
  const serve = (req: IncomingMessage, res: ServerResponse, expectsContinue: boolean) => {
    let handling: Promise<void>;
    if (isKmsRequest(req.headers)) {
      if (expectsContinue) res.writeContinue();
      handling = handleKmsRequest(req, res, deps.kms);
    } else {
      handling = handleRequest(req, res, deps.s3, { expectsContinue, broken: inFlight.track(req, res) });
    }
    handlers.track(handling.catch((error: unknown) => deps.s3.logger.error({ err: error }, 'request handler failed')));
  };
  const inOrder = answersInOrder();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => inOrder(req, res, () => serve(req, res, false)));
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => inOrder(req, res, () => serve(req, res, true)));
  server.on('timeout', (socket: Socket) => {
    if (inFlight.stateOf(socket) === 'owes-answer' && inFlight.countQuietPeriod(socket) < OWED_ANSWER_QUIET_PERIODS) socket.setTimeout(IDLE_SOCKET_MS);
    else socket.destroy();
  });
  // A body cut short (the client half-closed its socket) or framed so HTTP cannot read it: the request being served answers with S3's XML error, then closes.
  // Bytes that never became a request (headers over Node's limit, or not HTTP) get S3's XML error on an idle connection, which then closes.
  // A connection that never sent a byte (opened ahead of need by a client's pool) and timed out is closed without a word: an answer
  // written to it would be read as the answer to whatever that client sends next.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (socket.bytesRead === 0) {
      socket.destroy();
      return;
    }
    inFlight.breakConnection(socket, new S3Error('IncompleteBody'));
    const state = inFlight.stateOf(socket);
    if (!socket.writable || state === 'answering') socket.destroy();
    else if (state === 'idle') socket.end(unparsedRequestAnswer(error));
  });
  return server;
}

function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Starts the HTTP and HTTPS S3 endpoints, which also answer the KMS JSON API. */
export async function startS3Servers(deps: EndpointDeps, options: S3ListenOptions): Promise<RunningS3Servers> {
  const servers: Server[] = [];
  const graceMs = options.closeGraceMs ?? 5000;
  const headersTimeoutMs = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const maxConnections = options.maxConnections ?? MAX_CONNECTIONS;
  const handlers = new HandlersInFlight();
  const close = async () => {
    await Promise.all(servers.map((server) => closeServer(server, graceMs)));
    await handlers.settled(HANDLERS_SETTLE_MS);
  };
  try {
    let httpPort: number | undefined;
    let httpsPort: number | undefined;
    if (options.httpAddress !== undefined) {
      const server = configure(createHttpServer(serverOptions(headersTimeoutMs)), deps, headersTimeoutMs, maxConnections, handlers);
      servers.push(server);
      httpPort = await listenOn(server, options.httpAddress, 'S3 over HTTP');
    }
    if (options.httpsAddress !== undefined && options.tls !== undefined) {
      // Node's headers timeout starts once the TLS handshake is done; until then only the handshake's own timeout (120 s) applied.
      const tlsOptions = { cert: options.tls.cert, key: options.tls.key, handshakeTimeout: headersTimeoutMs };
      const server = configure(createHttpsServer({ ...tlsOptions, ...serverOptions(headersTimeoutMs) }), deps, headersTimeoutMs, maxConnections, handlers);
      servers.push(server);
      httpsPort = await listenOn(server, options.httpsAddress, 'S3 over HTTPS');
    }
    return { httpPort, httpsPort, close };
  } catch (error) {
    await close();
    throw error;
  }
}
