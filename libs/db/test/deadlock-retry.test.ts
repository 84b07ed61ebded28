import { createTestDatabase, until, type TestDatabase } from '@strongroom/testing';
import { retryingDeadlocks } from '../src/deadlock-retry';
import { withTransaction } from '../src/pool';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(`CREATE TABLE rows (id text PRIMARY KEY, touched integer NOT NULL DEFAULT 0)`);
  await db.pool.query(`INSERT INTO rows (id) VALUES ('a'), ('b')`);
});

afterAll(async () => {
  await db.drop();
});

const waitingOnLocks = async () => (await db.pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rowCount ?? 0;

describe('retryingDeadlocks', () => {
  it('runs a transaction PostgreSQL rolled back to break a deadlock again, and returns what the run that committed returned', async () => {
    const other = await db.pool.connect();
    let attempts = 0;
    let otherCommitted = (): void => undefined;
    const committed = new Promise<void>((resolve) => (otherCommitted = resolve));
    try {
      // The other transaction holds a and looks for deadlocks only after 30 s, so the retried one is the victim.
      await other.query('BEGIN');
      await other.query(`SET LOCAL deadlock_timeout = '30s'`);
      await other.query(`UPDATE rows SET touched = touched + 1 WHERE id = 'a'`);
      const retried = retryingDeadlocks(() =>
        withTransaction(db.pool, async (client) => {
          attempts += 1;
          // A retry waits for the other transaction to finish: the victim's rollback frees row b, and a retry quicker than the
          // other backend's wake-up would take it first and close the same cycle again (three times over on a busy machine).
          if (attempts > 1) await committed;
          // Its own check comes 3 s into its wait: time enough for the other transaction to close the cycle, however busy the machine.
          await client.query(`SET LOCAL deadlock_timeout = '3s'`);
          await client.query(`UPDATE rows SET touched = touched + 1 WHERE id = 'b'`);
          await client.query(`UPDATE rows SET touched = touched + 1 WHERE id = 'a'`);
          return attempts;
        }),
      );
      await until('waiting on row a', async () => (await waitingOnLocks()) === 1);
      await other.query(`UPDATE rows SET touched = touched + 1 WHERE id = 'b'`);
      await other.query('COMMIT');
      otherCommitted();
      expect(await retried).toBe(2);
    } finally {
      await other.query('ROLLBACK'); // a no-op unless the test failed holding the locks
      other.release();
    }
    const { rows } = await db.pool.query<{ id: string; touched: number }>(`SELECT id, touched FROM rows ORDER BY id`);
    expect(rows).toEqual([
      { id: 'a', touched: 2 },
      { id: 'b', touched: 2 },
    ]);
  });

  it('passes any other failure on at once', async () => {
    let attempts = 0;
    const failure = new Error('not a deadlock');
    await expect(
      retryingDeadlocks(() => {
        attempts += 1;
        return Promise.reject(failure);
      }),
    ).rejects.toBe(failure);
    expect(attempts).toBe(1);
  });
});
