/**
 * The KMS as its own process (Kubernetes): `tsx services/kms/src/main.ts`
 * serves; `... main.ts migrate` applies migrations and exits.
 */
import { ConfigError, exitOnStartFailure, parseEnv, readTlsFiles, text } from '@strongroom/config';
import { createPool, requireReachableDatabase } from '@strongroom/db';
import { CredentialRegistry, readCredentialsFile } from '@strongroom/grpc';
import { launcherLogger, logCrashesThrough, reportCrash } from '@strongroom/observability';
import { loadKmsConfig } from './config';
import { configuredRootKey } from './root-key';
import { migrateKms, startKmsService } from './server';

const { logger, levelProblem } = launcherLogger('kms');
logCrashesThrough(logger);

async function main(): Promise<void> {
  if (levelProblem !== undefined) throw new ConfigError([levelProblem]);
  const { databaseUrl } = parseEnv(process.env, { databaseUrl: text('DATABASE_URL') });
  const pool = createPool({ connectionString: databaseUrl, applicationName: 'kms' });
  await requireReachableDatabase(pool, databaseUrl);
  if (process.argv[2] === 'migrate') {
    await migrateKms(pool);
    await pool.end();
    return;
  }
  const config = loadKmsConfig(process.env);
  const { credentialsFile } = parseEnv(process.env, { credentialsFile: text('STRONGROOM_SERVICE_CREDENTIALS_FILE') });
  // The KMS keeps a copy of its own, wiped when it stops; this one is wiped once it has started (or failed to).
  const rootKey = configuredRootKey(config);
  if (rootKey === undefined) throw new ConfigError(['STRONGROOM_ROOT_KEY, STRONGROOM_ROOT_KEY_FILE: set one of them']);
  const kms = await startKmsService({
    pool,
    databaseUrl,
    region: config.region,
    rootKey,
    credentials: new CredentialRegistry(readCredentialsFile(credentialsFile)),
    logger,
    address: config.address,
    healthAddress: config.healthAddress,
    tls: readTlsFiles(config.tls),
    requestRatePerAccount: config.requestRate,
  }).finally(() => rootKey.reveal().fill(0));
  logger.info({ port: kms.port, healthPort: kms.healthPort, tls: config.tls !== undefined }, 'kms serving');
  const stop = () => {
    kms.shutdown().then(() => pool.end()).then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => exitOnStartFailure('kms', error, (crash) => reportCrash(logger, 'kms failed to start', crash)));
