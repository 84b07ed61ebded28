import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import { isConnectionLost } from './database-unavailable';

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
  /** Deadlines other than {@link DATABASE_DEADLINES}, as tests use to meet them quickly. */
  readonly deadlines?: DatabaseDeadlines;
}

/** How long a service waits on PostgreSQL before it answers that the database is unavailable. */
export interface DatabaseDeadlines {
  /** How long a statement may run before the server cancels it (`statement_timeout`; a wait for a lock counts). */
  readonly statementMs: number;
  /**
   * How long a statement may go without an answer before the client gives
   * up and closes its connection: a server or network that stopped
   * answering without closing anything. Longer than `statementMs`, so a
   * server that still answers cancels first and the connection stays open.
   */
  readonly answerMs: number;
  /** How long to wait for a connection: a free one from the pool, or a new one being made. */
  readonly connectMs: number;
  /** How long the server lets a transaction sit idle before it ends the session (`idle_in_transaction_session_timeout`). */
  readonly idleInTransactionMs: number;
}

/**
 * The services' deadlines. Their statements take milliseconds; a wait of
 * many seconds is a database that cannot serve, and the request gets
 * UNAVAILABLE (503 over S3) instead of waiting until its client gives up.
 */
export const DATABASE_DEADLINES: DatabaseDeadlines = { statementMs: 30_000, answerMs: 35_000, connectMs: 10_000, idleInTransactionMs: 60_000 };

/** The connections of each pool {@link createPool} made that are open: what {@link closePool} waits for. */
const OPEN_CONNECTIONS = new WeakMap<Pool, Set<PoolClient>>();

/** A pg pool with the settings every Strongroom service uses. */
export function createPool(options: PoolOptions): Pool {
  const deadlines = options.deadlines ?? DATABASE_DEADLINES;
  const pool = new Pool({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    statement_timeout: deadlines.statementMs,
    query_timeout: deadlines.answerMs,
    connectionTimeoutMillis: deadlines.connectMs,
    idle_in_transaction_session_timeout: deadlines.idleInTransactionMs,
  });
  pool.on('error', options.onIdleError ?? (() => undefined));
  // pg emits a connection's failure as an 'error' event on its client, and the pool listens only while the client is idle: a
  // connection lost while a transaction holds its client (between two statements, or as COMMIT is sent) was an unhandled
  // 'error' event, which ends the process. The statement under way fails with the error all the same, the next one on that
  // client fails as not queryable, and the pool discards the client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const open = new Set<PoolClient>();
  OPEN_CONNECTIONS.set(pool, open);
  pool.on('connect', (client) => {
    open.add(client);
    client.once('end', () => open.delete(client));
  });
  return pool;
}

/**
 * Ends a pool of {@link createPool} and waits until each of its connections
 * has closed: pg's `end()` resolves once it has asked them to close, not
 * once they have, and a database stopped at that moment ends those still
 * open itself, which their clients report as connections lost.
 */
export async function closePool(pool: Pool): Promise<void> {
  // Those still open now: each leaves the set as it ends, so each here has yet to.
  const closed = Promise.all([...(OPEN_CONNECTIONS.get(pool) ?? [])].map((client) => new Promise<void>((resolve) => client.once('end', () => resolve()))));
  await pool.end();
  await closed;
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
 * ROLLBACK when it throws (and the error is rethrown). A transaction that
 * failed inside `work` (an error `work` caught and did not rethrow) is
 * rolled back by its COMMIT, which PostgreSQL answers with the tag
 * ROLLBACK and no error: that throws too, so nothing passes for committed
 * that was not.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let unusable: unknown;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    const commit = await client.query('COMMIT');
    if (commit.command !== 'COMMIT') throw new Error(`the transaction was not committed: PostgreSQL answered COMMIT with ${commit.command} (a statement inside it had failed)`);
    return result;
  } catch (error) {
    unusable = await rollBack(client, error);
    throw error;
  } finally {
    client.release(unusable as Error | undefined);
  }
}

/**
 * Rolls back after `error`; returns why the connection cannot be used again
 * (the pool then closes it), or undefined when it is clean. A connection
 * lost or left without an answer is closed as it is: a ROLLBACK sent on it
 * would wait behind the unanswered statement, and the next user of the
 * connection would find itself inside this transaction when the answer came.
 */
async function rollBack(client: PoolClient, error: unknown): Promise<unknown> {
  if (isConnectionLost(error)) return error;
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (rollbackError) {
    return rollbackError;
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
