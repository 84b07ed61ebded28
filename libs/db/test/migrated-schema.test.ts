import { StartRefused } from '@strongroom/config';
import { createTestDatabase, type TestDatabase } from '@strongroom/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../src/migrate';
import { migrationDrift, requireMigratedSchema } from '../src/migrated-schema';

const MIGRATE_COMMAND = 'node --import tsx services/shelf/src/main.ts migrate';

let db: TestDatabase;
let directory: string;

beforeAll(async () => {
  db = await createTestDatabase();
  directory = await mkdtemp(join(tmpdir(), 'strongroom-migrated-schema-'));
  await writeFile(join(directory, '0001_create_shelf.sql'), 'CREATE TABLE shelf.books (id integer PRIMARY KEY);');
  await writeFile(join(directory, '0002_add_title.sql'), 'ALTER TABLE shelf.books ADD COLUMN title text;');
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
  await db.drop();
});

/** The refusal of a start on the shelf schema as it is now, or undefined when it starts. */
async function refusal(): Promise<string | undefined> {
  try {
    await requireMigratedSchema(db.pool, { schema: 'shelf', directory, migrateCommand: MIGRATE_COMMAND });
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(StartRefused);
    return (error as Error).message;
  }
}

// One database walked through the states in order: never migrated, behind, migrated, ahead.
describe('requireMigratedSchema', () => {
  it('refuses a schema never migrated, naming the command that migrates it', async () => {
    expect(await migrationDrift(db.pool, { schema: 'shelf', directory })).toEqual({ known: ['0001_create_shelf.sql', '0002_add_title.sql'], pending: ['0001_create_shelf.sql', '0002_add_title.sql'], unknown: [] });
    expect(await refusal()).toBe(`the shelf schema has never been migrated (none of its 2 migrations has run): run \`${MIGRATE_COMMAND}\` first`);
  });

  it('refuses a schema behind the code, naming the first migration it lacks', async () => {
    await db.pool.query(`CREATE SCHEMA shelf; CREATE TABLE shelf.schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE shelf.books (id integer PRIMARY KEY); INSERT INTO shelf.schema_migrations (id, name) VALUES (1, '0001_create_shelf.sql')`);
    expect(await refusal()).toBe(`the shelf schema is behind this release (1 of its 2 migrations have not run, from 0002_add_title.sql): run \`${MIGRATE_COMMAND}\` first`);
  });

  it('lets a schema that has every migration start', async () => {
    expect(await migrate(db.pool, { schema: 'shelf', directory })).toEqual([2]);
    expect(await refusal()).toBeUndefined();
  });

  it('refuses a schema a newer release migrated (an image rolled back), naming its migrations', async () => {
    await db.pool.query(`INSERT INTO shelf.schema_migrations (id, name) VALUES (3, '0003_add_isbn.sql')`);
    expect(await refusal()).toBe(
      'the shelf schema has migrations this release does not have (0003_add_isbn.sql): a newer release migrated it; run that release, or restore the database from before its migration',
    );
  });
});
