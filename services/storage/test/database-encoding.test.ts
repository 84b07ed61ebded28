import { createTestDatabase, rejectionOf, type TestDatabase } from '@strongroom/testing';
import { migrateStorage } from '../src';

describe("storage's database encoding", () => {
  const databases: TestDatabase[] = [];

  async function databaseIn(encoding: string): Promise<TestDatabase> {
    const db = await createTestDatabase({ encoding });
    databases.push(db);
    return db;
  }

  async function storageSchemaExists(db: TestDatabase): Promise<boolean> {
    const { rows } = await db.pool.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = 'storage'");
    return rows.length === 1;
  }

  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('refuses a database whose encoding cannot hold every key, naming the encoding, before creating anything in it', async () => {
    const db = await databaseIn('LATIN1');

    const failure = await rejectionOf(migrateStorage(db.pool));

    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe("storage needs a database in UTF8 encoding, and this one is in LATIN1: create one with ENCODING 'UTF8' and point DATABASE_URL at it");
    expect(await storageSchemaExists(db)).toBe(false);
  });

  it.each(['UTF8', 'SQL_ASCII'])('takes a database in %s', async (encoding) => {
    const db = await databaseIn(encoding);

    await migrateStorage(db.pool);

    expect(await storageSchemaExists(db)).toBe(true);
  });
});
