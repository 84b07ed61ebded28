import { commonV1, kmsV1 } from '@strongroom/contracts';
import type { Random } from '@strongroom/crypto';
import { createServiceClient } from '@strongroom/grpc';
import { Secret, createLogger } from '@strongroom/observability';
import { createTestDatabase, testCredentials, type TestDatabase } from '@strongroom/testing';
import { randomBytes } from 'node:crypto';
import type { Channel, Client } from 'nice-grpc';
import { migrateKms, startKmsService, type RunningKms } from '../src';

/** A KMS on 127.0.0.1:0 over its own database, with a client authenticated as a credential that may assert any account. */
export interface KmsHarness {
  readonly kms: RunningKms;
  readonly client: Client<typeof kmsV1.KeyManagementServiceDefinition>;
  readonly database: TestDatabase;
  readonly token: string;
  readonly rootKey: Secret<Uint8Array>;
  /** A client whose credential may assert only `accounts`. */
  clientFor(token: string): Client<typeof kmsV1.KeyManagementServiceDefinition>;
  close(): Promise<void>;
}

/** Options of {@link startKmsHarness}. */
export interface KmsHarnessOptions {
  readonly requestRatePerAccount?: number;
  readonly clock?: () => Date;
  readonly random?: Random;
  readonly extraCredentials?: { name: string; token: string; accounts: '*' | string[]; serviceKeys: boolean }[];
}

export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';

/** The account root principal of an account. */
export function root(accountId: string): commonV1.Principal {
  return { accountId, arn: `arn:aws:iam::${accountId}:root` };
}

export async function startKmsHarness(options: KmsHarnessOptions = {}): Promise<KmsHarness> {
  const database = await createTestDatabase();
  await migrateKms(database.pool);
  const { token, registry } = testCredentials({}, options.extraCredentials ?? []);
  const rootKey = new Secret(new Uint8Array(randomBytes(32)));
  const kms = await startKmsService({
    pool: database.pool,
    databaseUrl: database.url,
    region: 'us-east-1',
    rootKey,
    credentials: registry,
    logger: createLogger({ name: 'kms-test', level: 'silent' }),
    address: '127.0.0.1:0',
    healthAddress: '127.0.0.1:0',
    ...(options.requestRatePerAccount === undefined ? {} : { requestRatePerAccount: options.requestRatePerAccount }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.random === undefined ? {} : { random: options.random }),
  });
  const channels: Channel[] = [];
  const clientFor = (callerToken: string) => {
    const { client, channel } = createServiceClient(kmsV1.KeyManagementServiceDefinition, { address: `127.0.0.1:${kms.port}`, token: callerToken });
    channels.push(channel);
    return client;
  };
  const client = clientFor(token);
  return {
    kms,
    client,
    database,
    token,
    rootKey,
    clientFor,
    async close() {
      for (const channel of channels) channel.close();
      await kms.shutdown();
      await database.drop();
    },
  };
}
