import { createConfiguredDirectory, type ServicesTls, type TlsCertificate } from '@strongroom/config';
import { kmsServiceDefinition, policyV1, storageServiceDefinition } from '@strongroom/contracts';
import { systemRandom, type Random } from '@strongroom/crypto';
import { connectionLoss, isDatabaseUnavailable, listen, migrate, type Pool, type Subscription } from '@strongroom/db';
import { createServiceClient, DEPENDENCY_ANSWER_DEADLINE_MS, startGrpcServer, type CredentialRegistry, type RunningGrpcServer } from '@strongroom/grpc';
import type { Logger } from '@strongroom/observability';
import { join } from 'node:path';
import { Authorizer } from './authorizer';
import { BlobStore } from './blob-store';
import { bindBlobVolume } from './blob-volume';
import { BlobSweeper, type SweepResult } from './blob-sweeper';
import { DescriptorBudget, READ_AHEAD_DESCRIPTORS } from './descriptor-budget';
import { ReleasedBlobs } from './released-blobs';
import { BucketCache } from './bucket-cache';
import { BucketKeyring } from './bucket-keyring';
import { CHANGE_CHANNEL } from './change-feed';
import { requireUnicodeDatabase } from './database-encoding';
import { PolicyDirectory } from './policy-directory';
import { createStorageService } from './service';

/** The directory of the storage schema's migrations. */
export const STORAGE_MIGRATIONS = join(__dirname, '..', 'migrations');

/** The full name of the storage gRPC service. */
export const STORAGE_SERVICE_NAME = 'strongroom.storage.v1.StorageService';

/** Applies the storage schema's pending migrations, in a database whose encoding holds every key (else nothing). */
export async function migrateStorage(pool: Pool): Promise<void> {
  await requireUnicodeDatabase(pool);
  await migrate(pool, { schema: 'storage', directory: STORAGE_MIGRATIONS });
}

/** Options of {@link startStorageService}. */
export interface StorageServiceOptions {
  readonly pool: Pool;
  /** The database the change feed listens on (a connection of its own). @default the pool's connection string */
  readonly databaseUrl?: string;
  readonly credentials: CredentialRegistry;
  readonly logger: Logger;
  /** This deployment's region: every bucket's. */
  readonly region: string;
  /** `host:port` of the API. */
  readonly address: string;
  /** `host:port` of the health endpoint. */
  readonly healthAddress: string;
  /** The API port's certificate chain and key: it serves TLS; plaintext when absent. Health stays plaintext. */
  readonly tls?: TlsCertificate | undefined;
  /** Blobs live under `<dataDir>/blobs` (a volume shared by every replica). */
  readonly dataDir: string;
  /** `host:port` of the KMS, which makes and opens bucket keys. */
  readonly kmsEndpoint: string;
  /** `host:port` of the policy service, which authorizes every request. */
  readonly policyEndpoint: string;
  /** This service's token for the KMS and the policy service: its credential must allow service keys and any account. */
  readonly token: string;
  /** How this service verifies the TLS of the services it calls; plaintext when absent. */
  readonly servicesTls?: ServicesTls | undefined;
  /** How long a bucket key wraps new data keys, and stays in memory once opened, in ms. @default 600000 (10 minutes) */
  readonly bucketKeyTtlMs?: number;
  /** Bucket keys, accounts and ownership settings kept in memory, each. @default 10000 */
  readonly cacheSize?: number;
  /** How long a bucket is cached, in ms, should a change notification be lost. @default 5000 */
  readonly bucketTtlMs?: number;
  /** How long a bucket's Object Ownership is cached, in ms. @default 5000 */
  readonly ownershipTtlMs?: number;
  /**
   * How long after a blob lost its last reference its file is deleted, in
   * ms: a read that began before an overwrite or a delete keeps its data
   * (see released-blobs.ts); 0 deletes at once. At most the sweeper's
   * grace period, which would otherwise take the file first. @default 60000
   */
  readonly releasedBlobGraceMs?: number;
  /** Orphan blob files and drafts younger than this are kept, in ms; drafts being written are touched every quarter of it. @default 3600000 (an hour) */
  readonly sweepGraceMs?: number;
  /** How often the sweeper runs, in ms; 0 turns the timer off (`sweep()` still works). @default 600000 */
  readonly sweepIntervalMs?: number;
  /** How long after starting the sweeper first runs, in ms (at most the interval). @default 60000 */
  readonly sweepFirstAfterMs?: number;
  /** New buckets get the defaults before AWS's April 2026 change (SSE-C allowed), as `STRONGROOM_LEGACY_BUCKET_DEFAULTS` says. @default false */
  readonly legacyBucketDefaults?: boolean;
  /**
   * How long an upload stream (PutObject, UploadPart) may send nothing
   * before it fails with REQUEST_TIMEOUT, in ms: longer than the gateway's
   * body timeout, which answers S3 clients first. @default 60000
   */
  readonly uploadIdleTimeoutMs?: number;
  /** @default the system CSPRNG */
  readonly random?: Random;
  /** @default () => new Date() */
  readonly clock?: () => Date;
}

