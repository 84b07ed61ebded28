/**
 * The KMS as its own process (Kubernetes): `tsx services/kms/src/main.ts`
 * serves; `... main.ts migrate` applies migrations and exits.
 */
import { ConfigError, exitOnStartFailure, parseEnv, parseSetting, SettingsProblems, text } from '@strongroom/config';
import { createPool, requireMigratedSchema, requireReachableDatabase, runStandaloneMigration, type Pool } from '@strongroom/db';
import { CredentialRegistry, readCredentialsFile } from '@strongroom/grpc';
import { exitAfterShutdown, launcherLogger, logCrashesThrough, reportCrash, type Secret } from '@strongroom/observability';
import { loadKmsConfig, type KmsConfig } from './config';
import { configuredRootKey } from './root-key';
import { migrateKms, KMS_MIGRATIONS, startKmsService } from './server';

const { logger, levelProblem } = launcherLogger('kms');
logCrashesThrough(logger);

/** The root key the settings give; a ConfigError when they give none. */
function requiredRootKey(config: KmsConfig): Secret<Uint8Array> {
  const rootKey = configuredRootKey(config);
  if (rootKey === undefined) throw new ConfigError(['STRONGROOM_ROOT_KEY, STRONGROOM_ROOT_KEY_FILE: set one of them']);
  return rootKey;
}

/** The bytes of a root key set to zero: this process's copy, once the KMS holds its own or will not start. */
function wipe(rootKey: Secret<Uint8Array> | undefined): void {
  rootKey?.reveal().fill(0);
}

/**
 * Every setting of a serving KMS, its files read, before anything starts:
 * every problem in one ConfigError, the root key wiped when another
 * setting is refused.
 */
function readServingSettings() {
  const problems = new SettingsProblems(levelProblem);
  const database = problems.read(() => parseEnv(process.env, { databaseUrl: text('DATABASE_URL') }));
  const config = problems.read(() => loadKmsConfig(process.env));
  const credentials = problems.read(() => readCredentialsFile(parseSetting(process.env, text('STRONGROOM_SERVICE_CREDENTIALS_FILE'))));
  const rootKey = config === undefined ? undefined : problems.read(() => requiredRootKey(config));
  if (problems.found || database === undefined || config === undefined || credentials === undefined || rootKey === undefined) {
    wipe(rootKey);
    throw problems.error();
  }
  return { databaseUrl: database.databaseUrl, config, credentials, rootKey, tls: config.tls };
}

/** Reaches the database and starts the KMS; this copy of the root key is wiped whether it starts or not (the KMS keeps a copy of its own, wiped when it stops). */
async function startServing(settings: ReturnType<typeof readServingSettings>, pool: Pool) {
  const { databaseUrl, config, rootKey, credentials, tls } = settings;
  try {
    await requireReachableDatabase(pool, databaseUrl);
    await requireMigratedSchema(pool, { schema: 'kms', directory: KMS_MIGRATIONS, migrateCommand: 'node --import tsx services/kms/src/main.ts migrate' });
    return await startKmsService({
      pool,
      databaseUrl,
      region: config.region,
      rootKey,
      credentials: new CredentialRegistry(credentials),
      logger,
      address: config.address,
      healthAddress: config.healthAddress,
      tls,
      requestRatePerAccount: config.requestRate,
    });
  } finally {
    wipe(rootKey);
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === 'migrate') return runStandaloneMigration({ env: process.env, levelProblem, applicationName: 'kms', migrate: migrateKms });
  const settings = readServingSettings();
  const pool = createPool({ connectionString: settings.databaseUrl, applicationName: 'kms' });
  const kms = await startServing(settings, pool);
  logger.info({ port: kms.port, healthPort: kms.healthPort, tls: settings.config.tls !== undefined }, 'kms serving');
  const stop = exitAfterShutdown(logger, () => kms.shutdown().then(() => pool.end()));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => exitOnStartFailure('kms', error, (crash) => reportCrash(logger, 'kms failed to start', crash)));
