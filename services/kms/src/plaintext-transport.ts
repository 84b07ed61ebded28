import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { crossedNetworkInClear, type CallTransport, type ServiceCredential } from '@strongroom/grpc';

/**
 * The operations whose request or answer holds plaintext or a plaintext
 * data key. ReEncrypt and GenerateDataKeyWithoutPlaintext carry none.
 */
const PLAINTEXT_OPERATIONS: ReadonlySet<string> = new Set(['GenerateDataKey', 'Encrypt', 'Decrypt']);

/**
 * Refuses a {@link PLAINTEXT_OPERATIONS} call that crossed the network in
 * the clear ({@link crossedNetworkInClear}): plaintext keys and data go
 * only over a TLS API port, or to a peer on a loopback address, whose
 * connection never left the machine (a service mesh sidecar that ends mTLS
 * delivers over loopback; only a mesh that refuses plaintext makes that
 * secure), or to a credential that may act for every account
 * (Strongroom's own services: a KMS without TLS serves them plaintext
 * across the network, which is the deployment's choice; deploy/ gives
 * every API port TLS). AWS KMS serves nothing but HTTPS, and S3 refuses
 * SSE-KMS and SSE-C over HTTP, as storage refuses them to a tenant whose
 * call crossed the network in the clear. ACCESS_DENIED, as the gateway's
 * KMS API answers such a call over HTTP.
 */
export function requireSecureTransportForPlaintext(operation: string, caller: ServiceCredential, transport: CallTransport): void {
  if (!PLAINTEXT_OPERATIONS.has(operation) || caller.accounts === '*' || !crossedNetworkInClear(transport)) return;
  throw new DomainError(
    ErrorReason.ACCESS_DENIED,
    `${operation} carries plaintext or a plaintext data key, so it is served to credential "${caller.name}" only over TLS or a connection that does not leave the machine (loopback); this KMS API port serves no TLS`,
  );
}
