import { deriveSigningKey } from '@strongroom/sigv4';
import { createHash, createHmac } from 'node:crypto';

/** Root credentials of an S3 endpoint, and the region it signs for. */
export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
}

/** The payload hash every bench request signs: the body is not hashed by the client (nor checked by the server). */
export const BENCH_PAYLOAD_HASH = 'UNSIGNED-PAYLOAD';

const SIGNED_HEADERS = 'host;x-amz-content-sha256;x-amz-date';

/** What a request signs beyond method, path and host. */
export interface SignOptions {
  /** More headers to sign and send (lower-case names, such as the SSE ones), beside host, x-amz-content-sha256 and x-amz-date. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The payload hash to sign (hex SHA-256 of the body). @default {@link BENCH_PAYLOAD_HASH} */
  readonly payloadHash?: string;
}

/**
 * A lean SigV4 header signer for path-style requests without a query
 * string, over paths that need no percent-encoding: one SHA-256 and one
 * HMAC per request, the signing key derived once a day with
 * `deriveSigningKey` (`libs/sigv4`), the date string once a second. Signs
 * for `service` (`s3`, or `kms` for the gateway's KMS JSON API).
 */
export class SigV4Signer {
  readonly #credentials: S3Credentials;
  readonly #service: string;
  #day = '';
  #signingKey: Buffer = Buffer.alloc(0);
  #second = -1;
  #amzDate = '';

  constructor(credentials: S3Credentials, service = 's3') {
    this.#credentials = credentials;
    this.#service = service;
  }

  /**
   * The headers that sign `method` on `path` for `host`: `x-amz-date`,
   * `x-amz-content-sha256`, `authorization`, and `options.headers` (all of
   * them signed).
   */
  sign(method: string, path: string, host: string, options: SignOptions = {}): Record<string, string> {
    const amzDate = this.#now();
    const day = amzDate.slice(0, 8);
    if (day !== this.#day) {
      this.#day = day;
      this.#signingKey = deriveSigningKey(this.#credentials.secretAccessKey, day, this.#credentials.region, this.#service);
    }
    const payloadHash = options.payloadHash ?? BENCH_PAYLOAD_HASH;
    const signed: Record<string, string> = { ...options.headers, 'x-amz-date': amzDate, 'x-amz-content-sha256': payloadHash };
    let canonicalHeaders = `host:${host}\nx-amz-content-sha256:${payloadHash}\nx-amz-date:${amzDate}\n`;
    let signedHeaders = SIGNED_HEADERS;
    if (options.headers !== undefined) {
      const entries = Object.entries({ ...signed, host }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      canonicalHeaders = entries.map(([name, value]) => `${name}:${value.trim()}\n`).join('');
      signedHeaders = entries.map(([name]) => name).join(';');
    }
    const scope = `${day}/${this.#credentials.region}/${this.#service}/aws4_request`;
    const canonicalRequest = `${method}\n${path}\n\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
    const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
    const signature = createHmac('sha256', this.#signingKey).update(stringToSign).digest('hex');
    return {
      ...signed,
      authorization: `AWS4-HMAC-SHA256 Credential=${this.#credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    };
  }

  #now(): string {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#amzDate = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    }
    return this.#amzDate;
  }
}
