import { cancelledBy } from '@strongroom/grpc';
import type { Logger } from '@strongroom/observability';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Authenticator } from '../auth/authenticator';
import { requestContext } from '../auth/request-context';
import { requireSecureCustomerKey } from '../s3/customer-key-headers';
import { S3Error, toS3Error } from '../s3/errors';
import { expectedBucketOwners } from '../s3/expected-bucket-owner';
import { joinRepeatedMetadata } from '../s3/user-metadata';
import { resolveAddressing, singleHost } from './addressing';
import { watchForAbandonment } from './answer-abandonment';
import { requestQuery } from './request-query';
import { requestOrigin, type TrustedProxies } from './client-address';
import type { Command, GatewayContext } from './command';
import { errorResponse } from './error-response';
import { presignedChecksumAlgorithm, presignedHeaders } from './presigned-headers';
import { refuseTransferCodings, RequestBody, type RequestBodyOptions } from './request-body';
import type { ConnectionBreak } from './requests-in-flight';
import { newRequestIds, type RequestIds } from './request-id';
import { route, type Operation } from './router';
import { requestPrincipal, type S3Request } from './s3-request';
import { sendResponse } from './send-response';
import { releaseSigningKeyOnClose } from './signing-key-release';

/** Everything the request pipeline needs. */
export interface RequestHandlerDeps {
  readonly context: GatewayContext;
  readonly authenticator: Authenticator;
  readonly proxies: TrustedProxies;
  /** The domain of virtual-hosted-style names (`<bucket>.<domain>`). */
  readonly domain: string;
  readonly commands: Readonly<Record<Operation, Command>>;
  readonly now: () => number;
  readonly logger: Logger;
  /** How long a body being read may go without a byte before the request fails with RequestTimeout. @default BODY_IDLE_TIMEOUT_MS */
  readonly bodyTimeoutMs?: number;
}

/** What the server knows of a request's connection. */
export interface RequestConnection {
  /** The client sent `Expect: 100-continue` and waits for it before it sends the body. @default false */
  readonly expectsContinue?: boolean;
  /** Tells, with the S3 error to answer, when the client broke the connection before the body had fully arrived. */
  readonly broken?: ConnectionBreak;
}

/** Headers an error answer keeps from what a command may already have set. */
const KEPT_ON_ERROR = new Set(['x-amz-request-id', 'x-amz-id-2', 'server']);

