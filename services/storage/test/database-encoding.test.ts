import { createTestDatabase, rejectionOf, type TestDatabase } from '@strongroom/testing';
import { migrateStorage } from '../src';

describe("storage's database encoding", () => {
  const databases: TestDatabase[] = [];

  async function databaseIn(encoding: string): Promise<TestDatabase> {
    const db = await createTestDatabase({ encoding });
    databases.push(db);
    return db;
  }

  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('refuses a database whose encoding cannot hold every key, naming the encoding', async () => {
    const db = await databaseIn('LATIN1');

    const failure = await rejectionOf(migrateStorage(db.pool));

    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^migration storage\/\d{4}_require_unicode_database\.sql failed: storage needs a database in UTF8 encoding, and this one is in LATIN1$/);
  });

  it.each(['UTF8', 'SQL_ASCII'])('takes a database in %s', async (encoding) => {
    const db = await databaseIn(encoding);

    await migrateStorage(db.pool);

    const { rows } = await db.pool.query<{ name: string }>("SELECT name FROM storage.schema_migrations WHERE name LIKE '%require_unicode_database%'");
    expect(rows).toHaveLength(1);
  });
});
