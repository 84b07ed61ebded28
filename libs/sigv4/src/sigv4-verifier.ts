import { readHeaderClaim, readQueryClaim, type AuthClaim, type ClaimExpectations } from './auth-claim';
import { authorizationScheme, useSigV4 } from './authorization-header';
import { canonicalHeaders } from './canonical-headers';
import { canonicalRequest, requestStringToSign } from './canonical-request';
import { canonicalUri, type UriCanonicalization } from './canonical-uri';
import { scopeString } from './credential-scope';
import type { BodyDecoderOptions } from './body-decoder';
import { chunkSigningKey, keylessBody } from './chunk-signing-key';
import { createBodyDecoder } from './decode-body';
import { parsePayloadMode, type PayloadMode } from './payload-mode';
import { readPostFormClaim, type PostFormSignature, type SignedPostForm } from './post-form';
import { PRESIGNED_PARAMETERS } from './presigned-query';
import { parseQuery, type QueryParameter } from './query-string';
import { headerValue, type SigV4Request } from './request';
import { ALGORITHM, signaturesEqual, signString } from './signing';
import { SigV4Error } from './sigv4-error';
import type { AnonymousRequest, SignedRequest, VerifiedRequest } from './verified-request';

/** The signing key for one access key, date, region and service, and who the key belongs to. */
export interface SigningKey<P> {
  /** kSigning, as {@link deriveSigningKey} computes it from the secret. */
  readonly signingKey: Buffer;
  readonly principal: P;
}

/**
 * Looks up the signing key of an access key for a scope date (`YYYYMMDD`),
 * region and service: a copy the verifier owns and wipes once the
 * signature is checked (for a body in signed chunks, once its decoder ends,
 * fails or is destroyed, or when the request's `releaseSigningKey()` is
 * called before any decoder took it). Throws {@link invalidAccessKeyId} (or another
 * {@link SigV4Error}, such as InvalidToken for a bad security token) for a
 * credential it rejects; any other error is treated as a server fault and
 * passes through unchanged. The one I/O the verifier does.
 */
export type SigningKeyProvider<P> = (
  accessKeyId: string,
  date: string,
  region: string,
  service: string,
  context: { readonly securityToken: string | undefined },
) => Promise<SigningKey<P>>;

/** Configuration of a {@link SigV4Verifier}. */
export interface SigV4VerifierOptions<P> {
  /** The region this endpoint serves: a credential scoped to another is AuthorizationHeaderMalformed. */
  readonly region: string;
  /** The service name of the credential scope: `s3`, or `kms` for the KMS JSON API. */
  readonly service: string;
  readonly getSigningKey: SigningKeyProvider<P>;
  /**
   * The clock, epoch milliseconds.
   * @default Date.now
   */
  readonly now?: () => number;
  /**
   * How far a header-signed request's time may be from now, and how far in the future a presigned URL may start.
   * @default 900000 (15 minutes, as S3)
   */
  readonly maxClockSkewMs?: number;
  /**
   * How the path is canonicalized.
   * @default 's3' for the s3 service, 'normalized' for every other
   */
  readonly uriCanonicalization?: UriCanonicalization;
}

const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;

/** S3's SignatureDoesNotMatch, with the string to sign (and canonical request) the server computed, when they may be shown. */
function signatureMismatch(stringToSign: string | undefined, accessKeyId: string, provided: string, canonical?: string): SigV4Error {
  return new SigV4Error(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    { stringToSign, canonicalRequest: canonical, details: { AWSAccessKeyId: accessKeyId, SignatureProvided: provided } },
  );
}

function authMechanisms(
  request: SigV4Request,
  parameters: readonly QueryParameter[],
): { authorization: string | undefined; presigned: boolean } {
  const authorization = headerValue(request.headers, 'authorization');
  const names = new Set(parameters.map((parameter) => parameter.name));
  const presigned = PRESIGNED_PARAMETERS.some((name) => names.has(name));
  const sigV2Query = names.has('Signature') || names.has('AWSAccessKeyId');
  if (authorization !== undefined && (presigned || sigV2Query)) {
    throw new SigV4Error(
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      { details: { ArgumentName: 'Authorization', ArgumentValue: authorizationScheme(authorization) } },
    );
  }
  if (!presigned && sigV2Query) throw useSigV4();
  return { authorization, presigned };
}

function anonymousPayload(request: SigV4Request): PayloadMode {
  const contentSha256 = headerValue(request.headers, 'x-amz-content-sha256');
  return contentSha256 === undefined ? { kind: 'unsigned' } : parsePayloadMode(contentSha256, request.headers, false);
}

/**
 * Verifies AWS Signature Version 4 (header and presigned forms) without ever
 * holding a secret: the signing key comes from the `getSigningKey` callback.
 * Stateless apart from its options; one instance serves every request.
 */
export class SigV4Verifier<P> {
  readonly #options: SigV4VerifierOptions<P>;
  readonly #uriCanonicalization: UriCanonicalization;

  constructor(options: SigV4VerifierOptions<P>) {
    this.#options = options;
    this.#uriCanonicalization = options.uriCanonicalization ?? (options.service === 's3' ? 's3' : 'normalized');
  }

