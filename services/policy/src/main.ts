/**
 * The policy service as its own process (Kubernetes): `tsx
 * services/policy/src/main.ts` serves; `... main.ts migrate` applies
 * migrations and exits.
 */
import { exitOnStartFailure, parseEnv, parseSetting, servicesTls, SettingsProblems, text } from '@strongroom/config';
import { createPool, requireMigratedSchema, requireReachableDatabase, runStandaloneMigration } from '@strongroom/db';
import { CredentialRegistry, readCredentialsFile, readServiceToken } from '@strongroom/grpc';
import { exitAfterShutdown, launcherLogger, logCrashesThrough, reportCrash } from '@strongroom/observability';
import { loadPolicyConfig } from './config';
import { migratePolicy, POLICY_MIGRATIONS, startPolicyService } from './server';

/** The KMS address when STRONGROOM_KMS_ENDPOINT is unset: the KMS's own default listen address. */
const DEFAULT_KMS_ENDPOINT = '127.0.0.1:7001';

const { logger, levelProblem } = launcherLogger('policy');
logCrashesThrough(logger);

/** Every setting of a serving policy service, its files read, before anything starts: every problem in one ConfigError. */
function readServingSettings() {
  const problems = new SettingsProblems(levelProblem);
  const database = problems.read(() => parseEnv(process.env, { databaseUrl: text('DATABASE_URL') }));
  const config = problems.read(() => loadPolicyConfig(process.env));
  const settings = problems.read(() =>
    parseEnv(process.env, {
      kmsEndpoint: text('STRONGROOM_KMS_ENDPOINT', { default: DEFAULT_KMS_ENDPOINT, pattern: /^\S+:\d{1,5}$/, hint: 'host:port, e.g. kms:7001' }),
      servicesTls: servicesTls(),
    }),
  );
  const credentials = problems.read(() => readCredentialsFile(parseSetting(process.env, text('STRONGROOM_SERVICE_CREDENTIALS_FILE'))));
  const kmsToken = problems.read(() => readServiceToken(parseSetting(process.env, text('STRONGROOM_SERVICE_TOKEN_FILE'))));
  if (problems.found || database === undefined || config === undefined || settings === undefined || credentials === undefined || kmsToken === undefined) throw problems.error();
  return { databaseUrl: database.databaseUrl, config, settings, credentials, kmsToken, tls: config.tls };
}

async function main(): Promise<void> {
  if (process.argv[2] === 'migrate') return runStandaloneMigration({ env: process.env, levelProblem, applicationName: 'policy', migrate: migratePolicy });
  const { databaseUrl, config, settings, credentials, kmsToken, tls } = readServingSettings();
  const pool = createPool({ connectionString: databaseUrl, applicationName: 'policy' });
  await requireReachableDatabase(pool, databaseUrl);
  await requireMigratedSchema(pool, { schema: 'policy', directory: POLICY_MIGRATIONS, migrateCommand: 'node --import tsx services/policy/src/main.ts migrate' });
  const policy = await startPolicyService({
    pool,
    databaseUrl,
    credentials: new CredentialRegistry(credentials),
    logger,
    address: config.address,
    healthAddress: config.healthAddress,
    tls,
    kmsEndpoint: settings.kmsEndpoint,
    kmsToken,
    servicesTls: settings.servicesTls,
    legacyBucketDefaults: config.legacyBucketDefaults,
  });
  logger.info({ port: policy.port, healthPort: policy.healthPort, tls: config.tls !== undefined, kmsEndpoint: settings.kmsEndpoint, servicesTls: settings.servicesTls !== undefined }, 'policy serving');
  const stop = exitAfterShutdown(logger, () => policy.shutdown().then(() => pool.end()));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => exitOnStartFailure('policy', error, (crash) => reportCrash(logger, 'policy failed to start', crash)));
