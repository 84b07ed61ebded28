import { S3Client, S3ServiceException, type S3ClientConfig } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@aws-sdk/signature-v4';
import { TrustedProxies, loadOrCreateLocalCertificate, startGateway, type RunningGateway } from '@strongroom/gateway';
import { createLogger } from '@strongroom/observability';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OTHER, OWNER, startStorageHarness, type StorageHarness } from '../storage/storage-harness';

export { OTHER, OWNER };

/** An account's root credentials and canonical id. */
export interface TestAccount {
  readonly accountId: string;
  readonly canonicalUserId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** A hand-made request, signed with SigV4 header auth unless `account` is null. */
export interface RawRequest {
  readonly method: string;
  /** The path as sent, percent-encoded. */
  readonly path: string;
  /** The path to sign when it differs from the one sent: a `+` sent where S3 reads, and signs, a space (`%20`). Default: {@link path}. */
  readonly signedPath?: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Instead of `query`: a query string sent as it is, for what an encoder would not write; signed by its decoded parameters. */
  readonly rawQuery?: string;
  /** Header values as text: signed as text (their UTF-8), sent as {@link headerBytes} says. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * How non-ASCII header values go on the wire: `utf8` (default), their
   * UTF-8 bytes, as Go SDKs, rclone and s3cmd send them; `latin1`, one byte
   * per character (up to U+00FF), as botocore and node:http send them.
   */
  readonly headerBytes?: 'utf8' | 'latin1';
  /** Headers sent once per value, in order; signed as SigV4 signs a repeated header (values joined with `,`). */
  readonly repeatedHeaders?: Readonly<Record<string, readonly string[]>>;
  readonly body?: string | Buffer;
  /** `x-amz-content-sha256` to sign; default: the body's SHA-256. */
  readonly payloadHash?: string;
  /** Who signs (default: owner); null sends the request unsigned. */
  readonly account?: TestAccount | null;
  /** Sends `Expect: 100-continue` and the body only once `100 Continue` came. */
  readonly expectContinue?: boolean;
}

/** What a raw request got back. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** With `expectContinue`: whether `100 Continue` came (so the body was sent) before the answer. */
  readonly continued: boolean;
}

/** The S3 error code and HTTP status of an SDK call that must fail. */
export async function failure(call: Promise<unknown>): Promise<[string, number | undefined]> {
  try {
    await call;
  } catch (error) {
    if (error instanceof S3ServiceException) return [error.name, error.$metadata.httpStatusCode];
    throw error;
  }
  throw new Error('the call succeeded');
}

/** A bucket policy document of `statements`. */
export function bucketPolicy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** The `<Code>` of an S3 XML error body. */
export function codeOf(body: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
}

/** KMS, policy, storage and the gateway in-process on port 0, with root access keys for two accounts. */
export interface S3Harness {
  readonly backend: StorageHarness;
  readonly gateway: RunningGateway;
  /** `http://127.0.0.1:<port>`. */
  readonly http: string;
  /** `https://localhost:<port>`, with a self-signed certificate ({@link ca}). */
  readonly https: string;
  readonly ca: Buffer | string;
  readonly owner: TestAccount;
  readonly other: TestAccount;
  /** An SDK client for an account (default: owner), HTTP unless `secure`, with the SDK's default checksum behaviour. */
  client(account?: TestAccount, options?: { secure?: boolean } & Partial<S3ClientConfig>): S3Client;
  /** Sends a hand-made request over HTTP (for what the SDK will not send). */
  raw(request: RawRequest): Promise<RawResponse>;
  /** The request line and header block of a hand-made request, signed as {@link raw} signs it, for a client of its own to send. */
  rawHead(request: RawRequest): Promise<string>;
  /**
   * A presigned URL for `method` on `/<bucket>/<key>`; `headers` are signed
   * and stay headers, which the request must then send (an
   * `x-amz-content-sha256` among them is the payload hash the SDK signs).
   */
  presign(method: string, bucket: string, key: string, expiresIn: number, account?: TestAccount, headers?: Readonly<Record<string, string>>): Promise<string>;
  close(): Promise<void>;
}

