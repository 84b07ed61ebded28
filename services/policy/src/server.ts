import type { ServicesTls, TlsCertificate } from '@strongroom/config';
import { kmsServiceDefinition, policyServiceDefinition } from '@strongroom/contracts';
import { systemRandom, type Random } from '@strongroom/crypto';
import { connectionLoss, isDatabaseUnavailable, listen, migrate, type Pool } from '@strongroom/db';
import { createServiceClient, DEPENDENCY_ANSWER_DEADLINE_MS, startGrpcServer, type CredentialRegistry, type RunningGrpcServer } from '@strongroom/grpc';
import type { Logger } from '@strongroom/observability';
import { join } from 'node:path';
import { CHANGE_CHANNEL, decodeChange } from './change-feed';
import { PolicyCache } from './policy-cache';
import { SecretSealer } from './secret-sealer';
import { createPolicyService } from './service';

/** The directory of the policy schema's migrations. */
export const POLICY_MIGRATIONS = join(__dirname, '..', 'migrations');

/** The full name of the policy gRPC service. */
export const POLICY_SERVICE_NAME = 'strongroom.policy.v1.PolicyService';

/** Applies the policy schema's pending migrations. */
export async function migratePolicy(pool: Pool): Promise<void> {
  await migrate(pool, { schema: 'policy', directory: POLICY_MIGRATIONS });
}

/** Options of {@link startPolicyService}. */
export interface PolicyServiceOptions {
  readonly pool: Pool;
  /** Where the LISTEN connection goes (the pool's database). */
  readonly databaseUrl: string;
  readonly credentials: CredentialRegistry;
  readonly logger: Logger;
  /** `host:port` of the API. */
  readonly address: string;
  /** `host:port` of the health endpoint. */
  readonly healthAddress: string;
  /** The API port's certificate chain and key: it serves TLS; plaintext when absent. Health stays plaintext. */
  readonly tls?: TlsCertificate | undefined;
  /** `host:port` of the KMS, which seals access-key secrets. */
  readonly kmsEndpoint: string;
  /** This service's token for the KMS: its credential must allow service keys. */
  readonly kmsToken: string;
  /** How this service verifies the TLS of the services it calls; plaintext when absent. */
  readonly servicesTls?: ServicesTls | undefined;
  /**
   * New buckets start with the pre-2023 defaults (ACLs enabled with
   * ObjectWriter, no Block Public Access) instead of AWS's current ones.
   * @default false
   */
  readonly legacyBucketDefaults?: boolean;
  /** Buckets, accounts, users and access keys kept in memory, each. @default 10000 */
  readonly cacheSize?: number;
  /** @default the system CSPRNG */
  readonly random?: Random;
  /** Milliseconds since the epoch, for the secret cache's expiry and the signing-key dates served. @default Date.now */
  readonly now?: () => number;
}

/**
 * Starts the policy service: migrations must have run. Serves the API and
 * health, and listens for changes from other replicas. `shutdown` stops all
 * of it and closes the KMS channel; the pool stays the caller's.
 */
export async function startPolicyService(options: PolicyServiceOptions): Promise<RunningGrpcServer> {
  const now = options.now ?? Date.now;
  const cache = new PolicyCache(options.pool, options.cacheSize ?? 10_000, now);
  const kms = createServiceClient(kmsServiceDefinition, {
    address: options.kmsEndpoint,
    token: options.kmsToken,
    tls: options.servicesTls,
    answerDeadlineMs: DEPENDENCY_ANSWER_DEADLINE_MS,
  });
  const deps = {
    pool: options.pool,
    cache,
    sealer: new SecretSealer(kms.client),
    legacyBucketDefaults: options.legacyBucketDefaults ?? false,
    random: options.random ?? systemRandom,
    now,
  };

  const subscription = await listen({
    connectionString: options.databaseUrl,
    channel: CHANGE_CHANNEL,
    onNotify: (payload) => {
      const change = decodeChange(payload);
      if (change) cache.invalidate(change);
    },
    onReconnect: () => cache.clear(),
    onError: (error) => options.logger.warn(connectionLoss(error), 'policy change feed connection lost; retrying'),
  });

  try {
    const server = await startGrpcServer({
      name: 'policy',
      address: options.address,
      healthAddress: options.healthAddress,
      tls: options.tls,
      credentials: options.credentials,
      logger: options.logger,
      isUnavailable: isDatabaseUnavailable,
      serviceNames: [POLICY_SERVICE_NAME],
      register: (api) => api.add(policyServiceDefinition, createPolicyService(deps)),
    });
    return {
      ...server,
      async shutdown() {
        await server.shutdown();
        await subscription.close();
        kms.channel.close();
        cache.clear();
      },
    };
  } catch (error) {
    await subscription.close();
    kms.channel.close();
    throw error;
  }
}
