/** The SSE-C key headers (and their query-parameter forms): raw keys a client sends. */
const CUSTOMER_KEY = /(^|&)(x-amz(?:-copy-source)?-server-side-encryption-customer-key)([:=])[^&\n]*/gim;

/**
 * A canonical request as SignatureDoesNotMatch shows it, with the SSE-C
 * keys it signed blanked out: the key is a secret, and an error answer
 * (which a proxy may log) must never carry one. The hash of the canonical
 * request in the string to sign still lets a client compare.
 */
export function redactCanonicalRequest(canonicalRequest: string): string {
  return canonicalRequest.replace(CUSTOMER_KEY, (_match, start: string, name: string, separator: string) => `${start}${name}${separator}[redacted]`);
}
