import { StartRefused } from '@strongroom/config';
import { createTestDatabase, type TestDatabase } from '@strongroom/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '../src/migrate';

let db: TestDatabase;
let directories: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db.drop();
});

afterEach(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
  directories = [];
});

/** A temporary directory holding the given migration files. */
async function migrations(files: Record<string, string>): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'strongroom-migrations-'));
  directories.push(directory);
  await addFiles(directory, files);
  return directory;
}

async function addFiles(directory: string, files: Record<string, string>): Promise<void> {
  for (const [name, sql] of Object.entries(files)) await writeFile(join(directory, name), sql);
}

async function rows<R>(sql: string): Promise<R[]> {
  return (await db.pool.query(sql)).rows as R[];
}

async function appliedIds(schema: string): Promise<number[]> {
  return (await rows<{ id: number }>(`SELECT id FROM ${schema}.schema_migrations ORDER BY id`)).map((row) => row.id);
}

async function tableExists(qualified: string): Promise<boolean> {
  const [row] = await rows<{ exists: boolean }>(`SELECT to_regclass('${qualified}') IS NOT NULL AS exists`);
  return row!.exists;
}

describe('migrate', () => {
  it('creates the schema and applies numbered files in numeric order, once each', async () => {
    const directory = await migrations({
      '0010_seed.sql': `INSERT INTO ordered.log (id) VALUES (10);`,
      '0002_add_column.sql': `ALTER TABLE ordered.log ADD COLUMN note text NOT NULL DEFAULT 'two'; INSERT INTO ordered.log (id) VALUES (2);`,
      '0001_create_log.sql': `CREATE TABLE ordered.log (seq serial PRIMARY KEY, id integer NOT NULL); INSERT INTO ordered.log (id) VALUES (1);`,
      'README.md': 'not a migration',
      'notes.sql.bak': 'SELECT broken FROM',
    });

    expect(await migrate(db.pool, { schema: 'ordered', directory })).toEqual([1, 2, 10]);
    expect(await rows(`SELECT id, note FROM ordered.log ORDER BY seq`)).toEqual([
      { id: 1, note: 'two' },
      { id: 2, note: 'two' },
      { id: 10, note: 'two' },
    ]);
    const recorded = await rows<{ id: number; name: string }>(`SELECT id, name FROM ordered.schema_migrations ORDER BY id`);
    expect(recorded).toEqual([
      { id: 1, name: '0001_create_log.sql' },
      { id: 2, name: '0002_add_column.sql' },
      { id: 10, name: '0010_seed.sql' },
    ]);
  });

  it('is idempotent, and a later run applies only the new files', async () => {
    const directory = await migrations({
      '0001_create.sql': `CREATE TABLE again.items (id integer PRIMARY KEY); INSERT INTO again.items VALUES (1);`,
    });
    expect(await migrate(db.pool, { schema: 'again', directory })).toEqual([1]);
    expect(await migrate(db.pool, { schema: 'again', directory })).toEqual([]);
    expect(await rows(`SELECT id FROM again.items`)).toEqual([{ id: 1 }]);

    await addFiles(directory, { '0002_more.sql': `INSERT INTO again.items VALUES (2);` });
    expect(await migrate(db.pool, { schema: 'again', directory })).toEqual([2]);
    expect(await migrate(db.pool, { schema: 'again', directory })).toEqual([]);
    expect(await rows(`SELECT id FROM again.items ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await appliedIds('again')).toEqual([1, 2]);
  });

  it('rolls a failing migration back entirely, reports it, and stops there', async () => {
    const directory = await migrations({
      '0001_good.sql': `CREATE TABLE failing.a (id integer);`,
      '0002_bad.sql': `CREATE TABLE failing.b (id integer); INSERT INTO failing.a VALUES (1); SELECT 1 / 0;`,
      '0003_after.sql': `CREATE TABLE failing.c (id integer);`,
    });

    const failure = await migrate(db.pool, { schema: 'failing', directory }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('migration failing/0002_bad.sql failed: division by zero');
    expect((failure as Error).cause).toEqual(expect.objectContaining({ code: '22012', message: 'division by zero' }));

    expect(await appliedIds('failing')).toEqual([1]);
    expect(await tableExists('failing.a')).toBe(true);
    expect(await rows(`SELECT id FROM failing.a`)).toEqual([]);
    expect(await tableExists('failing.b')).toBe(false);
    expect(await tableExists('failing.c')).toBe(false);

    await addFiles(directory, { '0002_bad.sql': `CREATE TABLE failing.b (id integer);` });
    expect(await migrate(db.pool, { schema: 'failing', directory })).toEqual([2, 3]);
    expect(await tableExists('failing.c')).toBe(true);
  });

  it('returns its connection to the pool and releases the lock after a failure', async () => {
    const directory = await migrations({ '0001_bad.sql': `SELECT * FROM missing_table;` });
    await expect(migrate(db.pool, { schema: 'released', directory })).rejects.toThrow('migration released/0001_bad.sql failed');
    const [held] = await rows<{ count: string }>(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
    expect(held!.count).toBe('0');
    expect(db.pool.totalCount - db.pool.idleCount).toBe(0);
  });

  it('lets two concurrent runs apply each file once', async () => {
    const directory = await migrations({
      '0001_slow.sql': `SELECT pg_sleep(0.3); CREATE TABLE racing.t (id integer PRIMARY KEY); INSERT INTO racing.t VALUES (1);`,
      '0002_next.sql': `INSERT INTO racing.t VALUES (2);`,
    });
    const results = await Promise.all([
      migrate(db.pool, { schema: 'racing', directory }),
      migrate(db.pool, { schema: 'racing', directory }),
    ]);
    expect(results).toEqual(expect.arrayContaining([[1, 2], []]));
    expect(await rows(`SELECT id FROM racing.t ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await appliedIds('racing')).toEqual([1, 2]);
  });

  it('waits while another session holds the schema advisory lock', async () => {
    const directory = await migrations({ '0001_create.sql': `CREATE TABLE locked.t (id integer);` });
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext('strongroom:migrate:locked'))`);
      let settled = false;
      const running = migrate(db.pool, { schema: 'locked', directory }).finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      expect(await tableExists('locked.schema_migrations')).toBe(false);

      await holder.query(`SELECT pg_advisory_unlock(hashtext('strongroom:migrate:locked'))`);
      expect(await running).toEqual([1]);
      expect(await tableExists('locked.t')).toBe(true);
    } finally {
      await holder.end();
    }
  });

  it('keeps schemas apart: the same numbers apply independently per schema', async () => {
    const first = await migrations({ '0001_create.sql': `CREATE TABLE alpha.t (id integer);` });
    const second = await migrations({ '0001_create.sql': `CREATE TABLE beta.t (id integer);` });
    expect(await migrate(db.pool, { schema: 'alpha', directory: first })).toEqual([1]);
    expect(await migrate(db.pool, { schema: 'beta', directory: second })).toEqual([1]);
    expect(await tableExists('alpha.t')).toBe(true);
    expect(await tableExists('beta.t')).toBe(true);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    const directory = await migrations({ '0001_create.sql': `SELECT 1;` });
    await expect(migrate(db.pool, { schema: 'x"; DROP SCHEMA public; --', directory })).rejects.toThrow('invalid schema name');
    await expect(migrate(db.pool, { schema: 'Upper', directory })).rejects.toThrow('invalid schema name');
    expect(await tableExists('public.schema_migrations')).toBe(false);
  });

  it('refuses a .sql file that is not named NNNN_lower_snake.sql, applying nothing', async () => {
    const directory = await migrations({ '0001_create.sql': 'CREATE TABLE misnamed.t (id int);', '0002-add.sql': 'SELECT 1;' });
    await expect(migrate(db.pool, { schema: 'misnamed', directory })).rejects.toThrow('0002-add.sql');
    expect(await tableExists('misnamed.t')).toBe(false);
  });

  it('refuses a migration numbered below one already applied', async () => {
    const directory = await migrations({ '0001_first.sql': 'CREATE TABLE late.a (id int);', '0003_third.sql': 'CREATE TABLE late.c (id int);' });
    expect(await migrate(db.pool, { schema: 'late', directory })).toEqual([1, 3]);
    await addFiles(directory, { '0002_second.sql': 'CREATE TABLE late.b (id int);' });
    await expect(migrate(db.pool, { schema: 'late', directory })).rejects.toThrow('older than the applied 3');
    expect(await tableExists('late.b')).toBe(false);
  });

  it('refuses a file with the number of an applied migration of another name, rather than skip it', async () => {
    const directory = await migrations({ '0001_first.sql': 'CREATE TABLE reused.a (id int);' });
    expect(await migrate(db.pool, { schema: 'reused', directory })).toEqual([1]);
    await rm(join(directory, '0001_first.sql'));
    await addFiles(directory, { '0001_other.sql': 'CREATE TABLE reused.b (id int);' });
    await expect(migrate(db.pool, { schema: 'reused', directory })).rejects.toThrow('migration reused/0001_other.sql has the number of the applied 0001_first.sql: a number is never reused');
  });

  it('refuses a schema a newer release migrated (a migration it lacks), naming that migration and applying nothing', async () => {
    const directory = await migrations({ '0001_first.sql': 'CREATE TABLE ahead.a (id int);' });
    expect(await migrate(db.pool, { schema: 'ahead', directory })).toEqual([1]);
    await db.pool.query(`INSERT INTO ahead.schema_migrations (id, name) VALUES (3, '0003_newer.sql')`);
    await addFiles(directory, { '0002_second.sql': 'CREATE TABLE ahead.b (id int);' });
    const refusal = migrate(db.pool, { schema: 'ahead', directory });
    await expect(refusal).rejects.toBeInstanceOf(StartRefused);
    await expect(refusal).rejects.toThrow('the ahead schema has migrations this release does not have (0003_newer.sql): a newer release migrated it');
    expect(await tableExists('ahead.b')).toBe(false);
  });
});
