import { policyV1 } from '@strongroom/contracts';
import { createServiceClient, type CredentialRegistry, type RunningGrpcServer } from '@strongroom/grpc';
import { migrateKms, startKmsService, type RunningKms } from '@strongroom/kms';
import { Secret, createLogger } from '@strongroom/observability';
import { migratePolicy, startPolicyService } from '@strongroom/policy';
import { createTestDatabase, testCredentials, type TestCertificate, type TestDatabase } from '@strongroom/testing';
import type { Client } from 'nice-grpc';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';

/** The scalar string fields of the CLI's KMS outputs that tests read. */
export type ScalarFields = Readonly<Record<'CiphertextBlob' | 'Plaintext' | 'KeyId' | 'SourceKeyId' | 'GrantId' | 'DeletionDate', string>>;

/** What one CLI run printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON, of the shape the test expects ({@link ScalarFields} unless told). */
  json<T = ScalarFields>(): T;
}

/** Runs a command line in-process with the given environment. */
export async function runWith(env: NodeJS.ProcessEnv, args: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

/** A KMS on 127.0.0.1:0 over its own database, and the CLI pointed at it through the environment. */
export interface CliHarness {
  readonly kms: RunningKms;
  readonly database: TestDatabase;
  /** A scratch directory (holds the token file), removed on close. */
  readonly directory: string;
  /** The environment every run gets: endpoints, token file and account. */
  readonly env: NodeJS.ProcessEnv;
  /** Runs `strongroom <args>`. */
  cli(...args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

/** A generated policy client. */
export type PolicyClient = Client<typeof policyV1.PolicyServiceDefinition>;

/** A {@link CliHarness} with a policy service too (sealing secrets through the KMS), the CLI pointed at both. */
export interface PolicyCliHarness extends CliHarness {
  readonly policy: RunningGrpcServer;
  /** The generated client, with the CLI's credential (any account). */
  readonly policyClient: PolicyClient;
  /** Registers a bucket of `owner` as the storage service will, and returns its id. */
  registerBucket(owner: string, name: string): Promise<string>;
}

/** The account the harness's CLI acts for. */
export const ACCOUNT = '111122223333';
/** Another account, for grants and isolation. */
export const OTHER_ACCOUNT = '444455556666';

/** What both harnesses start with: a migrated database, a credential for any account, a KMS and a token file. */
interface Base {
  readonly database: TestDatabase;
  readonly token: string;
  readonly registry: CredentialRegistry;
  readonly kms: RunningKms;
  readonly directory: string;
  readonly env: NodeJS.ProcessEnv;
}

const logger = createLogger({ name: 'cli-test', level: 'silent' });

async function startBase(migrations: readonly ((pool: TestDatabase['pool']) => Promise<void>)[], tls: TestCertificate | undefined): Promise<Base> {
  const database = await createTestDatabase();
  for (const migration of migrations) await migration(database.pool);
  const { token, registry } = testCredentials();
  const kms = await startKmsService({
    pool: database.pool,
    databaseUrl: database.url,
    region: 'us-east-1',
    rootKey: new Secret(new Uint8Array(randomBytes(32))),
    credentials: registry,
    logger,
    address: '127.0.0.1:0',
    healthAddress: '127.0.0.1:0',
    tls,
  });
  const directory = mkdtempSync(join(tmpdir(), 'strongroom-cli-'));
  const tokenFile = join(directory, 'service-token');
  writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  const env: NodeJS.ProcessEnv = { STRONGROOM_KMS_ENDPOINT: `127.0.0.1:${kms.port}`, STRONGROOM_TOKEN_FILE: tokenFile, STRONGROOM_ACCOUNT: ACCOUNT };
  if (tls !== undefined) {
    env.STRONGROOM_SERVICES_CA_FILE = join(directory, 'services-ca.pem');
    writeFileSync(env.STRONGROOM_SERVICES_CA_FILE, tls.cert);
  }
  return { database, token, registry, kms, directory, env };
}

async function closeBase(base: Base): Promise<void> {
  await base.kms.shutdown();
  await base.database.drop();
  rmSync(base.directory, { recursive: true, force: true });
}

/** Starts a KMS over a fresh, migrated database and writes its token to a file the CLI reads. */
export async function startCliHarness(): Promise<CliHarness> {
  const base = await startBase([migrateKms], undefined);
  const { kms, database, directory, env } = base;
  return { kms, database, directory, env, cli: (...args) => runWith(env, args), close: () => closeBase(base) };
}

/**
 * Starts a KMS and a policy service over one fresh database; the CLI finds
 * the policy service through STRONGROOM_POLICY_ENDPOINT. With `tls`, both
 * API ports serve TLS with that certificate, and the policy service and the
 * CLI (STRONGROOM_SERVICES_CA_FILE) trust it.
 */
export async function startPolicyCliHarness(tls?: TestCertificate): Promise<PolicyCliHarness> {
  const base = await startBase([migrateKms, migratePolicy], tls);
  const clientTls = tls === undefined ? undefined : { ca: Buffer.from(tls.cert) };
  const { kms, database, directory } = base;
  const policy = await startPolicyService({
    pool: database.pool,
    databaseUrl: database.url,
    credentials: base.registry,
    logger,
    address: '127.0.0.1:0',
    healthAddress: '127.0.0.1:0',
    kmsEndpoint: `127.0.0.1:${kms.port}`,
    kmsToken: base.token,
    tls,
    servicesTls: clientTls,
  });
  const { client, channel } = createServiceClient(policyV1.PolicyServiceDefinition, { address: `127.0.0.1:${policy.port}`, token: base.token, tls: clientTls });
  const env = { ...base.env, STRONGROOM_POLICY_ENDPOINT: `127.0.0.1:${policy.port}` };
  return {
    kms,
    database,
    directory,
    env,
    policy,
    policyClient: client,
    cli: (...args) => runWith(env, args),
    async registerBucket(owner, name) {
      const bucketId = randomUUID();
      await client.registerBucket({ bucketId, name, ownerAccountId: owner, region: 'us-east-1' });
      return bucketId;
    },
    async close() {
      channel.close();
      await policy.shutdown();
      await closeBase(base);
    },
  };
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
