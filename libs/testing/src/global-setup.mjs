// jest globalSetup: make sure DATABASE_URL points at a real PostgreSQL.
// With DATABASE_URL set (CI: the machine's server) nothing is started;
// otherwise an embedded PostgreSQL is started for this run, in a temporary
// directory that global-teardown.mjs stops and removes. Each test file then
// creates its own database on it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../db/src/embedded-postgres.mjs';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  const parent = mkdtempSync(join(tmpdir(), 'strongroom-test-'));
  const postgres = await startEmbeddedPostgres({ directory: join(parent, 'pg') });
  process.env.DATABASE_URL = postgres.url;
  globalThis.__strongroomEmbeddedPostgres = { postgres, parent };
}
