import { ConfigError, type TlsCertificate } from '@strongroom/config';
import { kmsServiceDefinition } from '@strongroom/contracts';
import { systemRandom, type Random } from '@strongroom/crypto';
import { connectionLoss, isDatabaseUnavailable, isSqlState, listen, migrate, UNDEFINED_TABLE, type Pool } from '@strongroom/db';
import { startGrpcServer, type CredentialRegistry, type RunningGrpcServer } from '@strongroom/grpc';
import type { Logger, Secret } from '@strongroom/observability';
import { join } from 'node:path';
import { AuditLog } from './audit-log';
import { CHANGE_CHANNEL, decodeChange } from './change-feed';
import { Envelope } from './envelope';
import { KeyCache } from './key-cache';
import { KeyLifecycle } from './key-lifecycle';
import { otherRootKeyId } from './key-store';
import { Keyring } from './keyring';
import { maintenanceRunner } from './maintenance';
import { RequestQuota } from './request-quota';
import { RootKey, rootKeyId } from './root-key';
import type { KmsDeps } from './kms-call';
import { createKmsService } from './service';

/** The directory of the kms schema's migrations. */
export const KMS_MIGRATIONS = join(__dirname, '..', 'migrations');

/** The full name of the KMS gRPC service. */
export const KMS_SERVICE_NAME = 'strongroom.kms.v1.KeyManagementService';

/** Applies the kms schema's pending migrations. */
export async function migrateKms(pool: Pool): Promise<void> {
  await migrate(pool, { schema: 'kms', directory: KMS_MIGRATIONS });
}

/** Options of {@link startKmsService}. */
export interface KmsServiceOptions {
  readonly pool: Pool;
  /** Where the LISTEN connection goes (the pool's database). */
  readonly databaseUrl: string;
  readonly region: string;
  readonly rootKey: Secret<Uint8Array>;
  readonly credentials: CredentialRegistry;
  readonly logger: Logger;
  /** `host:port` of the API. */
  readonly address: string;
  /** `host:port` of the health endpoint. */
  readonly healthAddress: string;
  /** The API port's certificate chain and key: it serves TLS; plaintext when absent. Health stays plaintext. */
  readonly tls?: TlsCertificate | undefined;
  /** Cryptographic requests per second per account. @default 5500 */
  readonly requestRatePerAccount?: number;
  /** Unwrapped key versions kept in memory. @default 10000 */
  readonly materialCacheSize?: number;
  /** How often rotation and deletion are checked, in ms. @default 60000 */
  readonly maintenanceIntervalMs?: number;
  /** @default the system CSPRNG */
  readonly random?: Random;
  /** @default () => new Date() */
  readonly clock?: () => Date;
}

/** A running KMS service. */
export interface RunningKms extends RunningGrpcServer {
  /** Runs one maintenance pass now (rotation and deletion), as the timer does. */
  maintain(): Promise<{ rotated: number; deleted: number }>;
}

/** The domain objects of a KMS, wired as the server wires them. */
export interface KmsWiring extends KmsDeps {
  readonly cache: KeyCache;
  /** The KMS's copy of the root key, to wipe when it stops. */
  readonly rootKey: RootKey;
}

/**
 * Builds the KMS's domain objects (cache, lifecycle, keyring, envelope,
 * quota) over a pool: what the handlers run on, without gRPC, audit or the
 * change feed. The server and the in-process benchmark both use it.
 */
export function createKmsDeps(
  options: Pick<KmsServiceOptions, 'pool' | 'region' | 'rootKey' | 'requestRatePerAccount' | 'materialCacheSize' | 'random' | 'clock'>,
): KmsWiring {
  const random = options.random ?? systemRandom;
  const clock = options.clock ?? (() => new Date());
  const rootKey = new RootKey(options.rootKey);
  const cache = new KeyCache(options.pool, rootKey, options.materialCacheSize ?? 10_000);
  const lifecycle = new KeyLifecycle({ region: options.region, pool: options.pool, rootKey, cache, random, clock });
  const keyring = new Keyring(options.region, cache, random, (accountId, aliasName) => lifecycle.createManaged(accountId, aliasName));
  return {
    region: options.region,
    pool: options.pool,
    cache,
    rootKey,
    keyring,
    lifecycle,
    envelope: new Envelope(keyring, random),
    quota: new RequestQuota(options.requestRatePerAccount ?? 5500),
    random,
    clock,
  };
}

