import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool, PoolClient, QueryConfig, QueryResultRow } from 'pg';
import { migrationsTable, quoteIdentifier, readMigrationFiles } from './migration-files';
import { schemaAheadRefusal } from './schema-ahead';

/** setTimeout's longest delay (24 days), which stands for none. */
const NO_DEADLINE_MS = 2 ** 31 - 1;

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** The schema the service owns; created when missing. */
  readonly schema: string;
  /** A directory of numbered files `0001_create_keys.sql`, applied in order, once each. */
  readonly directory: string;
}

/**
 * Applies a service's pending migrations. Forward only: each file runs in its
 * own transaction together with the row that records it, so a failed
 * migration leaves nothing half-applied. A session advisory lock keyed on the
 * schema serialises concurrent runners (several replicas starting at once).
 * Neither the wait for that lock nor a migration has the pool's statement
 * and answer deadlines (an index built over a large table takes as long as
 * it takes), and the connection is closed afterwards rather than returned
 * to the pool with them off. A file numbered as an applied migration of
 * another name is refused, never skipped, and so is a schema that records a
 * migration the directory lacks (a newer release's: see schemaAheadRefusal),
 * rather than left as it is in silence. A failed migration's error names its file and
 * PostgreSQL's reason (the driver's error is its cause). Returns the ids
 * applied by this call.
 */
export async function migrate(pool: Pool, options: MigrateOptions): Promise<number[]> {
  const files = await readMigrationFiles(options.directory);
  const connection = await pool.connect();
  const client = withoutDeadlines(connection);
  const lockKey = `strongroom:migrate:${options.schema}`;
  try {
    await client.query('SET statement_timeout = 0');
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    const table = migrationsTable(options.schema);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${table} (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = new Map((await client.query<{ id: number; name: string }>(`SELECT id, name FROM ${table}`)).rows.map((row) => [row.id, row.name]));
    const unknown = [...applied].filter(([id]) => !files.some((file) => file.id === id)).map(([, name]) => name).sort();
    if (unknown.length > 0) throw schemaAheadRefusal(options.schema, unknown);
    const newest = Math.max(0, ...applied.keys());
    const ran: number[] = [];
    for (const { id, name: file } of files) {
      const recorded = applied.get(id);
      if (recorded !== undefined && recorded !== file) {
        throw new Error(`migration ${options.schema}/${file} has the number of the applied ${recorded}: a number is never reused`);
      }
      if (recorded !== undefined) continue;
      if (id < newest) throw new Error(`migration ${options.schema}/${file} is older than the applied ${newest}: add new migrations after the last one`);
      const sql = await readFile(join(options.directory, file), 'utf8');
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query(`INSERT INTO ${table} (id, name) VALUES ($1, $2)`, [id, file]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${options.schema}/${file} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      ran.push(id);
    }
    return ran;
  } finally {
    connection.release(true);
  }
}

/** The client's statements with no answer deadline (pg reads `query_timeout` from each statement; its types leave it out). */
function withoutDeadlines(client: PoolClient) {
  return {
    query<R extends QueryResultRow>(text: string, values?: unknown[]) {
      const statement: QueryConfig & { query_timeout: number } = { text, values, query_timeout: NO_DEADLINE_MS };
      return client.query<R>(statement);
    },
  };
}
