import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { isLoopback, peerAddress, type ServiceCredential } from '@strongroom/grpc';

/**
 * The operations whose request or answer holds plaintext or a plaintext
 * data key. ReEncrypt and GenerateDataKeyWithoutPlaintext carry none.
 */
const PLAINTEXT_OPERATIONS: ReadonlySet<string> = new Set(['GenerateDataKey', 'Encrypt', 'Decrypt']);

/**
 * Refuses a {@link PLAINTEXT_OPERATIONS} call that crossed the network in
 * the clear: the API port serves plaintext gRPC (no TLS yet), so plaintext
 * keys and data go only to a peer on a loopback address, whose connection
 * never left the machine (a service mesh sidecar that ends mTLS delivers
 * over loopback; only a mesh that refuses plaintext makes that secure), or
 * to a credential that may act for every account (Strongroom's own
 * services: in Kubernetes they still reach the KMS across the pod network
 * in the clear until the API port serves TLS, a known gap). AWS KMS serves
 * nothing but HTTPS, and S3 refuses SSE-KMS and SSE-C over HTTP, as
 * storage refuses them to a tenant calling from another host. ACCESS_DENIED,
 * as the gateway's KMS API answers such a call over HTTP.
 */
export function requireLocalPeerForPlaintext(operation: string, caller: ServiceCredential, peer: string): void {
  if (!PLAINTEXT_OPERATIONS.has(operation) || caller.accounts === '*') return;
  const address = peerAddress(peer);
  if (address !== undefined && isLoopback(address)) return;
  throw new DomainError(
    ErrorReason.ACCESS_DENIED,
    `${operation} carries plaintext or a plaintext data key, so it is served to credential "${caller.name}" only over a connection that does not leave the machine (loopback) until the KMS API port serves TLS`,
  );
}
