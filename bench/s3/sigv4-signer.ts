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

/**
 * A lean SigV4 header signer for path-style S3 requests without a query
 * string, over paths that need no percent-encoding: one SHA-256 and one
 * HMAC per request, the signing key derived once a day with
 * `deriveSigningKey` (`libs/sigv4`), the date string once a second.
 */
export class SigV4Signer {
  readonly #credentials: S3Credentials;
  #day = '';
  #signingKey: Buffer = Buffer.alloc(0);
  #second = -1;
  #amzDate = '';

  constructor(credentials: S3Credentials) {
    this.#credentials = credentials;
  }

  /** The headers that sign `method` on `path` for `host` (`x-amz-date`, `x-amz-content-sha256`, `authorization`). */
  sign(method: string, path: string, host: string): Record<string, string> {
    const amzDate = this.#now();
    const day = amzDate.slice(0, 8);
    if (day !== this.#day) {
      this.#day = day;
      this.#signingKey = deriveSigningKey(this.#credentials.secretAccessKey, day, this.#credentials.region, 's3');
    }
    const scope = `${day}/${this.#credentials.region}/s3/aws4_request`;
    const canonicalRequest = `${method}\n${path}\n\nhost:${host}\nx-amz-content-sha256:${BENCH_PAYLOAD_HASH}\nx-amz-date:${amzDate}\n\n${SIGNED_HEADERS}\n${BENCH_PAYLOAD_HASH}`;
    const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
    const signature = createHmac('sha256', this.#signingKey).update(stringToSign).digest('hex');
    return {
      'x-amz-date': amzDate,
      'x-amz-content-sha256': BENCH_PAYLOAD_HASH,
      authorization: `AWS4-HMAC-SHA256 Credential=${this.#credentials.accessKeyId}/${scope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`,
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
