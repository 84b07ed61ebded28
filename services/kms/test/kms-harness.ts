import { commonV1, kmsV1 } from '@strongroom/contracts';
import type { Random } from '@strongroom/crypto';
import { createServiceClient, type CredentialRegistry } from '@strongroom/grpc';
import { Secret, createLogger } from '@strongroom/observability';
import { createTestDatabase, testCredentials, type TestCertificate, type TestDatabase } from '@strongroom/testing';
import { randomBytes } from 'node:crypto';
import type { Channel, Client } from 'nice-grpc';
import { migrateKms, startKmsService, type RunningKms } from '../src';

/** A generated KMS client. */
export type KmsClient = Client<typeof kmsV1.KeyManagementServiceDefinition>;

/** A second KMS server on the harness's database (another replica), with a client of the harness's credential. */
export interface KmsReplica {
  readonly kms: RunningKms;
  readonly client: KmsClient;
  close(): Promise<void>;
}

/** A KMS on 127.0.0.1:0 (or `address`) over its own database, with a client authenticated as a credential that may assert any account. */
export interface KmsHarness {
  readonly kms: RunningKms;
  readonly client: KmsClient;
  readonly database: TestDatabase;
  readonly token: string;
  readonly rootKey: Secret<Uint8Array>;
  /** The credentials the server accepts: the harness's own plus `extraCredentials`. */
  readonly registry: CredentialRegistry;
  /** A client whose credential may assert only `accounts`. */
  clientFor(token: string): KmsClient;
  /** A client of `token` that calls the KMS at `host` (a server listening beyond loopback). */
  clientTo(host: string, token: string): KmsClient;
  /** Starts another KMS on the same database (by default with the same root key); the caller closes it. */
  startReplica(options?: { rootKey?: Secret<Uint8Array> }): Promise<KmsReplica>;
  close(): Promise<void>;
}

/** Options of {@link startKmsHarness}. */
export interface KmsHarnessOptions {
  readonly requestRatePerAccount?: number;
  readonly clock?: () => Date;
  readonly random?: Random;
  readonly extraCredentials?: { name: string; token: string; accounts: '*' | string[]; serviceKeys: boolean }[];
  /** Where the KMS listens. @default 127.0.0.1:0 */
  readonly address?: string;
  /** The API port serves TLS with this certificate, and the harness's clients trust it. @default plaintext */
  readonly tls?: TestCertificate;
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
  const start = (serverRootKey: Secret<Uint8Array>) =>
    startKmsService({
      pool: database.pool,
      databaseUrl: database.url,
      region: 'us-east-1',
      rootKey: serverRootKey,
      credentials: registry,
      logger: createLogger({ name: 'kms-test', level: 'silent' }),
      address: options.address ?? '127.0.0.1:0',
      healthAddress: '127.0.0.1:0',
      tls: options.tls,
      ...(options.requestRatePerAccount === undefined ? {} : { requestRatePerAccount: options.requestRatePerAccount }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.random === undefined ? {} : { random: options.random }),
    });
  const kms = await start(rootKey);
  const channels: Channel[] = [];
  const clientTls = options.tls === undefined ? undefined : { ca: Buffer.from(options.tls.cert) };
  const connect = (port: number, callerToken: string, host = '127.0.0.1') => {
    const { client, channel } = createServiceClient(kmsV1.KeyManagementServiceDefinition, { address: `${host}:${port}`, token: callerToken, tls: clientTls });
    channels.push(channel);
    return client;
  };
  const clientFor = (callerToken: string) => connect(kms.port, callerToken);
  const client = clientFor(token);
  return {
    kms,
    client,
    database,
    token,
    rootKey,
    registry,
    clientFor,
    clientTo: (host, callerToken) => connect(kms.port, callerToken, host),
    async startReplica(replicaOptions = {}) {
      const replica = await start(replicaOptions.rootKey ?? rootKey);
      const { client: replicaClient, channel } = createServiceClient(kmsV1.KeyManagementServiceDefinition, {
        address: `127.0.0.1:${replica.port}`,
        token,
        tls: clientTls,
      });
      return {
        kms: replica,
        client: replicaClient,
        async close() {
          channel.close();
          await replica.shutdown();
        },
      };
    },
    async close() {
      for (const channel of channels) channel.close();
      await kms.shutdown();
      await database.drop();
    },
  };
}
