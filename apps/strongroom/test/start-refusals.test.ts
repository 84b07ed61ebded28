import { migrateKms } from '@strongroom/kms';
import { createTestDatabase } from '@strongroom/testing';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runLauncherCommand } from './launcher';

const REPO = resolve(__dirname, '../../..');
const PASSWORD = 'NotToBePrinted0123';

/** A port nothing listens on: one that was free a moment ago. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Runs one service's main (services/<name>/src/main.ts) with `args` to its end with `env`; its exit code and everything it printed. */
function runServiceMain(name: string, env: NodeJS.ProcessEnv, args: readonly string[] = []): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, `services/${name}/src/main.ts`), ...args], { cwd: REPO, env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}

/** A refusal: exit 1, one line naming the program and the problem, no stack trace, no password. */
function expectRefusal(run: { code: number | null; output: string }, program: string, problem: string): void {
  expect(run.code).toBe(1);
  expect(run.output).toContain(`${program} failed to start: ${problem}`);
  expect(run.output).not.toContain('    at ');
  expect(run.output).not.toContain(PASSWORD);
}

/** A refusal of settings ({@link expectRefusal}) that lists each of `problems` as one line of its report. */
function expectSettingsRefusal(run: { code: number | null; output: string }, program: string, problems: readonly string[]): void {
  expectRefusal(run, program, 'invalid configuration:\n');
  for (const problem of problems) expect(run.output).toContain(`\n  - ${problem}`);
}

/** The settings of a serving kms on `databaseUrl`, its API on `address`, with a fresh root key and no credentials (a file in `dataDir`). */
function kmsServingEnv(dataDir: string, databaseUrl: string, address: string): NodeJS.ProcessEnv {
  const credentialsFile = join(dataDir, 'no-credentials.json');
  writeFileSync(credentialsFile, '[]');
  return {
    DATABASE_URL: databaseUrl,
    STRONGROOM_ROOT_KEY: randomBytes(32).toString('base64'),
    STRONGROOM_SERVICE_CREDENTIALS_FILE: credentialsFile,
    STRONGROOM_KMS_ADDRESS: address,
    STRONGROOM_KMS_HEALTH_ADDRESS: '127.0.0.1:0',
  };
}

