import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 as LegacySignatureV4 } from '@aws-sdk/signature-v4';
import { SignatureV4 as CurrentSignatureV4 } from '@smithy/signature-v4';
import type { SigV4Request } from '../../src';

/** node:crypto behind the SDK's `Checksum` interface (the SDK's own sha256-js is not installed). */
class NodeSha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    const key =
      secret === undefined || typeof secret === 'string'
        ? secret
        : ArrayBuffer.isView(secret)
          ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength)
          : Buffer.from(secret);
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

/** A request as the SDK's signer takes it: path already encoded as a client puts it on the wire, query decoded. */
export interface SdkRequest {
  readonly method: string;
  readonly hostname: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What the SDK's `escapeUri` does: encodeURIComponent plus `!'()*`. */
export function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The wire form of a query object, as the SDK's query-string builder writes it. */
function wireQuery(query: Readonly<Record<string, string | readonly string[]>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const item of typeof value === 'string' ? [value] : value) parts.push(`${escapeUri(key)}=${escapeUri(item)}`);
  }
  return parts.join('&');
}

interface SdkHttpRequest {
  method: string;
  protocol: string;
  hostname: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: string;
}

interface AnySigner {
  sign(request: SdkHttpRequest, options: { signingDate: Date }): Promise<SdkHttpRequest>;
  presign(
    request: SdkHttpRequest,
    options: { signingDate: Date; expiresIn: number; unhoistableHeaders?: Set<string> },
  ): Promise<SdkHttpRequest>;
}

/** One of the SDK's SigV4 signers, signing and presigning into the framework-free request the verifier takes. */
export interface SdkSigner {
  readonly name: string;
  sign(request: SdkRequest, signingDate: Date): Promise<SigV4Request>;
  presign(request: SdkRequest, signingDate: Date, expiresIn: number): Promise<SigV4Request>;
}

function toSdk(request: SdkRequest): SdkHttpRequest {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(request.query ?? {})) query[key] = typeof value === 'string' ? value : [...value];
  return {
    method: request.method,
    protocol: 'https:',
    hostname: request.hostname,
    path: request.path,
    query,
    headers: { host: request.hostname, ...request.headers },
    body: request.body,
  };
}

function fromSdk(signed: SdkHttpRequest): SigV4Request {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  return { method: signed.method, path: signed.path, query: wireQuery(signed.query), headers };
}

/** Options of the signers made by {@link sdkSigners}. */
export interface SignerOptions {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly service: string;
}

/** The deprecated `@aws-sdk/signature-v4` (a re-export of smithy 1.x) and the current `@smithy/signature-v4` used by `@aws-sdk/client-s3`. */
export function sdkSigners(options: SignerOptions): SdkSigner[] {
  const init = {
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    region: options.region,
    service: options.service,
    sha256: NodeSha256,
    uriEscapePath: options.service !== 's3',
    applyChecksum: options.service === 's3',
  };
  const signers: [string, AnySigner][] = [
    ['@aws-sdk/signature-v4', new LegacySignatureV4(init) as unknown as AnySigner],
    ['@smithy/signature-v4', new CurrentSignatureV4(init) as unknown as AnySigner],
  ];
  return signers.map(([name, signer]) => ({
    name,
    sign: async (request, signingDate) => fromSdk(await signer.sign(toSdk(request), { signingDate })),
    presign: async (request, signingDate, expiresIn) => {
      const sdkRequest = toSdk(request);
      // As @aws-sdk/s3-request-presigner does: the payload of a presigned URL is unsigned.
      if (options.service === 's3') sdkRequest.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      return fromSdk(await signer.presign(sdkRequest, { signingDate, expiresIn }));
    },
  }));
}
