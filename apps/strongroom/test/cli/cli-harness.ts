import { migrateKms, startKmsService, type RunningKms } from '@strongroom/kms';
import { Secret, createLogger } from '@strongroom/observability';
import { createTestDatabase, testCredentials, type TestDatabase } from '@strongroom/testing';
import { randomBytes } from 'node:crypto';
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
  /** The environment every run gets: endpoint, token file and account. */
  readonly env: NodeJS.ProcessEnv;
  /** Runs `strongroom <args>`. */
  cli(...args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

/** The account the harness's CLI acts for. */
export const ACCOUNT = '111122223333';
/** Another account, for grants and isolation. */
export const OTHER_ACCOUNT = '444455556666';

/** Starts a KMS over a fresh, migrated database and writes its token to a file the CLI reads. */
export async function startCliHarness(): Promise<CliHarness> {
  const database = await createTestDatabase();
  await migrateKms(database.pool);
  const { token, registry } = testCredentials();
  const kms = await startKmsService({
    pool: database.pool,
    databaseUrl: database.url,
    region: 'us-east-1',
    rootKey: new Secret(new Uint8Array(randomBytes(32))),
    credentials: registry,
    logger: createLogger({ name: 'cli-test', level: 'silent' }),
    address: '127.0.0.1:0',
    healthAddress: '127.0.0.1:0',
  });
  const directory = mkdtempSync(join(tmpdir(), 'strongroom-cli-'));
  const tokenFile = join(directory, 'service-token');
  writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  const env = { STRONGROOM_KMS_ENDPOINT: `127.0.0.1:${kms.port}`, STRONGROOM_TOKEN_FILE: tokenFile, STRONGROOM_ACCOUNT: ACCOUNT };
  return {
    kms,
    database,
    directory,
    env,
    cli: (...args) => runWith(env, args),
    async close() {
      await kms.shutdown();
      await database.drop();
      rmSync(directory, { recursive: true, force: true });
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
