import type { Logger } from '@strongroom/observability';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator } from '../auth/authenticator';
import { watchForAbandonment } from '../http/answer-abandonment';
import { BoundedBytes } from '../http/bounded-bytes';
import { BODY_IDLE_TIMEOUT_MS } from '../http/request-body';
import { requestOrigin, type TrustedProxies } from '../http/client-address';
import { sendResponse } from '../http/send-response';
import { KmsError, unsupported } from './kms-error';
import { toKmsError } from './kms-error-mapping';
import { KmsInput } from './kms-input';
import type { KmsClient, KmsOperation } from './kms-operation';
import { KMS_OPERATIONS } from './operations';
import { UNSERVED_KMS_OPERATIONS } from './operations/unserved';

/** What the KMS JSON API needs. */
export interface KmsRequestDeps {
  readonly kms: KmsClient;
  /** A SigV4 authenticator for the `kms` service. */
  readonly authenticator: Authenticator;
  /** The proxies whose `X-Forwarded-Proto` tells whether the client's connection used TLS. */
  readonly proxies: TrustedProxies;
  readonly logger: Logger;
  /** How long the whole request body may take to arrive, from when the gateway starts reading it. @default BODY_IDLE_TIMEOUT_MS */
  readonly bodyTimeoutMs?: number;
}

/**
 * The operations whose request or answer holds plaintext or a plaintext
 * data key: served only to a client whose connection used TLS (directly, or
 * as a trusted proxy vouches), as S3 serves SSE-KMS and SSE-C only over
 * HTTPS, and AWS KMS serves nothing else.
 */
const KEY_MATERIAL_OPERATIONS: ReadonlySet<string> = new Set(['Encrypt', 'Decrypt', 'GenerateDataKey']);

/** The `X-Amz-Target` prefix of AWS KMS operations. */
const TARGET_PREFIX = 'TrentService.';

/** The JSON protocol's content type. */
const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** The largest request body read: far above the model's largest request (a 6 KiB blob in base64 and an encryption context). */
const MAX_BODY_BYTES = 64 * 1024;

/** True for a request of the KMS JSON API (`X-Amz-Target: TrentService.<Operation>`); S3 never sends the header. */
export function isKmsRequest(headers: IncomingHttpHeaders): boolean {
  const target = headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(TARGET_PREFIX);
}

function tooLarge(): KmsError {
  return new KmsError('ValidationException', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
}

function timedOut(): KmsError {
  return new KmsError('RequestTimeoutException', 'The request body was not received within the timeout period.');
}

/**
 * Reads the body whole; past the limit it stops keeping data (the rest is
 * discarded) and fails. The body is small, so it has one deadline for all
 * of it rather than S3's wait per byte: a client sending a byte every few
 * seconds would otherwise hold the connection for days.
 */
function readBody(req: IncomingMessage, timeoutMs: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const collected = new BoundedBytes(MAX_BODY_BYTES);
    const settle = (outcome: () => void) => {
      clearTimeout(deadline);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      outcome();
    };
    const deadline = setTimeout(() => settle(() => reject(timedOut())), timeoutMs);
    const onData = (chunk: Buffer) => {
      if (!collected.add(chunk)) settle(() => reject(tooLarge()));
    };
    const onEnd = () => settle(() => resolve(collected.bytes()));
    const onError = (error: Error) => settle(() => reject(error));
    const onClose = () => settle(() => reject(new KmsError('SerializationException', 'The request body ended early.')));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

function operationOf(req: IncomingMessage): { name: string; operation: KmsOperation } {
  const name = String(req.headers['x-amz-target']).slice(TARGET_PREFIX.length);
  const operation = KMS_OPERATIONS.get(name);
  if (operation === undefined && UNSERVED_KMS_OPERATIONS.has(name)) throw unsupported(`${name} is not supported by this KMS.`);
  if (operation === undefined) throw new KmsError('UnknownOperationException', `${name} is not an operation of AWS KMS.`);
  return { name, operation };
}

/** Runs the request up to the operation's answer; throws what to answer otherwise. */
async function serve(req: IncomingMessage, deps: KmsRequestDeps, signal: AbortSignal, named: (name: string) => void): Promise<string> {
  if (req.method !== 'POST') throw new KmsError('UnknownOperationException', 'The KMS API takes POST requests.');
  const body = await readBody(req, deps.bodyTimeoutMs ?? BODY_IDLE_TIMEOUT_MS);
  const bodySha256 = createHash('sha256').update(body).digest('hex');
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const { caller, verified } = await deps.authenticator.authenticate(req, mark < 0 ? url : url.slice(0, mark), mark < 0 ? '' : url.slice(mark + 1), bodySha256);
  // The body was read whole above, never through a decoder: a request signed as if in chunks keeps a signing key nothing else wipes.
  verified.releaseSigningKey();
  if (caller.kind !== 'aws') throw new KmsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  if (verified.kind !== 'signed' || verified.payload.kind !== 'sha256' || verified.payload.sha256 !== bodySha256) {
    throw new KmsError('IncompleteSignatureException', 'The request body must be covered by the signature.');
  }
  const { name, operation } = operationOf(req);
  named(name);
  if (KEY_MATERIAL_OPERATIONS.has(name) && !requestOrigin(req, deps.proxies).secure) {
    throw new KmsError('AccessDeniedException', `${name} carries plaintext or a plaintext data key, so it is served only over HTTPS.`);
  }
  const output = await operation(KmsInput.parse(body), { kms: deps.kms, principal: { accountId: caller.accountId, arn: caller.arn }, signal });
  return output === undefined ? '' : JSON.stringify(output);
}

/**
 * Serves one request of the AWS KMS JSON protocol: reads the small body
 * whole, verifies SigV4 for service `kms` over it, dispatches on
 * `X-Amz-Target` to the operation, and answers JSON, or KMS's JSON error
 * for any failure. Never throws.
 */
export async function handleKmsRequest(req: IncomingMessage, res: ServerResponse, deps: KmsRequestDeps): Promise<void> {
  const requestId = randomUUID();
  const headers = { 'x-amzn-requestid': requestId, 'content-type': CONTENT_TYPE, server: 'Strongroom' };
  const abandonment = watchForAbandonment(res);
  let operation: string | undefined;
  try {
    const body = await serve(req, deps, abandonment.signal, (name) => (operation = name));
    await sendResponse(res, { status: 200, headers, body }, false);
  } catch (error) {
    const kmsError = toKmsError(error);
    if (kmsError.isServerFault) deps.logger.error({ err: kmsError.cause ?? kmsError, requestId, operation }, 'kms request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const closing = req.complete ? {} : { connection: 'close' };
    await sendResponse(res, { status: kmsError.httpStatus, headers: { ...headers, ...closing }, body: kmsError.toJson() }, false).catch(() => undefined);
  } finally {
    abandonment.stopWatching();
  }
}
