import { createTestDatabase, rejectionOf, startPostgresProxy, until, type PostgresProxy, type TestDatabase } from '@strongroom/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isConnectionLost, isDatabaseUnavailable } from '../src/database-unavailable';
import { migrate } from '../src/migrate';
import { createPool, withTransaction, type DatabaseDeadlines, type Pool, type PoolClient } from '../src/pool';

/** Deadlines short enough to meet in a test; the answer deadline is the one the others are measured against. */
const QUICK: DatabaseDeadlines = { statementMs: 400, answerMs: 1500, connectMs: 500, idleInTransactionMs: 700 };

let db: TestDatabase;
let proxy: PostgresProxy;
let pool: Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query('CREATE TABLE items (id integer PRIMARY KEY)');
});
afterAll(async () => {
  await db.drop();
});

beforeEach(async () => {
  await db.pool.query('TRUNCATE items');
  proxy = await startPostgresProxy(db.url);
  pool = createPool({ connectionString: proxy.url, applicationName: 'deadlines', max: 1, deadlines: QUICK });
});
afterEach(async () => {
  proxy.thaw();
  await pool.end();
  await proxy.close();
});

/** Runs `call` and returns its rejection and how long it took to come. */
async function timedRejection(call: () => Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const started = performance.now();
  const error = await rejectionOf(call());
  return { error, elapsedMs: performance.now() - started };
}

async function storedIds(): Promise<number[]> {
  return (await db.pool.query<{ id: number }>('SELECT id FROM items ORDER BY id')).rows.map((row) => row.id);
}

describe('the deadlines of createPool', () => {
  test('a statement waiting past statement_timeout (on a lock held elsewhere) is cancelled by the server: unavailable, and its connection serves on', async () => {
    const holder = await db.pool.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE items IN ACCESS EXCLUSIVE MODE');
    const client = await pool.connect();
    try {
      const { error, elapsedMs } = await timedRejection(() => client.query('SELECT count(*) FROM items'));
      expect((error as { code?: string }).code).toBe('57014');
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(isConnectionLost(error)).toBe(false);
      expect(elapsedMs).toBeLessThan(QUICK.answerMs);
      expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      client.release();
      await holder.query('ROLLBACK');
      holder.release();
    }
  });

  test('a server that stops answering: the statement fails as a lost connection after the answer deadline, and the pool serves again once it answers', async () => {
    await pool.query('SELECT 1');
    proxy.freeze();
    const { error, elapsedMs } = await timedRejection(() => pool.query('SELECT 2'));
    expect(isConnectionLost(error)).toBe(true);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(elapsedMs).toBeGreaterThanOrEqual(QUICK.answerMs - 50);
    expect(elapsedMs).toBeLessThan(QUICK.answerMs + 2_000);
    proxy.thaw();
    expect((await pool.query<{ three: number }>('SELECT 3 AS three')).rows).toEqual([{ three: 3 }]);
  });

  test('a transaction left without an answer fails, and its connection is closed rather than handed to the next transaction', async () => {
    const { error } = await timedRejection(() =>
      withTransaction(pool, async (client) => {
        await client.query('INSERT INTO items VALUES (1)');
        proxy.freeze();
        await client.query('SELECT 1');
      }),
    );
    expect(isConnectionLost(error)).toBe(true);
    proxy.thaw();
    // The pool holds one connection. Handed on, it would answer the next BEGIN inside the first transaction, and commit its row too.
    await withTransaction(pool, (client) => client.query('INSERT INTO items VALUES (2)'));
    expect(await storedIds()).toEqual([2]);
  });

  test('no connection within the connect deadline, whether none is free or a new one goes unanswered: unavailable, nothing sent', async () => {
    const held: PoolClient = await pool.connect();
    try {
      const busy = await timedRejection(() => pool.query('SELECT 1'));
      expect(isDatabaseUnavailable(busy.error)).toBe(true);
      expect(isConnectionLost(busy.error)).toBe(false);
      expect(busy.elapsedMs).toBeLessThan(QUICK.connectMs + 2_000);
    } finally {
      held.release(true);
    }
    proxy.freeze();
    const unanswered = await timedRejection(() => pool.query('SELECT 1'));
    expect(isDatabaseUnavailable(unanswered.error)).toBe(true);
    expect(isConnectionLost(unanswered.error)).toBe(false);
    expect(unanswered.elapsedMs).toBeLessThan(QUICK.connectMs + 2_000);
  });

  test('the server ends a session left idle in a transaction, and rolls that transaction back', async () => {
    const client = await pool.connect();
    client.on('error', () => undefined);
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO items VALUES (1)');
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await until('ended by the server', async () => (await db.pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0, 5_000);
      expect(isDatabaseUnavailable(await rejectionOf(client.query('SELECT 1')))).toBe(true);
    } finally {
      client.release(true);
    }
    expect(await storedIds()).toEqual([]);
  });

  test('migrations have no deadline: one that runs longer than every deadline is applied, and its connection is closed after', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'strongroom-migrations-'));
    try {
      await writeFile(join(directory, '0001_slow.sql'), `SELECT pg_sleep(${(QUICK.answerMs + 400) / 1000}); CREATE TABLE slow.done (id integer);`);
      expect(await migrate(pool, { schema: 'slow', directory })).toEqual([1]);
      expect(pool.totalCount).toBe(0);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
