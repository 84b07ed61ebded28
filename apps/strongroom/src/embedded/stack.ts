import { createConfiguredDirectory } from '@strongroom/config';
import { closePool, connectionLoss, createPool, requireReachableDatabase } from '@strongroom/db';
import { migrateKms, startKmsService } from '@strongroom/kms';
import type { Logger } from '@strongroom/observability';
import { migratePolicy, startPolicyService } from '@strongroom/policy';
import { migrateStorage, startStorageService } from '@strongroom/storage';
import { bootstrapDefaultAccount, type RootAccessKey } from './bootstrap';
import { loadStackCredentials } from './credentials';
import { openStackDatabase } from './database';
import type { S3Endpoints } from './gateway';
import { startGatewayThread } from './gateway-thread';
import { DEFAULT_ACCOUNT_ID } from './defaults';
import { generatedRootKey } from './root-key';
import { readStackSettings, type StackSettings } from './stack-settings';

/** One service of the running stack. */
export interface StackEndpoint {
  readonly name: string;
  readonly address: string;
  readonly healthAddress: string;
  /** True when its API port serves TLS (the health port never does). */
  readonly tls: boolean;
}

/** The whole system running in this process. */
export interface RunningStack {
  readonly region: string;
  readonly endpoints: readonly StackEndpoint[];
  readonly database: string;
  readonly dataDir: string;
  /** Where the storage service keeps sealed object data. */
  readonly blobDirectory: string;
  readonly tokenPath: string;
  /** The S3 endpoints of the gateway. */
  readonly s3: S3Endpoints;
  readonly accountId: string;
  /** The default account's root access key (with its secret only on the start that generated it). */
  readonly rootAccessKey: RootAccessKey;
  /** Stops every service, then the database; safe to call once. */
  stop(): Promise<void>;
}

/**
 * The host the stack's own clients dial for a listen address: its own, but
 * loopback for a wildcard (0.0.0.0, [::]), which names no host a TLS
 * certificate could name; a certificate then names 127.0.0.1 or ::1.
 */
function hostOf(address: string): string {
  const host = address.slice(0, address.lastIndexOf(':'));
  if (host === '0.0.0.0') return '127.0.0.1';
  return host === '[::]' ? '[::1]' : host;
}

/**
 * Starts every service in one process on loopback: the database (embedded
 * unless DATABASE_URL is set), migrations, then each service, the gateway
 * on a thread of its own (`onGatewayCrash` hears if that thread dies).
 * Configuration comes from the environment only; every problem is reported
 * at once.
 */
export async function startStack(env: NodeJS.ProcessEnv, logger: Logger, onGatewayCrash: (error: Error) => void): Promise<RunningStack> {
  const settings = readStackSettings(env);
  try {
    return await startStackWith(env, settings, logger, onGatewayCrash);
  } finally {
    // The KMS keeps a copy of its own, wiped when it stops: the configured key is wiped whether the stack started or not.
    settings.rootKey?.reveal().fill(0);
  }
}