describe('a start that cannot go on ends with one line saying why, no stack trace and no password', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-refusals-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('npm start on a DATABASE_URL where nothing listens, or one that is not a URL', async () => {
    const port = await closedPort();
    const nowhere = await runLauncherCommand(mkdtempSync(join(dataDir, 'nowhere-')), [], { DATABASE_URL: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres` });
    expectRefusal(nowhere, 'strongroom', `cannot connect to the database at postgres@127.0.0.1:${port}/postgres (DATABASE_URL): nothing accepts connections there`);
    const malformed = await runLauncherCommand(mkdtempSync(join(dataDir, 'malformed-')), [], { DATABASE_URL: `postgres://postgres:${PASSWORD}@127.0.0.1:port/postgres` });
    expectRefusal(malformed, 'strongroom', 'DATABASE_URL is not a valid URL');
  });

  test('npm start on a blob directory whose volume file is not a volume id (the storage volume guard)', async () => {
    const database = await createTestDatabase();
    try {
      const blobs = join(mkdtempSync(join(dataDir, 'volume-')), 'blobs');
      mkdirSync(blobs, { recursive: true });
      writeFileSync(join(blobs, 'volume-id'), 'not a volume id');
      const run = await runLauncherCommand(join(blobs, '..'), [], { DATABASE_URL: database.url });
      expectRefusal(run, 'strongroom', `refusing to start: the blob directory's volume file ${join(blobs, 'volume-id')} holds "not a volume id", not a volume id`);
    } finally {
      await database.drop();
    }
  }, 30_000);

  test('npm start on a data directory under /proc, which no directory can be made in, is refused at once', async () => {
    const run = await runLauncherCommand('/proc/strongroom-data', []);
    expectRefusal(run, 'strongroom', 'invalid configuration:\n  - STRONGROOM_DATA_DIR: cannot create the directory /proc/strongroom-data (ENOENT): choose one on a writable file system');
  });

  // migrate: serving would first refuse the settings it lacks (every one at once), before it reaches the database.
  test.each(['kms', 'policy', 'storage'])('the %s service alone, migrating on a DATABASE_URL where nothing listens', async (name) => {
    const port = await closedPort();
    const run = await runServiceMain(name, { DATABASE_URL: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres` }, ['migrate']);
    expectRefusal(run, name, `cannot connect to the database at postgres@127.0.0.1:${port}/postgres (DATABASE_URL): nothing accepts connections there`);
  });

  test('the gateway alone, on an address in use', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const address = `127.0.0.1:${(taken.address() as AddressInfo).port}`;
    const tokenFile = join(dataDir, 'gateway-token');
    writeFileSync(tokenFile, 'a-token\n', { mode: 0o600 });
    try {
      const run = await runServiceMain('gateway', { STRONGROOM_SERVICE_TOKEN_FILE: tokenFile, STRONGROOM_GATEWAY_HTTP_ADDRESS: address, STRONGROOM_GATEWAY_HEALTH_ADDRESS: '127.0.0.1:0' });
      expectRefusal(run, 'gateway', `cannot listen on ${address} for S3 over HTTP: the address is in use by another process`);
    } finally {
      taken.close();
    }
  });

  test('the kms alone, on an address in use: the line names kms and the address, and grpc-js adds no line of its own', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const address = `127.0.0.1:${(taken.address() as AddressInfo).port}`;
    const database = await createTestDatabase();
    try {
      await migrateKms(database.pool);
      const run = await runServiceMain('kms', kmsServingEnv(dataDir, database.url, address));
      expectRefusal(run, 'kms', `cannot listen on ${address} for the kms API: the address is in use by another process`);
      expect(run.output).not.toContain('No address added');
    } finally {
      taken.close();
      await database.drop();
    }
  });

  test('the kms alone, on a database whose kms schema was never migrated: the line says how to migrate it', async () => {
    const database = await createTestDatabase();
    try {
      const run = await runServiceMain('kms', kmsServingEnv(dataDir, database.url, '127.0.0.1:0'));
      expectRefusal(run, 'kms', 'the kms schema has never been migrated (none of its ');
      expect(run.output).toContain('migrations has run): run `node --import tsx services/kms/src/main.ts migrate` first\n');
    } finally {
      await database.drop();
    }
  });

  test('the kms alone, migrating a database a newer release migrated: the line says so, with the refusal\'s exit status, instead of nothing', async () => {
    const database = await createTestDatabase();
    try {
      await migrateKms(database.pool);
      await database.pool.query(`INSERT INTO kms.schema_migrations (id, name) VALUES (9999, '9999_from_a_newer_release.sql')`);
      const run = await runServiceMain('kms', { DATABASE_URL: database.url }, ['migrate']);
      expectRefusal(run, 'kms', 'the kms schema has migrations this release does not have (9999_from_a_newer_release.sql): a newer release migrated it; run that release, or restore the database from before its migration\n');
    } finally {
      await database.drop();
    }
  });

  test.each([
    ['kms', ['DATABASE_URL: is required', 'STRONGROOM_KMS_ADDRESS: must be host:port', 'STRONGROOM_SERVICE_CREDENTIALS_FILE: is required']],
    ['policy', ['DATABASE_URL: is required', 'STRONGROOM_POLICY_ADDRESS: must be host:port', 'STRONGROOM_KMS_ENDPOINT: must be host:port', 'STRONGROOM_SERVICE_TOKEN_FILE: is required']],
    ['storage', ['DATABASE_URL: is required', 'STRONGROOM_STORAGE_ADDRESS: must be host:port', 'STRONGROOM_KMS_ENDPOINT: must be host:port', 'STRONGROOM_SERVICE_TOKEN_FILE: is required']],
    ['gateway', ['STRONGROOM_GATEWAY_HTTP_ADDRESS: must be host:port', 'STRONGROOM_KMS_ENDPOINT: must be host:port', 'STRONGROOM_SERVICE_TOKEN_FILE: is required']],
  ])('the %s service alone reports every bad setting at once, as npm start does', async (name, problems) => {
    const run = await runServiceMain(name, {
      DATABASE_URL: '',
      STRONGROOM_LOG_LEVEL: 'loud',
      STRONGROOM_KMS_ADDRESS: 'nowhere',
      STRONGROOM_POLICY_ADDRESS: 'nowhere',
      STRONGROOM_STORAGE_ADDRESS: 'nowhere',
      STRONGROOM_GATEWAY_HTTP_ADDRESS: 'nowhere',
      STRONGROOM_KMS_ENDPOINT: 'nowhere',
      STRONGROOM_SERVICE_TOKEN_FILE: '',
      STRONGROOM_SERVICE_CREDENTIALS_FILE: '',
    });
    expectRefusal(run, name, 'invalid configuration:\n  - STRONGROOM_LOG_LEVEL: must be one of trace, debug, info, warn, error, fatal, silent\n');
    for (const problem of problems) expect(run.output).toContain(`\n  - ${problem}`);
  });

  test('a certificate, key or CA file that cannot be read is one problem among the others, in the one report of npm start and of a standalone service', async () => {
    const missing = (name: string) => join(dataDir, 'no-such-dir', name);
    const stack = await runLauncherCommand(mkdtempSync(join(dataDir, 'tls-files-')), [], {
      STRONGROOM_KMS_ADDRESS: 'nowhere',
      STRONGROOM_GATEWAY_TLS_CERT_FILE: missing('gateway-cert.pem'),
      STRONGROOM_GATEWAY_TLS_KEY_FILE: missing('gateway-key.pem'),
      STRONGROOM_SERVICES_CA_FILE: missing('ca.pem'),
    });
    expectSettingsRefusal(stack, 'strongroom', [
      'STRONGROOM_KMS_ADDRESS: must be host:port',
      'STRONGROOM_GATEWAY_TLS_CERT_FILE / STRONGROOM_GATEWAY_TLS_KEY_FILE: the file STRONGROOM_GATEWAY_TLS_CERT_FILE names is not a readable PEM certificate (ENOENT)',
      'STRONGROOM_SERVICES_TLS / STRONGROOM_SERVICES_CA_FILE: STRONGROOM_SERVICES_CA_FILE: the file STRONGROOM_SERVICES_CA_FILE names is not a readable PEM certificate bundle (ENOENT)',
    ]);
    const kms = await runServiceMain('kms', {
      ...kmsServingEnv(dataDir, `postgres://postgres:${PASSWORD}@127.0.0.1:1/postgres`, 'nowhere'),
      STRONGROOM_KMS_TLS_CERT_FILE: missing('kms-cert.pem'),
      STRONGROOM_KMS_TLS_KEY_FILE: missing('kms-key.pem'),
    });
    expectSettingsRefusal(kms, 'kms', [
      'STRONGROOM_KMS_ADDRESS: must be host:port',
      'STRONGROOM_KMS_TLS_CERT_FILE / STRONGROOM_KMS_TLS_KEY_FILE: the file STRONGROOM_KMS_TLS_CERT_FILE names is not a readable PEM certificate (ENOENT)',
    ]);
  });

  test('a bug while reading the settings is a crash, logged with its stack and no secret, not a line of invalid configuration', async () => {
    const secrets = { STRONGROOM_ROOT_KEY: randomBytes(32).toString('base64'), STRONGROOM_ROOT_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', STRONGROOM_ROOT_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    const bug = { NODE_OPTIONS: `--require ${join(__dirname, 'fixtures/settings-reader-bug.cjs')}`, STRONGROOM_LOG_LEVEL: 'info' };
    const stack = await runLauncherCommand(mkdtempSync(join(dataDir, 'bug-')), [], { ...bug, ...secrets });
    const kms = await runServiceMain('kms', { ...kmsServingEnv(dataDir, `postgres://postgres:${PASSWORD}@127.0.0.1:1/postgres`, '127.0.0.1:0'), ...bug, ...secrets });
    for (const [program, run] of [['strongroom', stack], ['kms', kms]] as const) {
      expect(run.code).toBe(1);
      expect(run.output).not.toContain('invalid configuration');
      const crash = run.output.split('\n').find((line) => line.includes('"level":60'));
      expect(JSON.parse(crash ?? '{}')).toMatchObject({ msg: `${program} failed to start`, err: { type: 'TypeError', message: 'a bug in a settings reader' } });
      expect(crash).toMatch(/TypeError: a bug in a settings reader\\n {4}at /);
      for (const secret of [...Object.values(secrets).filter((value) => !value.startsWith('AKIA')), PASSWORD]) expect(run.output).not.toContain(secret);
    }
  });

  test('a failure that is not a refusal is still reported when the log level is silent (as the crash logger does)', async () => {
    const database = await createTestDatabase();
    try {
      // A migration recorded under the number of one of this release's, with another name: migrate throws a plain Error, which exitOnStartFailure hands to the logger.
      await database.pool.query('CREATE SCHEMA kms; CREATE TABLE kms.schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO kms.schema_migrations (id, name) VALUES (1, \'0001_not_this_release.sql\')');
      const run = await runServiceMain('kms', { DATABASE_URL: database.url, STRONGROOM_LOG_LEVEL: 'silent' }, ['migrate']);
      expect(run.code).toBe(1);
      expect(run.output).toContain('kms failed to start: Error (log level silent)');
    } finally {
      await database.drop();
    }
  });
});
