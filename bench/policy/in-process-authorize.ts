import { kmsV1, type policyV1 } from '@strongroom/contracts';
import { systemRandom } from '@strongroom/crypto';
import { createServiceClient } from '@strongroom/grpc';
import { authorize } from '../../services/policy/src/handlers/authorize';
import type { PolicyDeps } from '../../services/policy/src/policy-call';
import { PolicyCache } from '../../services/policy/src/policy-cache';
import { SecretSealer } from '../../services/policy/src/secret-sealer';
import type { BenchKms } from '../lib/bench-kms';

/** The policy service's default cache size (`PolicyServiceOptions.cacheSize`). */
const CACHE_SIZE = 10_000;

/** The Authorize handler, called in this process without gRPC. */
export interface InProcessAuthorize {
  authorize(): Promise<unknown>;
  /** Closes the KMS channel the wiring holds (Authorize never uses it). */
  close(): void;
}

/**
 * Calls the policy service's own Authorize handler (bucket, principal and
 * account lookups through the cache, the decision) with the wiring
 * `startPolicyService` builds, over the same database: what a call costs
 * without gRPC and authentication. A cache of its own, warmed by the first
 * calls; kept fresh by no change feed, which the bench does not need since
 * nothing changes while it measures.
 */
export function createInProcessAuthorize(kms: BenchKms, request: policyV1.AuthorizeRequest): InProcessAuthorize {
  const kmsClient = createServiceClient(kmsV1.KeyManagementServiceDefinition, { address: kms.address, token: kms.token });
  const deps: PolicyDeps = {
    pool: kms.database.pool,
    cache: new PolicyCache(kms.database.pool, CACHE_SIZE, Date.now),
    sealer: new SecretSealer(kmsClient.client),
    legacyBucketDefaults: false,
    random: systemRandom,
    now: Date.now,
  };
  return {
    authorize: () => authorize(deps, request, kms.caller),
    close: () => kmsClient.channel.close(),
  };
}