/** A running storage service. */
export interface RunningStorage extends RunningGrpcServer {
  /** Runs one blob sweep now (as the timer does); `graceMs` overrides the grace period. */
  sweep(options?: { graceMs?: number }): Promise<SweepResult>;
  /** Where the blobs are. */
  readonly blobDirectory: string;
}

/**
 * Starts the storage service: migrations must have run. Serves the API and
 * health, sweeps orphan blobs on a timer, and talks to the KMS and the
 * policy service through their clients. `shutdown` stops all of it and
 * closes the channels; the pool stays the caller's.
 */
export async function startStorageService(options: StorageServiceOptions): Promise<RunningStorage> {
  createConfiguredDirectory('STRONGROOM_DATA_DIR', join(options.dataDir, 'blobs'));
  await requireUnicodeDatabase(options.pool);
  const clock = options.clock ?? (() => new Date());
  const now = () => clock().getTime();
  const cacheSize = options.cacheSize ?? 10_000;
  const dependency = { token: options.token, tls: options.servicesTls, answerDeadlineMs: DEPENDENCY_ANSWER_DEADLINE_MS };
  const kms = createServiceClient(kmsServiceDefinition, { address: options.kmsEndpoint, ...dependency });
  const policy = createServiceClient(policyV1.PolicyServiceDefinition, { address: options.policyEndpoint, ...dependency });
  const sweepGraceMs = options.sweepGraceMs ?? 3_600_000;
  // Within the longest interval a timer takes (2^31 - 1 ms): beyond it Node fires every millisecond.
  const blobs = new BlobStore(join(options.dataDir, 'blobs'), { draftTouchMs: sweepGraceMs > 0 ? Math.min(sweepGraceMs / 4, 2 ** 31 - 1) : undefined });
  const keyring = new BucketKeyring({ pool: options.pool, kms: kms.client, ttlMs: options.bucketKeyTtlMs ?? 600_000, cacheSize, now });
  const releasedBlobs = new ReleasedBlobs({ blobs, graceMs: options.releasedBlobGraceMs ?? 60_000, logger: options.logger });
  const sweeper = new BlobSweeper({ pool: options.pool, blobs, logger: options.logger, graceMs: sweepGraceMs, now });
  const closeChannels = () => {
    kms.channel.close();
    policy.channel.close();
  };
  const buckets = new BucketCache({ limit: cacheSize, ttlMs: options.bucketTtlMs ?? 5_000, now });
  const connectionString = options.databaseUrl ?? options.pool.options.connectionString;
  if (connectionString === undefined) {
    closeChannels();
    throw new Error('the storage service needs databaseUrl for its change feed (its pool has no connection string)');
  }
  let subscription: Subscription | undefined;
  try {
    subscription = await listen({
      connectionString,
      channel: CHANGE_CHANNEL,
      onNotify: (name) => buckets.forget(name),
      onReconnect: () => buckets.clear(),
      onError: (error) => options.logger.warn(connectionLoss(error), 'storage change feed connection lost; retrying'),
    });
    await blobs.init();
    await bindBlobVolume(options.pool, blobs);
    const deps = {
      pool: options.pool,
      region: options.region,
      blobs,
      releasedBlobs,
      readAhead: new DescriptorBudget(READ_AHEAD_DESCRIPTORS),
      buckets,
      keyring,
      kms: kms.client,
      policy: policy.client,
      directory: new PolicyDirectory(policy.client, { cacheSize, ownershipTtlMs: options.ownershipTtlMs ?? 5_000, now }),
      authorizer: new Authorizer(policy.client, clock),
      legacyBucketDefaults: options.legacyBucketDefaults ?? false,
      uploadIdleTimeoutMs: options.uploadIdleTimeoutMs ?? 60_000,
      random: options.random ?? systemRandom,
      now: clock,
      logger: options.logger,
    };
    const server = await startGrpcServer({
      name: 'storage',
      address: options.address,
      healthAddress: options.healthAddress,
      tls: options.tls,
      credentials: options.credentials,
      logger: options.logger,
      isUnavailable: isDatabaseUnavailable,
      serviceNames: [STORAGE_SERVICE_NAME],
      register: (api) => api.add(storageServiceDefinition, createStorageService(deps)),
    });
    const interval = options.sweepIntervalMs ?? 600_000;
    if (interval > 0) sweeper.start(interval, Math.min(interval, options.sweepFirstAfterMs ?? 60_000));
    return {
      ...server,
      blobDirectory: blobs.root,
      sweep: (sweepOptions) => sweeper.sweep(sweepOptions),
      async shutdown() {
        await sweeper.stop();
        await server.shutdown();
        releasedBlobs.stop();
        await subscription?.close();
        await blobs.close();
        keyring.clear();
        closeChannels();
      },
    };
  } catch (error) {
    await subscription?.close();
    closeChannels();
    throw error;
  }
}
