import type { Pool, PoolClient } from '@strongroom/db';
import type { StorageHarness, StorageReplica } from './storage-harness';

/** A replica whose listing statements count what they read. */
export interface CountingReplica {
  readonly replica: StorageReplica;
  /** The rows the statements returned. */
  readonly rowsRead: () => number;
  /** The entries the statements read from the table and its indexes: one an index probe finds, one a scan passes over. */
  readonly entriesRead: () => number;
}

/** Every entry this transaction has read so far from `table` and its indexes, as Postgres's statistics count them. */
async function entriesReadSoFar(client: PoolClient, table: string): Promise<number> {
  const { rows } = await client.query<{ entries: string }>(
    `SELECT sum(pg_stat_get_xact_tuples_returned(oid)) AS entries FROM pg_class
     WHERE oid = $1::regclass OR oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = $1::regclass)`,
    [table],
  );
  return Number(rows[0]?.entries ?? 0);
}

/**
 * Starts a replica whose statements named by `statements` count the rows
 * they return and the entries they read from `table`: each runs in a
 * transaction of its own between two readings of its statistics. Sequential
 * scans are priced out there: a test's table of a few pages is cheaper to
 * read whole than by its primary key, as a large one is not (a plan that
 * can only scan still does, and counts every row).
 */
export async function countingReplica(harness: StorageHarness, statements: RegExp, table: string): Promise<CountingReplica> {
  let rowsRead = 0;
  let entriesRead = 0;
  const pool = harness.database.pool;
  const counted = async (...args: Parameters<Pool['query']>) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const before = await entriesReadSoFar(client, table);
      const result = await (client.query as (...a: unknown[]) => Promise<{ rows: unknown[] }>)(...args);
      entriesRead += (await entriesReadSoFar(client, table)) - before;
      rowsRead += result.rows.length;
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  };
  const counting = new Proxy(pool, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<Pool['query']>) =>
        statements.test((args[0] as { name?: string }).name ?? '') ? counted(...args) : (target.query as (...a: unknown[]) => Promise<unknown>)(...args);
    },
  });
  return { replica: await harness.startReplica({ pool: counting }), rowsRead: () => rowsRead, entriesRead: () => entriesRead };
}
