import { ErrorReason, kmsV1, policyV1 } from '@strongroom/contracts';
import { createServiceClient, type RunningGrpcServer } from '@strongroom/grpc';
import { migrateKms, startKmsService, type RunningKms } from '@strongroom/kms';
import { Secret, createLogger } from '@strongroom/observability';
import { migratePolicy, startPolicyService, type KmsClient, type PolicyServiceOptions } from '@strongroom/policy';
import { createTestDatabase, testCredentials, type TestDatabase } from '@strongroom/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Channel, Client } from 'nice-grpc';

/** A generated policy client. */
export type PolicyClient = Client<typeof policyV1.PolicyServiceDefinition>;

/** Another policy server on the harness's database. */
export interface PolicyReplica {
  readonly client: PolicyClient;
  close(): Promise<void>;
}

/** A real KMS and a policy service on 127.0.0.1:0 over one test database, with a client that may act for any account. */
export interface PolicyHarness {
  readonly client: PolicyClient;
  readonly database: TestDatabase;
  readonly kms: RunningKms;
  /** A client whose credential may act only for {@link TENANT_ACCOUNT}. */
  readonly tenantClient: PolicyClient;
  /** A client with the gateway's kind of credential: any account, no service keys. */
  readonly gatewayClient: PolicyClient;
  /** A client with the gateway's credential, of another definition of the policy service (one that records what it decodes). */
  gatewayClientWith(definition: typeof policyV1.PolicyServiceDefinition): PolicyClient;
  /** A client of the harness's KMS, with the credential the policy service uses. */
  readonly kmsClient: KmsClient;
  /** Starts another policy server (another replica, or other settings); the caller closes it. */
  startReplica(options?: Partial<Pick<PolicyServiceOptions, 'legacyBucketDefaults' | 'now'>>): Promise<PolicyReplica>;
  /** Creates an account and returns it. */
  account(accountId: string, email?: string): Promise<policyV1.Account>;
  /** Registers a bucket of `owner` and returns its id. */
  bucket(owner: string, name: string): Promise<string>;
  close(): Promise<void>;
}

/** The one account the harness's tenant credential may act for. */
export const TENANT_ACCOUNT = '333333333333';

/** The name of the reason a call failed with, or `resolved`. */
export async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return ErrorReason[(error as { reason: ErrorReason }).reason];
  }
  return 'resolved';
}

/** Today's UTC date, `YYYYMMDD`: a date GetSigningKey serves. */
export function today(): string {
  return new Date().toISOString().slice(0, 10).replaceAll('-', '');
}

/** The account root principal of an account. */
export function root(accountId: string) {
  return { accountId, arn: `arn:aws:iam::${accountId}:root` };
}

/** The Authorize principal of an account root, a user, or anyone. */
export const as = {
  root: (accountId: string): policyV1.RequestPrincipal => ({ kind: { $case: 'aws', value: { accountId, arn: '' } } }),
  user: (accountId: string, name: string): policyV1.RequestPrincipal => ({ kind: { $case: 'aws', value: { accountId, arn: `arn:aws:iam::${accountId}:user/${name}` } } }),
  anonymous: (): policyV1.RequestPrincipal => ({ kind: { $case: 'anonymous', value: {} } }),
};

export async function startPolicyHarness(): Promise<PolicyHarness> {
  const database = await createTestDatabase();
  await migrateKms(database.pool);
  await migratePolicy(database.pool);
  const tenantToken = randomBytes(24).toString('base64url');
  const gatewayToken = randomBytes(24).toString('base64url');
  const { token, registry } = testCredentials({}, [
    { name: 'tenant', token: tenantToken, accounts: [TENANT_ACCOUNT], serviceKeys: false },
    { name: 'gateway', token: gatewayToken, accounts: '*', serviceKeys: false },
  ]);
  const logger = createLogger({ name: 'policy-test', level: 'silent' });
  const kms = await startKmsService({
    pool: database.pool,
    databaseUrl: database.url,
    region: 'us-east-1',
    rootKey: new Secret(new Uint8Array(randomBytes(32))),
    credentials: registry,
    logger,
    address: '127.0.0.1:0',
    healthAddress: '127.0.0.1:0',
  });
  const servers: RunningGrpcServer[] = [];
  const channels: Channel[] = [];
  const start = async (options: Partial<PolicyServiceOptions> = {}) => {
    const server = await startPolicyService({
      pool: database.pool,
      databaseUrl: database.url,
      credentials: registry,
      logger,
      address: '127.0.0.1:0',
      healthAddress: '127.0.0.1:0',
      kmsEndpoint: `127.0.0.1:${kms.port}`,
      kmsToken: token,
      ...options,
    });
    servers.push(server);
    return server;
  };
  const connect = (port: number, callerToken: string, definition = policyV1.PolicyServiceDefinition) => {
    const { client, channel } = createServiceClient(definition, { address: `127.0.0.1:${port}`, token: callerToken });
    channels.push(channel);
    return client;
  };
  const main = await start();
  const client = connect(main.port, token);
  const kmsConnection = createServiceClient(kmsV1.KeyManagementServiceDefinition, { address: `127.0.0.1:${kms.port}`, token });
  channels.push(kmsConnection.channel);
  return {
    client,
    database,
    kms,
    tenantClient: connect(main.port, tenantToken),
    gatewayClient: connect(main.port, gatewayToken),
    gatewayClientWith: (definition) => connect(main.port, gatewayToken, definition),
    kmsClient: kmsConnection.client,
    async startReplica(options = {}) {
      const server = await start(options);
      return { client: connect(server.port, token), close: () => server.shutdown() };
    },
    account: async (accountId, email = '') => (await client.createAccount({ accountId, displayName: `account ${accountId}`, email })).account!,
    async bucket(owner, name) {
      const bucketId = randomUUID();
      await client.registerBucket({ bucketId, name, ownerAccountId: owner, region: 'us-east-1' });
      return bucketId;
    },
    async close() {
      for (const channel of channels) channel.close();
      for (const server of servers) await server.shutdown();
      await kms.shutdown();
      await database.drop();
    },
  };
}
