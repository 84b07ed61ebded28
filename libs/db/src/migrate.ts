import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool } from 'pg';

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

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
 * Returns the ids applied by this call.
 */
export async function migrate(pool: Pool, options: MigrateOptions): Promise<number[]> {
  const files = (await readdir(options.directory)).filter((name) => name.endsWith('.sql')).sort();
  const misnamed = files.filter((name) => !MIGRATION_FILE.test(name));
  if (misnamed.length > 0) throw new Error(`migrations must be named NNNN_lower_snake.sql: ${misnamed.join(', ')}`);
  const client = await pool.connect();
  const lockKey = `strongroom:migrate:${options.schema}`;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    const table = `${quoteIdentifier(options.schema)}.schema_migrations`;
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${table} (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = new Set((await client.query<{ id: number }>(`SELECT id FROM ${table}`)).rows.map((row) => row.id));
    const newest = Math.max(0, ...applied);
    const ran: number[] = [];
    for (const file of files) {
      const id = Number(MIGRATION_FILE.exec(file)?.[1]);
      if (applied.has(id)) continue;
      if (id < newest) throw new Error(`migration ${options.schema}/${file} is older than the applied ${newest}: add new migrations after the last one`);
      const sql = await readFile(join(options.directory, file), 'utf8');
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query(`INSERT INTO ${table} (id, name) VALUES ($1, $2)`, [id, file]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${options.schema}/${file} failed`, { cause: error });
      }
      ran.push(id);
    }
    return ran;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
    client.release();
  }
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid schema name ${JSON.stringify(name)}`);
  return `"${name}"`;
}
