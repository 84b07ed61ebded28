import { createTestDatabase, type TestDatabase } from '@strongroom/testing';
import { UNIQUE_VIOLATION, closePool, createPool, isSqlState, run, withTransaction } from '../src/pool';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(`CREATE TABLE items (id integer PRIMARY KEY, label text NOT NULL)`);
});

afterAll(async () => {
  await db.drop();
});

beforeEach(async () => {
  await db.pool.query(`TRUNCATE items`);
});

async function labels(): Promise<string[]> {
  return (await db.pool.query<{ label: string }>(`SELECT label FROM items ORDER BY id`)).rows.map((row) => row.label);
}

/** Connections checked out of the pool and not yet released. */
const checkedOut = (): number => db.pool.totalCount - db.pool.idleCount;

describe('withTransaction', () => {
  it('commits every statement when the work resolves, and returns its result', async () => {
    const result = await withTransaction(db.pool, async (client) => {
      await client.query(`INSERT INTO items VALUES (1, 'one')`);
      await client.query(`INSERT INTO items VALUES (2, 'two')`);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await labels()).toEqual(['one', 'two']);
    expect(checkedOut()).toBe(0);
  });

  it('runs the work on one connection inside one transaction', async () => {
    const seen = await withTransaction(db.pool, async (client) => {
      const first = await client.query<{ xid: string; pid: number }>(`SELECT pg_current_xact_id()::text AS xid, pg_backend_pid() AS pid`);
      const second = await client.query<{ xid: string; pid: number }>(`SELECT pg_current_xact_id()::text AS xid, pg_backend_pid() AS pid`);
      return [first.rows[0], second.rows[0]];
    });
    expect(seen[0]).toEqual(seen[1]);
  });

  it('keeps uncommitted writes invisible to other connections', async () => {
    await withTransaction(db.pool, async (client) => {
      await client.query(`INSERT INTO items VALUES (1, 'pending')`);
      expect(await labels()).toEqual([]);
    });
    expect(await labels()).toEqual(['pending']);
  });

  it('rolls back everything and rethrows the same error when the work throws', async () => {
    const failure = new Error('stop here');
    await expect(
      withTransaction(db.pool, async (client) => {
        await client.query(`INSERT INTO items VALUES (1, 'one')`);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await labels()).toEqual([]);
    expect(checkedOut()).toBe(0);
  });

  it('throws when the work swallowed a failed statement, as PostgreSQL rolls back the COMMIT of a failed transaction', async () => {
    const outcome = await withTransaction(db.pool, async (client) => {
      await client.query(`INSERT INTO items VALUES (1, 'one')`);
      await client.query(`INSERT INTO items VALUES (1, 'duplicate')`).catch(() => undefined);
      return 'claimed success';
    }).catch((caught: unknown) => caught);
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toMatch(/not committed.*ROLLBACK/);
    expect(await labels()).toEqual([]);
    expect(checkedOut()).toBe(0);
  });

  it('rolls back when a statement fails, and the released connection is clean', async () => {
    const error = await withTransaction(db.pool, async (client) => {
      await client.query(`INSERT INTO items VALUES (1, 'one')`);
      await client.query(`INSERT INTO items VALUES (1, 'duplicate')`);
    }).catch((caught: unknown) => caught);
    expect(isSqlState(error, UNIQUE_VIOLATION)).toBe(true);
    expect(await labels()).toEqual([]);
    expect(checkedOut()).toBe(0);

    const clients = await Promise.all(Array.from({ length: db.pool.totalCount }, () => db.pool.connect()));
    try {
      for (const client of clients) {
        // Inside a transaction now() is the transaction's start; outside, each statement is its own transaction.
        const { rows } = await client.query<{ state: string }>(`SELECT CASE WHEN now() = statement_timestamp() THEN 'idle' ELSE 'in transaction' END AS state`);
        expect(rows[0]!.state).toBe('idle');
      }
    } finally {
      for (const client of clients) client.release();
    }
  });
});

describe('a connection lost while a transaction holds it', () => {
  it('fails the transaction, leaves the process running, and the pool serves on with a new connection', async () => {
    const error = await withTransaction(db.pool, async (client) => {
      await client.query(`INSERT INTO items VALUES (1, 'one')`);
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const other = await db.pool.connect();
      try {
        await other.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      } finally {
        other.release();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      await client.query(`INSERT INTO items VALUES (2, 'two')`);
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(await labels()).toEqual([]);
    expect(checkedOut()).toBe(0);
  });
});

describe('run', () => {
  it('runs a named, parameterised query and returns its rows', async () => {
    await db.pool.query(`INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')`);
    const query = { name: 'ItemsAbove', text: `SELECT id, label FROM items WHERE id > $1::integer ORDER BY id` };
    expect(await run(db.pool, query, [1])).toEqual([
      { id: 2, label: 'two' },
      { id: 3, label: 'three' },
    ]);
    expect(await run(db.pool, query, [2])).toEqual([{ id: 3, label: 'three' }]);
  });

  it('works on a transaction client too', async () => {
    const rows = await withTransaction(db.pool, async (client) => {
      await run(client, { name: 'InsertItem', text: `INSERT INTO items (id, label) VALUES ($1, $2)` }, [7, 'seven']);
      return run<{ label: string }>(client, { name: 'ItemLabel', text: `SELECT label FROM items WHERE id = $1` }, [7]);
    });
    expect(rows).toEqual([{ label: 'seven' }]);
  });
});

describe('isSqlState', () => {
  it('matches a Postgres error by SQLSTATE only', async () => {
    await db.pool.query(`INSERT INTO items VALUES (1, 'one')`);
    const error = await db.pool.query(`INSERT INTO items VALUES (1, 'again')`).catch((caught: unknown) => caught);
    expect(isSqlState(error, UNIQUE_VIOLATION)).toBe(true);
    expect(isSqlState(error, '22012')).toBe(false);
    expect(isSqlState(new Error('plain'), UNIQUE_VIOLATION)).toBe(false);
    expect(isSqlState(undefined, UNIQUE_VIOLATION)).toBe(false);
    expect(isSqlState('23505', UNIQUE_VIOLATION)).toBe(false);
  });
});

describe('closePool', () => {
  it('resolves once every connection of the pool has closed, not once each was asked to (pg end()), so a database stopped next finds none open', async () => {
    const pool = createPool({ connectionString: db.url, applicationName: 'close-pool-test' });
    const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
    let ended = 0;
    for (const client of clients) {
      client.once('end', () => (ended += 1));
      client.release();
    }
    await closePool(pool);
    expect(ended).toBe(3);
  });
});
