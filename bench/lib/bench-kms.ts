import type { CredentialRegistry, ServiceCredential } from '@strongroom/grpc';
import { migrateKms, startKmsService, type RunningKms } from '@strongroom/kms';
import { Secret, createLogger } from '@strongroom/observability';
import { createTestDatabase, testCredentials, type TestDatabase } from '@strongroom/testing';
import { randomBytes } from 'node:crypto';

/** The region the bench's services serve. */
export const BENCH_REGION = 'us-east-1';

/** Options of {@link startBenchKms}. */
export interface BenchKmsOptions {
  /** The logger's name; the logger writes errors only. */
  readonly name: string;
  /** Cryptographic requests per second per account. @default the KMS's default */
  readonly requestRatePerAccount?: number;
}

/** A fresh database with a KMS on 127.0.0.1:0 over it, and a credential that may act for any account. */
export interface BenchKms {
  readonly kms: RunningKms;
  /** `127.0.0.1:<port>` of the KMS API. */
  readonly address: string;
  readonly database: TestDatabase;
  readonly rootKey: Secret<Uint8Array>;
  /** The bearer token of the credential. */
  readonly token: string;
  /** The registry that resolves it, for other services on the same database. */
  readonly credentials: CredentialRegistry;
  /** The credential, as a server resolves `token`. */
  readonly caller: ServiceCredential;
  /** Stops the KMS (waiting for the audit trail) and drops the database. */
  close(): Promise<void>;
}

/**
 * Starts the KMS the way its service tests do, on a fresh database (KMS
 * schema migrated) of the server `DATABASE_URL` names, with a random root
 * key and a test credential.
 */
export async function startBenchKms(options: BenchKmsOptions): Promise<BenchKms> {
  const database = await createTestDatabase();
  try {
    await migrateKms(database.pool);
    const { token, registry } = testCredentials();
    const caller = registry.resolve(token);
    if (caller === undefined) throw new Error('the test credential does not resolve');
    const rootKey = new Secret(new Uint8Array(randomBytes(32)));
    const kms = await startKmsService({
      pool: database.pool,
      databaseUrl: database.url,
      region: BENCH_REGION,
      rootKey,
      credentials: registry,
      logger: createLogger({ name: options.name, level: 'error' }),
      address: '127.0.0.1:0',
      healthAddress: '127.0.0.1:0',
      requestRatePerAccount: options.requestRatePerAccount,
    });
    return {
      kms,
      address: `127.0.0.1:${kms.port}`,
      database,
      rootKey,
      token,
      credentials: registry,
      caller,
      async close() {
        await kms.shutdown();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