/** node:crypto behind the SDK's `Checksum` interface. */
class NodeSha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    const key = secret === undefined || typeof secret === 'string' ? secret : ArrayBuffer.isView(secret) ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength) : Buffer.from(secret);
    this.#hash = key === undefined ? createHash('sha256') : createHmac('sha256', key);
  }
  update(data: string | Uint8Array): void {
    this.#hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
  reset(): void {
    throw new Error('not needed');
  }
}

/**
 * Sends a request. node:http writes header values one byte per character
 * when the body is a Buffer (a string body would take the header block into
 * its own encoding), so UTF-8 header bytes are written as the characters of
 * those bytes.
 */
function send(port: number, path: string, request: RawRequest, signedHeaders: Record<string, string>): Promise<RawResponse> {
  const onTheWire = (value: string) => (request.headerBytes === 'latin1' ? value : Buffer.from(value, 'utf8').toString('latin1'));
  const headers: Record<string, string | string[]> = Object.fromEntries(Object.entries(signedHeaders).map(([name, value]) => [name, onTheWire(value)]));
  for (const [name, values] of Object.entries(request.repeatedHeaders ?? {})) headers[name] = values.map(onTheWire);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  return new Promise((resolve, reject) => {
    let continued = false;
    const outgoing = httpRequest({ host: '127.0.0.1', port, method: request.method, path, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString(), continued }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    if (request.expectContinue !== true) {
      // Not end(body): knowing the length first, node:http would re-read a Content-Disposition as UTF-8 (see the gateway's sendResponse).
      if (body !== undefined && body.length > 0) {
        if (!outgoing.hasHeader('transfer-encoding')) outgoing.setHeader('content-length', body.length);
        outgoing.write(body);
      }
      outgoing.end();
      return;
    }
    outgoing.setHeader('content-length', body?.length ?? 0);
    outgoing.setHeader('expect', '100-continue');
    outgoing.flushHeaders();
    outgoing.on('continue', () => {
      continued = true;
      outgoing.end(body);
    });
  });
}

/** A query string's parameters, decoded one by one (no `+` for a space, no leading `?` dropped, as URLSearchParams would). */
function decodedQuery(rawQuery: string): Record<string, string> {
  const pairs = rawQuery.split('&').filter((pair) => pair !== '');
  return Object.fromEntries(
    pairs.map((pair) => {
      const equals = pair.indexOf('=');
      return equals < 0 ? [decodeURIComponent(pair), ''] : [decodeURIComponent(pair.slice(0, equals)), decodeURIComponent(pair.slice(equals + 1))];
    }),
  );
}

/** An SDK signer for S3 as the SDK's S3 client configures it (paths already encoded). */
function signerFor(account: TestAccount): SignatureV4 {
  return new SignatureV4({
    service: 's3',
    region: 'us-east-1',
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
}

function escapePath(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** Gateway settings a test may change. */
export interface S3HarnessOptions {
  /** The gateway's body idle timeout (`STRONGROOM_GATEWAY_BODY_TIMEOUT_MS`); default: the gateway's. */
  readonly bodyTimeoutMs?: number;
  /** How long the gateway waits for a request's headers (`STRONGROOM_GATEWAY_HEADERS_TIMEOUT_MS`); default: the gateway's. */
  readonly headersTimeoutMs?: number;
  /** The storage service's upload idle timeout (`STRONGROOM_STORAGE_UPLOAD_TIMEOUT_MS`); default: the service's. */
  readonly uploadIdleTimeoutMs?: number;
  /** How long the storage service acts on a bucket's Object Ownership it read; default: the service's (5 s). */
  readonly ownershipTtlMs?: number;
}

/** Starts everything and creates root access keys for {@link OWNER} and {@link OTHER}. */
export async function startS3Harness(options: S3HarnessOptions = {}): Promise<S3Harness> {
  const { uploadIdleTimeoutMs, ownershipTtlMs } = options;
  const backend = await startStorageHarness({
    ...(uploadIdleTimeoutMs === undefined ? {} : { uploadIdleTimeoutMs }),
    ...(ownershipTtlMs === undefined ? {} : { ownershipTtlMs }),
  });
  const certDir = mkdtempSync(join(tmpdir(), 'strongroom-s3-cert-'));
  const certificate = await loadOrCreateLocalCertificate(certDir, 'localhost');
  const gateway = await startGateway({
    storage: backend.client,
    policy: backend.policy,
    kms: backend.kms,
    config: {
      region: 'us-east-1',
      httpAddress: '127.0.0.1:0',
      httpsAddress: '127.0.0.1:0',
      domain: 'localhost',
      trustedProxies: TrustedProxies.parse(''),
      bodyTimeoutMs: options.bodyTimeoutMs,
      headersTimeoutMs: options.headersTimeoutMs,
    },
    tls: certificate,
    logger: createLogger({ name: 's3-test', level: 'silent' }),
  });
  const account = async (accountId: string): Promise<TestAccount> => {
    const principal = { accountId, arn: '' };
    const created = await backend.policy.createAccessKey({ principal, userName: '' });
    const { account: details } = await backend.policy.getAccount({ principal });
    return {
      accountId,
      canonicalUserId: details!.canonicalUserId,
      accessKeyId: created.accessKey!.accessKeyId,
      secretAccessKey: created.secretAccessKey,
    };
  };
  const owner = await account(OWNER);
  const other = await account(OTHER);
  const http = `http://127.0.0.1:${gateway.httpPort}`;
  const https = `https://localhost:${gateway.httpsPort}`;
  const clients: S3Client[] = [];
  /** The path as sent and the headers of a hand-made request: signed with SigV4 header auth unless its account is null. */
  const signedRaw = async (request: RawRequest): Promise<{ path: string; headers: Record<string, string> }> => {
    const host = `127.0.0.1:${gateway.httpPort}`;
    const query = request.rawQuery ?? new URLSearchParams(request.query ?? {}).toString().replace(/\+/g, '%20');
    const path = query === '' ? request.path : `${request.path}?${query}`;
    const repeated = Object.fromEntries(Object.entries(request.repeatedHeaders ?? {}).map(([name, values]) => [name, values.join(',')]));
    const headers: Record<string, string> = { host, ...request.headers, ...repeated };
    const who = request.account === undefined ? owner : request.account;
    if (who === null) return { path, headers };
    headers['x-amz-content-sha256'] = request.payloadHash ?? createHash('sha256').update(request.body ?? '').digest('hex');
    const signed = await signerFor(who).sign({
      method: request.method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: gateway.httpPort,
      path: request.signedPath ?? request.path,
      query: request.rawQuery === undefined ? { ...request.query } : decodedQuery(request.rawQuery),
      headers,
    });
    return { path, headers: signed.headers };
  };
  return {
    backend,
    gateway,
    http,
    https,
    ca: certificate.cert,
    owner,
    other,
    client(who = owner, options = {}) {
      const { secure, ...config } = options;
      const client = new S3Client({
        endpoint: secure ? https : http,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: who.accessKeyId, secretAccessKey: who.secretAccessKey },
        ...(secure ? { requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: certificate.cert }) }) } : {}),
        ...config,
      });
      clients.push(client);
      return client;
    },
    async raw(request) {
      const { path, headers } = await signedRaw(request);
      return send(gateway.httpPort!, path, request, headers);
    },
    async rawHead(request) {
      const { path, headers } = await signedRaw(request);
      return `${request.method} ${path} HTTP/1.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
    },
    async presign(method, bucket, key, expiresIn, who = owner, headers = {}) {
      const signer = signerFor(who);
      const host = `127.0.0.1:${gateway.httpPort}`;
      const path = `/${bucket}/${escapePath(key)}`;
      const pinned = headers['x-amz-content-sha256'] !== undefined;
      const signed = await signer.presign(
        { method, protocol: 'http:', hostname: '127.0.0.1', port: gateway.httpPort, path, query: {}, headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...headers } },
        { expiresIn, unsignableHeaders: new Set(pinned ? [] : ['x-amz-content-sha256']), unhoistableHeaders: new Set(['x-amz-content-sha256', ...Object.keys(headers)]) },
      );
      const query = Object.entries(signed.query ?? {})
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
        .join('&');
      return `${http}${path}?${query}`;
    },
    async close() {
      for (const client of clients) client.destroy();
      await gateway.close();
      await backend.close();
      rmSync(certDir, { recursive: true, force: true });
    },
  };
}
