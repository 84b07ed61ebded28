import { createPool, type Pool } from '@strongroom/db';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A database of its own for one test file. */
export interface TestDatabase {
  /** Its connection URL. */
  readonly url: string;
  /** A pool on it. */
  readonly pool: Pool;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through jest (its global setup provides one)');
  return url;
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An encoding name as CREATE DATABASE takes it (letters, digits and underscores only). */
function sqlName(name: string): string {
  if (!/^\w+$/.test(name)) throw new Error(`not an encoding name: ${JSON.stringify(name)}`);
  return name;
}

/**
 * Creates a fresh, empty database on the test server (`DATABASE_URL`): in
 * the server's default encoding, or in `encoding` (a PostgreSQL encoding
 * name such as `LATIN1`, with the C locale, which suits every encoding).
 */
export async function createTestDatabase(options: { encoding?: string } = {}): Promise<TestDatabase> {
  const name = `strongroom_test_${randomBytes(6).toString('hex')}`;
  const encoding = options.encoding === undefined ? '' : ` TEMPLATE template0 ENCODING '${sqlName(options.encoding)}' LC_COLLATE 'C' LC_CTYPE 'C'`;
  await onServer(`CREATE DATABASE ${name}${encoding}`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const pool = createPool({ connectionString: url.toString(), applicationName: 'test' });
  return {
    url: url.toString(),
    pool,
    async drop() {
      await pool.end();
      await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
