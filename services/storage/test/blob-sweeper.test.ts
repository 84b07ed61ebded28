import { createPool, isConnectionLost, type DatabaseDeadlines, type Pool } from '@strongroom/db';
import { createLogger } from '@strongroom/observability';
import { createTestDatabase, rejectionOf, startPostgresProxy, until, type PostgresProxy, type TestDatabase } from '@strongroom/testing';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateStorage } from '../src';
import { BlobStore, type BlobFileInfo } from '../src/blob-store';
import { BlobSweeper } from '../src/blob-sweeper';

const QUICK: DatabaseDeadlines = { statementMs: 400, answerMs: 1500, connectMs: 500, idleInTransactionMs: 5000 };

describe('the blob sweeper when PostgreSQL stops answering', () => {
  let db: TestDatabase;
  let proxy: PostgresProxy;
  let pool: Pool;
  let directory: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateStorage(db.pool);
    proxy = await startPostgresProxy(db.url);
    pool = createPool({ connectionString: proxy.url, applicationName: 'sweeper', deadlines: QUICK });
    directory = mkdtempSync(join(tmpdir(), 'strongroom-sweeper-'));
  });
  afterAll(async () => {
    proxy.thaw();
    await pool.end();
    await proxy.close();
    await db.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  test('a sweep whose statement goes unanswered fails with that error after one answer deadline, and closes its connection, which lets go of the sweep', async () => {
    /** A blob directory whose first shard's listing is the moment the server falls silent. */
    class SilencingStore extends BlobStore {
      override async listShard(shard: string): Promise<BlobFileInfo[]> {
        const files = await super.listShard(shard);
        if (shard === '00') proxy.freeze();
        return files;
      }
    }
    const blobs = new SilencingStore(directory);
    await blobs.init();
    const orphan = join(directory, '00', '00000000-0000-4000-8000-000000000000');
    writeFileSync(orphan, 'orphan');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(orphan, twoHoursAgo, twoHoursAgo);
    const sweeper = new BlobSweeper({ pool, blobs, logger: createLogger({ name: 'sweeper-test', level: 'silent' }), graceMs: 3_600_000, now: Date.now });

    const started = performance.now();
    const error = await rejectionOf(sweeper.sweep());
    const elapsedMs = performance.now() - started;
    expect(isConnectionLost(error)).toBe(true);
    expect(elapsedMs).toBeLessThan(1.5 * QUICK.answerMs);
    proxy.thaw();
    const claim = "SELECT pg_try_advisory_lock(hashtext('strongroom:storage:blob-sweeper')) AS claimed";
    const other = await db.pool.connect();
    try {
      await until('the sweep lock free', async () => (await other.query<{ claimed: boolean }>(claim)).rows[0]!.claimed, 5_000);
    } finally {
      other.release(true);
    }
  });
});