  /**
   * Authenticates a request. Resolves to `anonymous` when it carries no
   * credentials at all, or `signed` once the signature verified; rejects with
   * a {@link SigV4Error} otherwise (SigV2 gets InvalidRequest). The body is
   * not read: pipe it through the result's `decodeBody()`, and call its
   * `releaseSigningKey()` once the request is answered.
   */
  async verify(request: SigV4Request): Promise<VerifiedRequest<P>> {
    const parameters = parseQuery(request.query);
    const { authorization, presigned } = authMechanisms(request, parameters);
    if (authorization === undefined && !presigned) {
      const payload = anonymousPayload(request);
      const anonymous: AnonymousRequest = {
        kind: 'anonymous',
        payload,
        ...keylessBody((options) => createBodyDecoder(payload, undefined, options)),
      };
      return anonymous;
    }
    const expected = this.#expectations();
    const claim =
      authorization === undefined
        ? readQueryClaim(request, parameters, expected)
        : readHeaderClaim(request, authorization, parameters, expected);
    return this.#verifyClaim(request, claim, expected.now);
  }

  /** This endpoint, the clock now, and the allowed skew, as every claim is read against them. */
  #expectations(): ClaimExpectations {
    return {
      region: this.#options.region,
      service: this.#options.service,
      now: (this.#options.now ?? Date.now)(),
      maxClockSkewMs: this.#options.maxClockSkewMs ?? FIFTEEN_MINUTES_MS,
    };
  }

  /**
   * Authenticates a browser POST form (S3's POST Object): the signature must
   * be the HMAC of the `policy` field under the signing key of the form's
   * credential, from the same `getSigningKey` as every other request.
   * Rejects with a {@link SigV4Error} otherwise. The policy's conditions and
   * expiration are the caller's to check.
   *
   * Unlike S3, a SignatureDoesNotMatch here carries no string to sign: it
   * would be the policy, which may hold an SSE-C key (boto3 writes a
   * condition on every field, the key's included), and even a corrupted
   * policy keeps most of its base64, key and all. The client has the
   * policy it sent.
   */
  async verifyPostForm(form: PostFormSignature): Promise<SignedPostForm<P>> {
    const expected = this.#expectations();
    const now = expected.now;
    const { scope, time } = readPostFormClaim(form, expected);
    const { signingKey, principal } = await this.#options.getSigningKey(scope.accessKeyId, scope.date, scope.region, scope.service, {
      securityToken: form.securityToken,
    });
    try {
      if (!signaturesEqual(signString(signingKey, form.policy), form.signature)) {
        throw signatureMismatch(undefined, scope.accessKeyId, form.signature);
      }
    } finally {
      signingKey.fill(0);
    }
    return {
      kind: 'signed',
      principal,
      accessKeyId: scope.accessKeyId,
      authType: 'POST',
      signatureVersion: ALGORITHM,
      signatureAge: Math.max(0, now - time),
      signedAt: time,
      region: scope.region,
      service: scope.service,
      securityToken: form.securityToken,
    };
  }

  async #verifyClaim(request: SigV4Request, claim: AuthClaim, now: number): Promise<SignedRequest<P>> {
    const canonical = canonicalRequest({
      method: request.method,
      uri: canonicalUri(request.path, this.#uriCanonicalization),
      query: claim.canonicalQuery,
      headers: canonicalHeaders(request.headers, claim.signedHeaders),
      signedHeaders: claim.signedHeaders,
      payloadHash: claim.payloadHash,
    });
    const scope = scopeString(claim.scope);
    const stringToSign = requestStringToSign(claim.amzDate, scope, canonical);
    const { accessKeyId, date, region, service } = claim.scope;
    const { signingKey, principal } = await this.#options.getSigningKey(accessKeyId, date, region, service, {
      securityToken: claim.securityToken,
    });
    const chunksSigned = claim.payload.kind === 'aws-chunked' && claim.payload.signed;
    const matches = signaturesEqual(signString(signingKey, stringToSign), claim.signature);
    if (!matches || !chunksSigned) signingKey.fill(0);
    if (!matches) throw signatureMismatch(stringToSign, accessKeyId, claim.signature, canonical);
    const body = chunksSigned
      ? chunkSigningKey(signingKey, (options?: BodyDecoderOptions) =>
          createBodyDecoder(claim.payload, { signingKey, amzDate: claim.amzDate, scope, seedSignature: claim.signature }, options),
        )
      : keylessBody((options?: BodyDecoderOptions) => createBodyDecoder(claim.payload, undefined, options));
    return {
      kind: 'signed',
      principal,
      accessKeyId,
      authType: claim.authType,
      signatureVersion: ALGORITHM,
      signatureAge: Math.max(0, now - claim.time),
      contentSha256: claim.payloadHash,
      signedAt: claim.time,
      expiresAt: claim.expiresAt,
      region,
      service,
      signedHeaders: claim.signedHeaders,
      securityToken: claim.securityToken,
      payload: claim.payload,
      ...body,
    };
  }
}
