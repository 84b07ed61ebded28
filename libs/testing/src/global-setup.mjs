// jest globalSetup: make sure DATABASE_URL points at a real PostgreSQL.
// With DATABASE_URL set (CI: the machine's server) nothing is started;
// otherwise an embedded PostgreSQL is started for this run and stopped by
// global-teardown.mjs. Each test file then creates its own database on it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../db/src/embedded-postgres.mjs';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  const directory = join(mkdtempSync(join(tmpdir(), 'strongroom-test-')), 'pg');
  const postgres = await startEmbeddedPostgres({ directory });
  process.env.DATABASE_URL = postgres.url;
  globalThis.__strongroomEmbeddedPostgres = postgres;
}
