import { ErrorReason, type policyV1 } from '@strongroom/contracts';
import { hasReason } from '@strongroom/errors';
import { SigV4Error, SigV4Verifier, invalidAccessKeyId, type PostFormSignature, type SignedPostForm, type VerifiedRequest } from '@strongroom/sigv4';
import type { IncomingMessage } from 'node:http';
import type { PolicyClient } from '../http/command';
import type { Caller } from '../http/s3-request';
import { SigningKeyCache } from './signing-key-cache';

/** Options of an {@link Authenticator}. */
export interface AuthenticatorOptions {
  readonly policy: PolicyClient;
  /** The region SigV4 scopes must name. */
  readonly region: string;
  /** The service SigV4 scopes must name: `s3`, or `kms` for the KMS JSON API. @default 's3' */
  readonly service?: string;
  /** How long a signing key is reused, at most 60 s (the policy contract's limit). @default 60000 */
  readonly signingKeyTtlMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** A verified request: who sent it and how to read its body. */
export interface Authenticated {
  readonly caller: Caller;
  readonly verified: VerifiedRequest<policyV1.SigningPrincipal>;
}

/** A browser POST form whose signature verified: who posted it. */
export interface AuthenticatedPostForm {
  readonly caller: Caller;
  readonly signed: SignedPostForm<policyV1.SigningPrincipal>;
}

/** The caller a verified signature's principal is. */
function callerOf(principal: policyV1.SigningPrincipal): Caller {
  return {
    kind: 'aws',
    accountId: principal.accountId,
    arn: principal.arn,
    canonicalUserId: principal.canonicalUserId,
    isRoot: principal.userName === '',
    userId: principal.userName === '' ? undefined : principal.userId,
  };
}

/**
 * InvalidToken, as S3 answers a security token it did not issue for the
 * access key: Strongroom issues only long-term access keys, so no request
 * may carry one (header, query parameter or POST field). Taking such a
 * request as if the token were not there would accept a token nobody
 * checked.
 */
function invalidSecurityToken(): SigV4Error {
  return new SigV4Error('InvalidToken', 'The provided token is malformed or otherwise invalid.');
}

/**
 * Authenticates S3 (or KMS JSON) requests with libs/sigv4: signing keys
 * come from the policy service (never a secret), cached per scope for at
 * most a minute. The key bytes of the policy's answer (decoded into a
 * buffer of their own, the received message wiped by
 * `policyServiceDefinition`) are the cached key, wiped when it leaves the cache;
 * each request verifies with a copy that the verifier wipes. A request
 * with a security token is InvalidToken.
 */
export class Authenticator {
  readonly #verifier: SigV4Verifier<policyV1.SigningPrincipal>;
  readonly #keys: SigningKeyCache;

  constructor(options: AuthenticatorOptions) {
    const now = options.now ?? Date.now;
    const keys = (this.#keys = new SigningKeyCache(
      async (scope) => {
        try {
          const response = await options.policy.getSigningKey(scope);
          if (response.principal === undefined) {
            response.signingKey.fill(0);
            throw new Error('GetSigningKey returned no principal');
          }
          return { signingKey: response.signingKey, principal: response.principal };
        } catch (error) {
          if (hasReason(error, ErrorReason.ACCESS_KEY_NOT_FOUND) || hasReason(error, ErrorReason.ACCESS_KEY_INACTIVE)) {
            throw invalidAccessKeyId(scope.accessKeyId);
          }
          throw error;
        }
      },
      { ttlMs: Math.min(options.signingKeyTtlMs ?? 60_000, 60_000), maxEntries: 10_000, now },
    ));
    this.#verifier = new SigV4Verifier({
      region: options.region,
      service: options.service ?? 's3',
      now,
      getSigningKey: async (accessKeyId, date, region, service, { securityToken }) => {
        if (securityToken !== undefined) throw invalidSecurityToken();
        return keys.get({ accessKeyId, date, region, service });
      },
    });
  }

  /**
   * Verifies a request's signature (or takes it as anonymous); throws a
   * SigV4Error for a bad one, and InvalidToken for a security token, signed
   * or not. `bodySha256` is the hex SHA-256 of a body read
   * whole, for services whose clients sign the body without sending
   * `x-amz-content-sha256` (KMS).
   */
  async authenticate(request: IncomingMessage, rawPath: string, rawQuery: string, bodySha256?: string): Promise<Authenticated> {
    const verified = await this.#verifier.verify({
      method: request.method ?? 'GET',
      path: rawPath,
      query: rawQuery,
      headers: request.headersDistinct,
      ...(bodySha256 === undefined ? {} : { bodySha256 }),
    });
    if (verified.kind === 'anonymous') {
      if (request.headers['x-amz-security-token'] !== undefined || /(?:^|&)x-amz-security-token=/i.test(rawQuery)) throw invalidSecurityToken();
      return { caller: { kind: 'anonymous' }, verified };
    }
    return { caller: callerOf(verified.principal), verified };
  }

  /**
   * Verifies a browser POST form's signature over its policy, with the same
   * signing keys (and cache) as every other request; throws a SigV4Error
   * for a bad one. The policy's conditions are the caller's to check.
   */
  async authenticatePostForm(form: PostFormSignature): Promise<AuthenticatedPostForm> {
    const signed = await this.#verifier.verifyPostForm(form);
    return { caller: callerOf(signed.principal), signed };
  }

  /** Forgets (and wipes) the cached signing keys: for a gateway that stops. */
  forgetSigningKeys(): void {
    this.#keys.clear();
  }
}