/**
 * Refuses to start with a root key that is not the one the stored key
 * material is wrapped by: such a KMS would report itself serving and fail
 * every request that needs a key (the SSE-S3 bucket keys included). Before
 * the schema's migration has run (Kubernetes starts the KMS beside its
 * migration Job) there is nothing to compare, and the KMS starts, as every
 * service does, to fail its calls until the Job is done.
 */
async function requireStoredRootKey(pool: Pool, rootKey: Secret<Uint8Array>): Promise<void> {
  const configured = rootKeyId(rootKey);
  let stored: string | undefined;
  try {
    stored = await otherRootKeyId(pool, configured);
  } catch (error) {
    if (isSqlState(error, UNDEFINED_TABLE)) return;
    throw error;
  }
  if (stored !== undefined) {
    throw new ConfigError([
      `the configured root key (fingerprint ${configured}) is not the one this database's KMS keys are wrapped by (fingerprint ${stored}): ` +
        'start with the root key the database was set up with (STRONGROOM_ROOT_KEY, STRONGROOM_ROOT_KEY_FILE, or the generated <data>/root-key), or re-wrap with rotate-root-key',
    ]);
  }
}

/**
 * Starts the KMS: migrations must have run, and the root key must be the one
 * the stored keys are wrapped by. Serves the API and health, listens for key
 * changes from other replicas, and runs maintenance on a timer. `shutdown`
 * stops all of it, waits for a maintenance pass still running, and wipes the cached key material and the KMS's copy of
 * the root key; the pool, and the root key given, stay the caller's.
 */
export async function startKmsService(options: KmsServiceOptions): Promise<RunningKms> {
  await requireStoredRootKey(options.pool, options.rootKey);
  const deps = createKmsDeps(options);
  const { cache, lifecycle, clock, rootKey } = deps;
  const audit = new AuditLog(options.pool, options.logger);
  const forgetKeys = () => {
    cache.close();
    rootKey.wipe();
  };

  const subscription = await listen({
    connectionString: options.databaseUrl,
    channel: CHANGE_CHANNEL,
    onNotify: (payload) => {
      const change = decodeChange(payload);
      if (change) cache.invalidate(change);
    },
    onReconnect: () => cache.clear(),
    onError: (error) => options.logger.warn(connectionLoss(error), 'kms change feed connection lost; retrying'),
  }).catch((error: unknown) => {
    forgetKeys();
    throw error;
  });

  const maintenance = maintenanceRunner({ pool: options.pool, lifecycle, cache, clock, logger: options.logger });
  const maintain = () => maintenance.run();
  const timer = setInterval(() => {
    maintain().catch((error: unknown) => options.logger.error({ err: error }, 'key maintenance failed'));
  }, options.maintenanceIntervalMs ?? 60_000);
  timer.unref();

  try {
    const server = await startGrpcServer({
      name: 'kms',
      address: options.address,
      healthAddress: options.healthAddress,
      tls: options.tls,
      credentials: options.credentials,
      logger: options.logger,
      isUnavailable: isDatabaseUnavailable,
      serviceNames: [KMS_SERVICE_NAME],
      register: (api) => api.add(kmsServiceDefinition, createKmsService(deps, audit)),
    });
    return {
      ...server,
      maintain,
      async shutdown() {
        clearInterval(timer);
        try {
          await server.shutdown();
          await maintenance.settled();
          await audit.drained();
          await subscription.close();
        } finally {
          forgetKeys();
        }
      },
    };
  } catch (error) {
    // A server that could not listen (its address in use): its change feed would otherwise keep reconnecting, and warn, until the process ends.
    clearInterval(timer);
    try {
      await maintenance.settled();
      await subscription.close();
    } finally {
      forgetKeys();
    }
    throw error;
  }
}
