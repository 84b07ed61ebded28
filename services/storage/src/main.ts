/**
 * The storage service as its own process (Kubernetes): `tsx
 * services/storage/src/main.ts` serves; `... main.ts migrate` applies
 * migrations and exits.
 */
import { ConfigError, exitOnStartFailure, parseEnv, readTlsFiles, servicesTls, text } from '@strongroom/config';
import { createPool, requireReachableDatabase } from '@strongroom/db';
import { CredentialRegistry, readCredentialsFile, readServiceToken, tuneHeapForBulkStreams } from '@strongroom/grpc';
import { launcherLogger, logCrashesThrough, reportCrash } from '@strongroom/observability';
import { resolve } from 'node:path';
import { loadStorageConfig } from './config';
import { migrateStorage, startStorageService } from './server';

const ENDPOINT = { pattern: /^\S+:\d{1,5}$/, hint: 'host:port, e.g. kms:7001' };

const { logger, levelProblem } = launcherLogger('storage');
logCrashesThrough(logger);

async function main(): Promise<void> {
  if (levelProblem !== undefined) throw new ConfigError([levelProblem]);
  tuneHeapForBulkStreams();
  const { databaseUrl } = parseEnv(process.env, { databaseUrl: text('DATABASE_URL') });
  const pool = createPool({ connectionString: databaseUrl, applicationName: 'storage' });
  await requireReachableDatabase(pool, databaseUrl);
  if (process.argv[2] === 'migrate') {
    await migrateStorage(pool);
    await pool.end();
    return;
  }
  const config = loadStorageConfig(process.env);
  const settings = parseEnv(process.env, {
    credentialsFile: text('STRONGROOM_SERVICE_CREDENTIALS_FILE'),
    kmsEndpoint: text('STRONGROOM_KMS_ENDPOINT', { default: '127.0.0.1:7001', ...ENDPOINT }),
    policyEndpoint: text('STRONGROOM_POLICY_ENDPOINT', { default: '127.0.0.1:7002', ...ENDPOINT }),
    tokenFile: text('STRONGROOM_SERVICE_TOKEN_FILE'),
    dataDir: text('STRONGROOM_DATA_DIR', { default: 'data' }),
    servicesTls: servicesTls(),
  });
  const storage = await startStorageService({
    pool,
    credentials: new CredentialRegistry(readCredentialsFile(settings.credentialsFile)),
    logger,
    region: config.region,
    address: config.address,
    healthAddress: config.healthAddress,
    tls: readTlsFiles(config.tls),
    legacyBucketDefaults: config.legacyBucketDefaults,
    uploadIdleTimeoutMs: config.uploadIdleTimeoutMs,
    releasedBlobGraceMs: config.releasedBlobGraceMs,
    dataDir: resolve(settings.dataDir),
    kmsEndpoint: settings.kmsEndpoint,
    policyEndpoint: settings.policyEndpoint,
    token: readServiceToken(settings.tokenFile),
    servicesTls: settings.servicesTls,
  });
  logger.info({ port: storage.port, healthPort: storage.healthPort, tls: config.tls !== undefined, servicesTls: settings.servicesTls !== undefined, blobs: storage.blobDirectory }, 'storage serving');
  const stop = () => {
    storage.shutdown().then(() => pool.end()).then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => exitOnStartFailure('storage', error, (crash) => reportCrash(logger, 'storage failed to start', crash)));
