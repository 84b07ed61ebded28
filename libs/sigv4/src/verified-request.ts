import type { BodyDecoder, BodyDecoderOptions } from './body-decoder';
import type { PayloadMode } from './payload-mode';

/** How the request was signed: S3's `s3:authType` values. */
export type AuthType = 'REST-HEADER' | 'REST-QUERY-STRING';

/** Members shared by every verification result. */
interface BodyOf {
  /** How the body is protected. */
  readonly payload: PayloadMode;
  /**
   * A new Transform that turns the body as received into the object's bytes,
   * checking what the payload mode promises (hash, chunk signatures, decoded
   * length, trailing checksum). Pipe the raw request body through it.
   */
  decodeBody(options?: BodyDecoderOptions): BodyDecoder;
  /**
   * Wipes the request's copy of the signing key (kept only for a body in
   * signed chunks) unless a decoder took it: for a request answered without
   * its body being decoded. Idempotent, and a no-op once `decodeBody()`
   * handed the key to a decoder, which wipes it itself; `decodeBody()` of a
   * signed-chunks body is a TypeError after it.
   */
  releaseSigningKey(): void;
}

/** A request without any credentials: it runs as the anonymous principal. */
export interface AnonymousRequest extends BodyOf {
  readonly kind: 'anonymous';
}

/** A request whose SigV4 signature verified. */
export interface SignedRequest<P> extends BodyOf {
  readonly kind: 'signed';
  /** Whatever `getSigningKey` returned for the access key. */
  readonly principal: P;
  readonly accessKeyId: string;
  /** `s3:authType`. */
  readonly authType: AuthType;
  /** `s3:signatureversion`. */
  readonly signatureVersion: 'AWS4-HMAC-SHA256';
  /** `s3:signatureAge`: milliseconds from the signing time to now (0 when signed slightly in the future). */
  readonly signatureAge: number;
  /** `s3:x-amz-content-sha256`: the payload hash that was signed (`UNSIGNED-PAYLOAD` for presigned URLs without one). */
  readonly contentSha256: string;
  /** The signing time, epoch milliseconds. */
  readonly signedAt: number;
  /** For presigned URLs, when the URL stops being valid, epoch milliseconds. */
  readonly expiresAt: number | undefined;
  readonly region: string;
  readonly service: string;
  /** The header names the signature covers. */
  readonly signedHeaders: readonly string[];
  /** `x-amz-security-token` / `X-Amz-Security-Token`, when sent (also given to `getSigningKey`). */
  readonly securityToken: string | undefined;
}

/** The outcome of a successful verification. */
export type VerifiedRequest<P> = AnonymousRequest | SignedRequest<P>;
