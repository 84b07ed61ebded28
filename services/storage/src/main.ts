/**
 * The storage service as its own process (Kubernetes): `tsx
 * services/storage/src/main.ts` serves; `... main.ts migrate` applies
 * migrations and exits.
 */
import { exitOnStartFailure, parseEnv, parseSetting, servicesTls, SettingsProblems, text } from '@strongroom/config';
import { createPool, requireMigratedSchema, requireReachableDatabase, runStandaloneMigration } from '@strongroom/db';
import { CredentialRegistry, readCredentialsFile, readServiceToken, tuneHeapForBulkStreams } from '@strongroom/grpc';
import { exitAfterShutdown, launcherLogger, logCrashesThrough, reportCrash } from '@strongroom/observability';
import { resolve } from 'node:path';
import { loadStorageConfig } from './config';
import { migrateStorage, STORAGE_MIGRATIONS, startStorageService } from './server';

const ENDPOINT = { pattern: /^\S+:\d{1,5}$/, hint: 'host:port, e.g. kms:7001' };

const { logger, levelProblem } = launcherLogger('storage');
logCrashesThrough(logger);

/** Every setting of a serving storage service, its files read, before anything starts: every problem in one ConfigError. */
function readServingSettings() {
  const problems = new SettingsProblems(levelProblem);
  const database = problems.read(() => parseEnv(process.env, { databaseUrl: text('DATABASE_URL') }));
  const config = problems.read(() => loadStorageConfig(process.env));
  const settings = problems.read(() =>
    parseEnv(process.env, {
      kmsEndpoint: text('STRONGROOM_KMS_ENDPOINT', { default: '127.0.0.1:7001', ...ENDPOINT }),
      policyEndpoint: text('STRONGROOM_POLICY_ENDPOINT', { default: '127.0.0.1:7002', ...ENDPOINT }),
      dataDir: text('STRONGROOM_DATA_DIR', { default: 'data' }),
      servicesTls: servicesTls(),
    }),
  );
  const credentials = problems.read(() => readCredentialsFile(parseSetting(process.env, text('STRONGROOM_SERVICE_CREDENTIALS_FILE'))));
  const token = problems.read(() => readServiceToken(parseSetting(process.env, text('STRONGROOM_SERVICE_TOKEN_FILE'))));
  if (problems.found || database === undefined || config === undefined || settings === undefined || credentials === undefined || token === undefined) throw problems.error();
  return { databaseUrl: database.databaseUrl, config, settings, credentials, token, tls: config.tls };
}

async function main(): Promise<void> {
  if (process.argv[2] === 'migrate') return runStandaloneMigration({ env: process.env, levelProblem, applicationName: 'storage', migrate: migrateStorage });
  const { databaseUrl, config, settings, credentials, token, tls } = readServingSettings();
  tuneHeapForBulkStreams();
  const pool = createPool({ connectionString: databaseUrl, applicationName: 'storage' });
  await requireReachableDatabase(pool, databaseUrl);
  await requireMigratedSchema(pool, { schema: 'storage', directory: STORAGE_MIGRATIONS, migrateCommand: 'node --import tsx services/storage/src/main.ts migrate' });
  const storage = await startStorageService({
    pool,
    credentials: new CredentialRegistry(credentials),
    logger,
    region: config.region,
    address: config.address,
    healthAddress: config.healthAddress,
    tls,
    legacyBucketDefaults: config.legacyBucketDefaults,
    uploadIdleTimeoutMs: config.uploadIdleTimeoutMs,
    releasedBlobGraceMs: config.releasedBlobGraceMs,
    dataDir: resolve(settings.dataDir),
    kmsEndpoint: settings.kmsEndpoint,
    policyEndpoint: settings.policyEndpoint,
    token,
    servicesTls: settings.servicesTls,
  });
  logger.info({ port: storage.port, healthPort: storage.healthPort, tls: config.tls !== undefined, servicesTls: settings.servicesTls !== undefined, blobs: storage.blobDirectory }, 'storage serving');
  const stop = exitAfterShutdown(logger, () => storage.shutdown().then(() => pool.end()));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => exitOnStartFailure('storage', error, (crash) => reportCrash(logger, 'storage failed to start', crash)));
