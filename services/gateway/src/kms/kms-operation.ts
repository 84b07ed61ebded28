import type { commonV1, kmsV1 } from '@strongroom/contracts';
import type { Client } from 'nice-grpc';
import type { KmsInput } from './kms-input';
import type { KmsOutput } from './kms-shapes';

/** A generated client of the KMS gRPC service. */
export type KmsClient = Client<typeof kmsV1.KeyManagementServiceDefinition>;

/** What an operation calls the KMS with. */
export interface KmsCall {
  readonly kms: KmsClient;
  /** The principal SigV4 authenticated; the KMS authorizes it. */
  readonly principal: commonV1.Principal;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
}

/**
 * One operation of the KMS JSON API: reads the request's members, calls
 * the KMS gRPC service, and returns the response's members (undefined for
 * the operations AWS answers with an empty body). No business rules: those
 * live in the KMS service.
 */
export type KmsOperation = (input: KmsInput, call: KmsCall) => Promise<KmsOutput | undefined>;
