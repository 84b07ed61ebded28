import { createPool } from '@strongroom/db';
import { loadKmsConfig, migrateKms, startKmsService } from '@strongroom/kms';
import type { Logger } from '@strongroom/observability';
import { loadStackCredentials } from './credentials';
import { openStackDatabase } from './database';
import { DEFAULT_ACCOUNT_ID, dataDirectory } from './defaults';
import { loadRootKey } from './root-key';
import { loadStackConfig } from './stack-config';

/** One service of the running stack. */
export interface StackEndpoint {
  readonly name: string;
  readonly address: string;
  readonly healthAddress: string;
}

/** The whole system running in this process. */
export interface RunningStack {
  readonly region: string;
  readonly endpoints: readonly StackEndpoint[];
  readonly database: string;
  readonly dataDir: string;
  readonly tokenPath: string;
  readonly accountId: string;
  /** Stops every service, then the database; safe to call once. */
  stop(): Promise<void>;
}

function hostOf(address: string): string {
  return address.slice(0, address.lastIndexOf(':'));
}

/**
 * Starts every service in one process on loopback: the database (embedded
 * unless DATABASE_URL is set), migrations, then each service. Configuration
 * comes from the environment only; every problem is reported at once.
 */
export async function startStack(env: NodeJS.ProcessEnv, logger: Logger): Promise<RunningStack> {
  const stackConfig = loadStackConfig(env);
  const kmsConfig = loadKmsConfig(env);
  const dataDir = dataDirectory(env);
  const credentials = loadStackCredentials(env, stackConfig.serviceCredentialsFile);
  const rootKey = loadRootKey(env, dataDir, logger);

  const database = await openStackDatabase(stackConfig.databaseUrl, dataDir, stackConfig.postgresPort, logger);
  const pool = createPool({
    connectionString: database.url,
    applicationName: 'strongroom',
    onIdleError: (error) => logger.warn({ err: error }, 'idle database connection lost'),
  });
  try {
    await migrateKms(pool);
    const kms = await startKmsService({
      pool,
      databaseUrl: database.url,
      region: kmsConfig.region,
      rootKey,
      credentials: credentials.registry,
      logger: logger.child({ service: 'kms' }),
      address: kmsConfig.address,
      healthAddress: kmsConfig.healthAddress,
      requestRatePerAccount: kmsConfig.requestRate,
    });
    return {
      region: kmsConfig.region,
      endpoints: [
        { name: 'kms', address: `${hostOf(kmsConfig.address)}:${kms.port}`, healthAddress: `${hostOf(kmsConfig.healthAddress)}:${kms.healthPort}` },
      ],
      database: database.description,
      dataDir,
      tokenPath: credentials.tokenPath,
      accountId: DEFAULT_ACCOUNT_ID,
      async stop() {
        await kms.shutdown();
        await pool.end();
        await database.stop();
      },
    };
  } catch (error) {
    await pool.end();
    await database.stop();
    throw error;
  }
}
