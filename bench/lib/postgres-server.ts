import { startEmbeddedPostgres } from '@strongroom/db';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PostgreSQL server for the run. */
export interface PostgresServer {
  /** A URL of its `postgres` database. */
  readonly url: string;
  /** Stops it when the bench started it; a no-op for `DATABASE_URL`. */
  stop(): Promise<void>;
}

/**
 * The server `DATABASE_URL` names, or else an embedded PostgreSQL in a
 * temporary directory, as jest's global setup does. Either way
 * `DATABASE_URL` is set afterwards, which `createTestDatabase` reads.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, stop: () => Promise.resolve() };
  const parent = mkdtempSync(join(tmpdir(), 'strongroom-bench-'));
  // mkdtemp makes the directory 0700; run as root, PostgreSQL runs as an
  // unprivileged user that must be able to traverse it to reach its data.
  chmodSync(parent, 0o711);
  const embedded = await startEmbeddedPostgres({ directory: join(parent, 'pg') });
  process.env.DATABASE_URL = embedded.url;
  return {
    url: embedded.url,
    async stop() {
      await embedded.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
