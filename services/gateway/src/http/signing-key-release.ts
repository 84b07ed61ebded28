import type { VerifiedRequest } from '@strongroom/sigv4';
import type { ServerResponse } from 'node:http';

/**
 * Wipes a verified request's copy of its signing key once its response
 * closes, unless the body's decoder took the key (it then wipes it itself
 * when the body ends, fails or is destroyed). A request in signed chunks
 * refused before its body was opened (AccessDenied, NoSuchBucket, an error
 * instead of `100 Continue`) would otherwise leave a day-scoped signing key
 * to the garbage collector.
 */
export function releaseSigningKeyOnClose(res: ServerResponse, verified: VerifiedRequest<unknown>): void {
  if (res.closed) verified.releaseSigningKey();
  else res.once('close', () => verified.releaseSigningKey());
}