/** The scheme and authority of an absolute-form request target (`http://host:port/path`), which servers must accept (RFC 9112). */
const ABSOLUTE_FORM_PREFIX = /^https?:\/\/[^/?#]*/i;

function splitUrl(url: string): { rawPath: string; rawQuery: string } {
  const target = url.replace(ABSOLUTE_FORM_PREFIX, '');
  const mark = target.indexOf('?');
  const rawPath = mark < 0 ? target : target.slice(0, mark);
  return { rawPath: rawPath === '' ? '/' : rawPath, rawQuery: mark < 0 ? '' : target.slice(mark + 1) };
}

/** Where an error is reported: the path, and the bucket and key once known. */
interface Scope {
  readonly method: string;
  resource: string;
  bucket: string | undefined;
  key: string | undefined;
}

/** Authenticates and routes a request into what commands read; throws the S3 error to answer otherwise. */
async function prepare(
  req: IncomingMessage,
  res: ServerResponse,
  deps: RequestHandlerDeps,
  ids: RequestIds,
  scope: Scope,
  bodyOptions: RequestBodyOptions,
): Promise<{ request: S3Request; operation: Operation }> {
  const method = req.method ?? 'GET';
  refuseTransferCodings(req.headers['transfer-encoding']);
  const { rawPath, rawQuery } = splitUrl(req.url ?? '/');
  const addressed = resolveAddressing(singleHost(req.headersDistinct.host), rawPath, deps.domain);
  Object.assign(scope, {
    resource: `/${[addressed.bucket, addressed.key].filter((part) => part !== undefined).join('/')}`,
    bucket: addressed.bucket,
    key: addressed.key,
  });
  const query = requestQuery(rawQuery);
  const { verified, caller } = await deps.authenticator.authenticate(req, rawPath, rawQuery);
  releaseSigningKeyOnClose(res, verified);
  const headers = presignedHeaders(joinRepeatedMetadata(req.headers, req.headersDistinct), query, verified);
  const found = route({ method, bucket: addressed.bucket, key: addressed.key, query, copySource: headers['x-amz-copy-source'] !== undefined });
  if (found.kind === 'not-implemented') throw new S3Error('NotImplemented', `${found.what} is not implemented.`);
  if (found.kind === 'method-not-allowed') {
    throw new S3Error('MethodNotAllowed', undefined, { Method: method, ResourceType: addressed.key === undefined ? 'BUCKET' : 'OBJECT' });
  }
  const socket = req.socket as Partial<TLSSocket>;
  const origin = requestOrigin(req, deps.proxies);
  const context = requestContext({ origin, verified, headers, tlsProtocol: socket.getProtocol?.() ?? undefined, now: deps.now() });
  const request: S3Request = {
    ids,
    method,
    bucket: addressed.bucket,
    key: addressed.key,
    query,
    headers,
    presignedChecksumAlgorithm: presignedChecksumAlgorithm(query, verified),
    caller,
    requester: { principal: requestPrincipal(caller), context, expectedBucketOwners: expectedBucketOwners(found.operation, addressed.bucket, headers) },
    body: new RequestBody(req, verified.payload, (options) => verified.decodeBody(options), bodyOptions),
    resource: scope.resource,
  };
  return { request, operation: found.operation };
}

/**
 * Serves one S3 request: request ids, addressing, SigV4, routing, the
 * command, and S3's XML error for any failure. Never throws. A client that
 * waits for `100 Continue` (`expectsContinue`) gets it only when the command
 * opens the body: after authentication, and for uploads after the storage
 * service accepted the write; an error is answered instead. An error
 * answered before the body had fully arrived closes the connection, since
 * the rest of the body would otherwise be read as the next request. The
 * command's calls to the storage and policy services are cancelled if the
 * response closes before its answer was written (the client went away, or
 * the connection was cut): an upload waiting for storage to accept it, or
 * a call that hangs, does not outlive its request.
 */
export async function handleRequest(req: IncomingMessage, res: ServerResponse, deps: RequestHandlerDeps, connection: RequestConnection = {}): Promise<void> {
  const ids = newRequestIds();
  res.setHeader('x-amz-request-id', ids.requestId);
  res.setHeader('x-amz-id-2', ids.hostId);
  res.setHeader('server', 'Strongroom');
  const headOnly = req.method === 'HEAD';
  const scope: Scope = { method: req.method ?? 'GET', resource: splitUrl(req.url ?? '/').rawPath, bucket: undefined, key: undefined };
  let operation: Operation | undefined;
  const abandonment = watchForAbandonment(res);
  const context: GatewayContext = {
    ...deps.context,
    storage: cancelledBy(deps.context.storage, abandonment.signal),
    policy: cancelledBy(deps.context.policy, abandonment.signal),
  };
  try {
    const prepared = await prepare(req, res, deps, ids, scope, {
      sendContinue: connection.expectsContinue === true ? () => res.writeContinue() : undefined,
      idleTimeoutMs: deps.bodyTimeoutMs,
      broken: connection.broken,
    });
    operation = prepared.operation;
    requireSecureCustomerKey(prepared.request);
    const answer = await deps.commands[operation](prepared.request, context);
    await sendResponse(res, answer, headOnly);
  } catch (error) {
    const s3Error = toS3Error(error);
    // A request whose client went away fails with its cancelled calls: no fault of the gateway's, and no one to answer.
    if (abandonment.signal.aborted) deps.logger.debug({ requestId: ids.requestId, operation, code: s3Error.code }, 'client left before its answer');
    else if (s3Error.isServerFault) deps.logger.error({ err: s3Error.cause ?? s3Error, requestId: ids.requestId, operation }, 's3 request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const name of res.getHeaderNames()) if (!KEPT_ON_ERROR.has(name)) res.removeHeader(name);
    if (!req.complete) res.setHeader('connection', 'close');
    // An error answer that cannot be sent either (a header Node refuses) closes the connection: never a client left waiting.
    await sendResponse(res, errorResponse(s3Error, scope, ids), headOnly).catch(() => res.destroy());
  } finally {
    abandonment.stopWatching();
  }
}
