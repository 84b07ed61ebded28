import {
  deriveSigningKey,
  invalidAccessKeyId,
  isSigV4Error,
  SigV4Verifier,
  type SigningKeyProvider,
  type SigV4Error,
  type SigV4Request,
} from '../../src';

/** The example credentials of AWS's S3 signing documentation. */
export const DOCS_ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
/** Their example secret access key. */
export const DOCS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
/** 20130524T000000Z, the time of every documentation example. */
export const DOCS_TIME = Date.UTC(2013, 4, 24);

/** A principal as a test's getSigningKey returns it. */
export interface TestPrincipal {
  readonly arn: string;
}

/**
 * A getSigningKey backed by a map of access key → secret; unknown keys get
 * InvalidAccessKeyId. Each key it hands out is also put in `handed`, to see
 * that the verifier wipes it.
 */
export function keysFrom(secrets: Readonly<Record<string, string>>, calls?: string[][], handed?: Buffer[]): SigningKeyProvider<TestPrincipal> {
  return (accessKeyId, date, region, service) => {
    calls?.push([accessKeyId, date, region, service]);
    const secret = secrets[accessKeyId];
    if (secret === undefined) return Promise.reject(invalidAccessKeyId(accessKeyId));
    const signingKey = deriveSigningKey(secret, date, region, service);
    handed?.push(signingKey);
    return Promise.resolve({ signingKey, principal: { arn: `arn:aws:iam::123456789012:user/${accessKeyId}` } });
  };
}

/** A verifier for the documentation examples: us-east-1, s3, clock at 20130524T000000Z; the keys it gets go in `handed`. */
export function docsVerifier(now = DOCS_TIME, handed?: Buffer[]): SigV4Verifier<TestPrincipal> {
  return new SigV4Verifier({
    region: 'us-east-1',
    service: 's3',
    getSigningKey: keysFrom({ [DOCS_ACCESS_KEY]: DOCS_SECRET }, undefined, handed),
    now: () => now,
  });
}

/** True when every byte of a key has been wiped. */
export function isWiped(key: Buffer): boolean {
  return key.every((byte) => byte === 0);
}

/** A request with the given headers added (lower-cased names). */
export function withHeaders(request: SigV4Request, headers: Readonly<Record<string, string | undefined>>): SigV4Request {
  return { ...request, headers: { ...request.headers, ...headers } };
}

/** The docs' `Authorization` header for a signed-header list and signature. */
export function docsAuthorization(signedHeaders: string, signature: string, date = '20130524'): string {
  return `AWS4-HMAC-SHA256 Credential=${DOCS_ACCESS_KEY}/${date}/us-east-1/s3/aws4_request,SignedHeaders=${signedHeaders},Signature=${signature}`;
}

/** Verifies a request that must fail, and returns its SigV4Error (anything else fails the test). */
export async function verifyFailure(request: SigV4Request, verifier: SigV4Verifier<TestPrincipal> = docsVerifier()): Promise<SigV4Error> {
  const error: unknown = await verifier.verify(request).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSigV4Error(error)) throw new Error(`expected a SigV4Error, got ${String(error)}`);
  return error;
}