/** {@link startStack} once its settings are read. */
async function startStackWith(env: NodeJS.ProcessEnv, settings: StackSettings, logger: Logger, onGatewayCrash: (error: Error) => void): Promise<RunningStack> {
  const { stack: stackConfig, kms: kmsConfig, policy: policyConfig, storage: storageConfig, dataDir } = settings;
  createConfiguredDirectory('STRONGROOM_DATA_DIR', dataDir);
  const credentials = loadStackCredentials(env, settings.extraCredentials);

  const database = await openStackDatabase(stackConfig.databaseUrl, dataDir, stackConfig.postgresPort, logger);
  const pool = createPool({
    connectionString: database.url,
    applicationName: 'strongroom',
    onIdleError: (error) => logger.warn(connectionLoss(error), 'idle database connection lost'),
  });
  const started: { shutdown(): Promise<void> }[] = [];
  const stopServices = async () => {
    for (const service of [...started].reverse()) await service.shutdown();
  };
  try {
    await requireReachableDatabase(pool, database.url);
    // Storage's first: it refuses a database whose encoding cannot hold its keys before any schema is made in it.
    await migrateStorage(pool);
    await migrateKms(pool);
    await migratePolicy(pool);
    // The generated key is read (or made) only now, and wiped once the KMS, which keeps a copy of its own, has started or failed to.
    const rootKey = settings.rootKey ?? generatedRootKey(dataDir, logger);
    const kms = await startKmsService({
      pool,
      databaseUrl: database.url,
      region: kmsConfig.region,
      rootKey,
      credentials: credentials.registry,
      logger: logger.child({ service: 'kms' }),
      address: kmsConfig.address,
      healthAddress: kmsConfig.healthAddress,
      tls: kmsConfig.tls,
      requestRatePerAccount: kmsConfig.requestRate,
    }).finally(() => rootKey.reveal().fill(0));
    started.push(kms);
    const kmsAddress = `${hostOf(kmsConfig.address)}:${kms.port}`;
    const policy = await startPolicyService({
      pool,
      databaseUrl: database.url,
      credentials: credentials.registry,
      logger: logger.child({ service: 'policy' }),
      address: policyConfig.address,
      healthAddress: policyConfig.healthAddress,
      kmsEndpoint: kmsAddress,
      kmsToken: credentials.token,
      servicesTls: stackConfig.servicesTls,
      tls: policyConfig.tls,
      legacyBucketDefaults: policyConfig.legacyBucketDefaults,
    });
    started.push(policy);
    const policyAddress = `${hostOf(policyConfig.address)}:${policy.port}`;
    const storage = await startStorageService({
      pool,
      credentials: credentials.registry,
      logger: logger.child({ service: 'storage' }),
      region: storageConfig.region,
      address: storageConfig.address,
      healthAddress: storageConfig.healthAddress,
      legacyBucketDefaults: storageConfig.legacyBucketDefaults,
      uploadIdleTimeoutMs: storageConfig.uploadIdleTimeoutMs,
      releasedBlobGraceMs: storageConfig.releasedBlobGraceMs,
      dataDir,
      kmsEndpoint: kmsAddress,
      policyEndpoint: policyAddress,
      token: credentials.token,
      servicesTls: stackConfig.servicesTls,
      tls: storageConfig.tls,
    });
    started.push(storage);
    const gateway = await startGatewayThread(
      { storageAddress: `${hostOf(storageConfig.address)}:${storage.port}`, policyAddress, kmsAddress, token: credentials.token, dataDir },
      env,
      onGatewayCrash,
    );
    started.push(gateway);
    const rootAccessKey = await bootstrapDefaultAccount({
      policyAddress,
      token: credentials.token,
      servicesTls: stackConfig.servicesTls,
      accountId: DEFAULT_ACCOUNT_ID,
      ...(stackConfig.rootAccessKeyId === undefined || stackConfig.rootSecretAccessKey === undefined
        ? {}
        : { provisioned: { accessKeyId: stackConfig.rootAccessKeyId, secretAccessKey: stackConfig.rootSecretAccessKey } }),
    });
    return {
      region: kmsConfig.region,
      endpoints: [
        { name: 'kms', address: kmsAddress, healthAddress: `${hostOf(kmsConfig.healthAddress)}:${kms.healthPort}`, tls: kmsConfig.tls !== undefined },
        {
          name: 'policy',
          address: policyAddress,
          healthAddress: `${hostOf(policyConfig.healthAddress)}:${policy.healthPort}`,
          tls: policyConfig.tls !== undefined,
        },
        {
          name: 'storage',
          address: `${hostOf(storageConfig.address)}:${storage.port}`,
          healthAddress: `${hostOf(storageConfig.healthAddress)}:${storage.healthPort}`,
          tls: storageConfig.tls !== undefined,
        },
      ],
      database: database.description,
      dataDir,
      blobDirectory: storage.blobDirectory,
      tokenPath: credentials.tokenPath,
      s3: gateway.endpoints,
      accountId: DEFAULT_ACCOUNT_ID,
      rootAccessKey,
      async stop() {
        await stopServices();
        await closePool(pool);
        await database.stop();
      },
    };
  } catch (error) {
    await stopServices();
    await closePool(pool);
    await database.stop();
    throw error;
  }
}
