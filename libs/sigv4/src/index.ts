/**
 * AWS Signature Version 4 verification for the S3 gateway (and any other
 * AWS-style API: the service name is a parameter), holding no secret.
 *
 * ```
 * const verifier = new SigV4Verifier({ region, service: 's3', getSigningKey, now });
 * const auth = await verifier.verify({ method, path, query, headers: req.headersDistinct });
 * // auth.kind === 'anonymous' | 'signed' (principal, authType, signatureAge, contentSha256, ...)
 * await pipeline(req, auth.decodeBody(), sink); // commit only after this resolves
 * ```
 *
 * - Header (`Authorization: AWS4-HMAC-SHA256 ...`) and presigned-URL forms;
 *   SigV2 and SigV4a are refused with S3's InvalidRequest. Browser POST
 *   forms (`verifier.verifyPostForm`): the HMAC of the form's base64 policy.
 * - The signing key comes from `getSigningKey` (the policy service derives
 *   it; see {@link deriveSigningKey}); the clock is injected.
 * - Bodies: `x-amz-content-sha256` hex (checked at the end of the stream),
 *   `UNSIGNED-PAYLOAD`, and aws-chunked in all three forms
 *   (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`, `...-PAYLOAD-TRAILER`,
 *   `STREAMING-UNSIGNED-PAYLOAD-TRAILER`), decoded as a stream: signed chunks
 *   are held one at a time until their signature verifies. A trailing
 *   checksum (CRC32, CRC32C, CRC64NVME, SHA1, SHA256) is verified against the
 *   decoded bytes with `@strongroom/checksums` (BadDigest on mismatch) and
 *   exposed as `decoder.checksum` for the caller to store.
 * - Every failure is a {@link SigV4Error} with S3's code and message; a
 *   SignatureDoesNotMatch carries the string to sign and canonical request
 *   (a POST form's carries neither: its string to sign is the policy, which
 *   may hold an SSE-C key).
 */
export { SigV4Verifier, type SigV4VerifierOptions, type SigningKey, type SigningKeyProvider } from './sigv4-verifier';
export type { SigV4Request, SigV4Headers } from './request';
export type { VerifiedRequest, SignedRequest, AnonymousRequest, AuthType } from './verified-request';
export type { PostFormSignature, SignedPostForm } from './post-form';
export { useSigV4 } from './authorization-header';
export {
  SigV4Error,
  SIGV4_ERROR_STATUS,
  invalidAccessKeyId,
  isSigV4Error,
  type SigV4ErrorCode,
  type SigV4ErrorOptions,
} from './sigv4-error';
export {
  UNSIGNED_PAYLOAD,
  STREAMING_SIGNED_PAYLOAD,
  STREAMING_SIGNED_PAYLOAD_TRAILER,
  STREAMING_UNSIGNED_PAYLOAD_TRAILER,
  type PayloadMode,
} from './payload-mode';
export type { BodyDecoder, BodyDecoderOptions, TrailingChecksum } from './body-decoder';
export { createBodyDecoder } from './decode-body';
export { AwsChunkedDecoder, type AwsChunkedBody } from './aws-chunked-decoder';
export { PayloadHashVerifier } from './payload-hash-verifier';
export type { ChunkSigningContext } from './chunk-signature';
export {
  CHECKSUM_TRAILERS,
  defaultChecksums,
  type TrailerChecksumAlgorithm,
  type ChecksumFactory,
  type ChecksumHasher,
  type ChecksumTrailerName,
} from './checksums';
export { MAX_PRESIGNED_EXPIRES_SECONDS } from './presigned-query';
export { deriveSigningKey } from './signing';
export { storedContentEncoding } from './content-encoding';
export { headerText } from './header-text';
export type { UriCanonicalization } from './canonical-uri';
export { percentDecode } from './uri-encoding';
