import { Pool, type PoolClient, type QueryResultRow } from 'pg';

export type { Pool, PoolClient } from 'pg';

/** Options of {@link createPool}. */
export interface PoolOptions {
  /** A `postgres://` URL. */
  readonly connectionString: string;
  /** Name shown in `pg_stat_activity`. */
  readonly applicationName: string;
  /** Most connections at once. @default 10 */
  readonly max?: number;
  /**
   * Told when an idle connection fails (the server restarted or shut down).
   * The pool drops that connection and opens another when needed.
   * @default ignore
   */
  readonly onIdleError?: (error: Error) => void;
}

/** A pg pool with the settings every Strongroom service uses. */
export function createPool(options: PoolOptions): Pool {
  const pool = new Pool({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', options.onIdleError ?? (() => undefined));
  // pg emits a connection's failure as an 'error' event on its client, and the pool listens only while the client is idle: a
  // connection lost while a transaction holds its client (between two statements, or as COMMIT is sent) was an unhandled
  // 'error' event, which ends the process. The statement under way fails with the error all the same, the next one on that
  // client fails as not queryable, and the pool discards the client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Anything that runs a query: a pool or a client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

/** A named, parameterised query: the name shows in logs and makes the statement prepared. */
export interface NamedQuery {
  readonly name: string;
  readonly text: string;
}

/** Runs a named query and returns its rows. */
export async function run<R extends QueryResultRow>(db: Queryable | PoolClient, query: NamedQuery, values: unknown[] = []): Promise<R[]> {
  const result = await (db as PoolClient).query<R>({ name: query.name, text: query.text, values });
  return result.rows;
}

/**
 * Runs `work` inside one transaction on one client: COMMIT when it resolves,
 * ROLLBACK when it throws (and the error is rethrown).
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The SQLSTATE of a unique violation. */
export const UNIQUE_VIOLATION = '23505';

/** The SQLSTATE of a foreign key violation. */
export const FOREIGN_KEY_VIOLATION = '23503';

/** The SQLSTATE of a table that does not exist (its migration has not run). */
export const UNDEFINED_TABLE = '42P01';

/** True when `error` is a Postgres error with that SQLSTATE. */
export function isSqlState(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
