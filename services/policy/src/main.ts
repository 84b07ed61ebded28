/**
 * The policy service as its own process (Kubernetes): `tsx
 * services/policy/src/main.ts` serves; `... main.ts migrate` applies
 * migrations and exits.
 */
import { ConfigError, exitOnStartFailure, parseEnv, readTlsFiles, servicesTls, text } from '@strongroom/config';
import { createPool, requireReachableDatabase } from '@strongroom/db';
import { CredentialRegistry, readCredentialsFile, readServiceToken } from '@strongroom/grpc';
import { launcherLogger, logCrashesThrough, reportCrash } from '@strongroom/observability';
import { loadPolicyConfig } from './config';
import { migratePolicy, startPolicyService } from './server';

/** The KMS address when STRONGROOM_KMS_ENDPOINT is unset: the KMS's own default listen address. */
const DEFAULT_KMS_ENDPOINT = '127.0.0.1:7001';

const { logger, levelProblem } = launcherLogger('policy');
logCrashesThrough(logger);

async function main(): Promise<void> {
  if (levelProblem !== undefined) throw new ConfigError([levelProblem]);
  const { databaseUrl } = parseEnv(process.env, { databaseUrl: text('DATABASE_URL') });
  const pool = createPool({ connectionString: databaseUrl, applicationName: 'policy' });
  await requireReachableDatabase(pool, databaseUrl);
  if (process.argv[2] === 'migrate') {
    await migratePolicy(pool);
    await pool.end();
    return;
  }
  const config = loadPolicyConfig(process.env);
  const settings = parseEnv(process.env, {
    credentialsFile: text('STRONGROOM_SERVICE_CREDENTIALS_FILE'),
    kmsEndpoint: text('STRONGROOM_KMS_ENDPOINT', { default: DEFAULT_KMS_ENDPOINT, pattern: /^\S+:\d{1,5}$/, hint: 'host:port, e.g. kms:7001' }),
    tokenFile: text('STRONGROOM_SERVICE_TOKEN_FILE'),
    servicesTls: servicesTls(),
  });
  const policy = await startPolicyService({
    pool,
    databaseUrl,
    credentials: new CredentialRegistry(readCredentialsFile(settings.credentialsFile)),
    logger,
    address: config.address,
    healthAddress: config.healthAddress,
    tls: readTlsFiles(config.tls),
    kmsEndpoint: settings.kmsEndpoint,
    kmsToken: readServiceToken(settings.tokenFile),
    servicesTls: settings.servicesTls,
    legacyBucketDefaults: config.legacyBucketDefaults,
  });
  logger.info({ port: policy.port, healthPort: policy.healthPort, tls: config.tls !== undefined, kmsEndpoint: settings.kmsEndpoint, servicesTls: settings.servicesTls !== undefined }, 'policy serving');
  const stop = () => {
    policy.shutdown().then(() => pool.end()).then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => exitOnStartFailure('policy', error, (crash) => reportCrash(logger, 'policy failed to start', crash)));
