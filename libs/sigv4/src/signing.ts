import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The only algorithm accepted. */
export const ALGORITHM = 'AWS4-HMAC-SHA256';
/** The last element of every credential scope. */
export const SCOPE_TERMINATOR = 'aws4_request';
/** Hex SHA-256 of the empty string. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Lower-case hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** HMAC-SHA256 of a string (UTF-8). */
export function hmacSha256(key: Uint8Array, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/**
 * The SigV4 signing key (kSigning): HMAC chain over `"AWS4" + secret`, then
 * the scope date (`YYYYMMDD`), region, service and `aws4_request`. The policy
 * service computes this from the secret's UTF-8 bytes, which stay the
 * caller's to wipe; the `"AWS4" + secret` key and the intermediate keys made
 * here are wiped before returning. The verifier never sees a secret.
 */
export function deriveSigningKey(secretAccessKey: string | Uint8Array, date: string, region: string, service: string): Buffer {
  const secret = typeof secretAccessKey === 'string' ? Buffer.from(secretAccessKey, 'utf8') : secretAccessKey;
  const prefixed = Buffer.concat([Buffer.from('AWS4', 'utf8'), secret]);
  const kDate = hmacSha256(prefixed, date);
  const kRegion = hmacSha256(kDate, region);
  const kService = hmacSha256(kRegion, service);
  const kSigning = hmacSha256(kService, SCOPE_TERMINATOR);
  for (const intermediate of [prefixed, kDate, kRegion, kService]) intermediate.fill(0);
  if (secret !== secretAccessKey) (secret as Buffer).fill(0);
  return kSigning;
}

/** Lower-case hex HMAC-SHA256 of a string to sign under a signing key. */
export function signString(signingKey: Uint8Array, stringToSign: string): string {
  return hmacSha256(signingKey, stringToSign).toString('hex');
}

/** Compares a computed hex signature with the one a client sent, in constant time. */
export function signaturesEqual(computed: string, provided: string): boolean {
  const a = Buffer.from(computed, 'utf8');
  const b = Buffer.from(provided, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
