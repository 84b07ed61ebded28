import { createTestDatabase, rejectionOf, type TestDatabase } from '@strongroom/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateStorage } from '../src';
import { BlobStore } from '../src/blob-store';
import { bindBlobVolume, VOLUME_ID_FILE } from '../src/blob-volume';

const BLOB_ID = '0a000000-0000-4000-8000-000000000000';

let db: TestDatabase;
const directories: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateStorage(db.pool);
});
afterAll(async () => {
  await db.drop();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});
beforeEach(async () => {
  await db.pool.query('TRUNCATE storage.volume, storage.blobs CASCADE');
});

async function blobDirectory(withBlobFile = false): Promise<BlobStore> {
  const directory = mkdtempSync(join(tmpdir(), 'strongroom-volume-'));
  directories.push(directory);
  const blobs = new BlobStore(directory);
  await blobs.init();
  if (withBlobFile) writeFileSync(blobs.pathOf(BLOB_ID), 'sealed bytes');
  return blobs;
}

const fileId = (blobs: BlobStore) => readFileSync(join(blobs.root, VOLUME_ID_FILE), 'utf8').trim();
const databaseId = async () => (await db.pool.query<{ volume_id: string }>('SELECT volume_id FROM storage.volume')).rows.map((row) => row.volume_id);

describe('binding the blob directory and the database to one volume', () => {
  test('a new database and an empty directory get one id, in the row and the file', async () => {
    const blobs = await blobDirectory();
    const volumeId = await bindBlobVolume(db.pool, blobs);
    expect(await databaseId()).toEqual([volumeId]);
    expect(fileId(blobs)).toBe(volumeId);
    expect(await bindBlobVolume(db.pool, blobs)).toBe(volumeId);
  });

  test('replicas on one database and one directory starting together agree on one id', async () => {
    const blobs = await blobDirectory();
    const ids = await Promise.all(Array.from({ length: 8 }, () => bindBlobVolume(db.pool, blobs)));
    expect(new Set(ids).size).toBe(1);
    expect(await databaseId()).toEqual([ids[0]]);
    expect(fileId(blobs)).toBe(ids[0]);
  });

  test('a deployment upgrading (blob files and rows, neither file nor id) adopts its directory', async () => {
    const blobs = await blobDirectory(true);
    await db.pool.query('INSERT INTO storage.blobs (blob_id, sealed_length, ref_count) VALUES ($1, 12, 1)', [BLOB_ID]);
    const volumeId = await bindBlobVolume(db.pool, blobs);
    expect(await databaseId()).toEqual([volumeId]);
    expect(fileId(blobs)).toBe(volumeId);
  });

  test('a database that names no blob refuses a directory of blob files without the file, and writes nothing', async () => {
    const blobs = await blobDirectory(true);
    const error = await rejectionOf(bindBlobVolume(db.pool, blobs));
    expect((error as Error).message).toContain(`the blob directory ${blobs.root} holds blob files but no ${VOLUME_ID_FILE} file`);
    expect((error as Error).message).toContain('STRONGROOM_DATA_DIR');
    expect(await databaseId()).toEqual([]);
    expect(() => fileId(blobs)).toThrow(/ENOENT/);
  });

  test('a database with an id refuses a directory of blob files without the file, and writes its id to an empty one', async () => {
    const volumeId = await bindBlobVolume(db.pool, await blobDirectory());
    const unknown = await blobDirectory(true);
    const error = await rejectionOf(bindBlobVolume(db.pool, unknown));
    expect((error as Error).message).toContain(`this database belongs to volume ${volumeId}`);
    expect((error as Error).message).toContain(`write ${volumeId} into ${join(unknown.root, VOLUME_ID_FILE)}`);
    const empty = await blobDirectory();
    expect(await bindBlobVolume(db.pool, empty)).toBe(volumeId);
    expect(fileId(empty)).toBe(volumeId);
  });

  test('a directory of another volume is refused, naming its file and both ids but not the database URL', async () => {
    const blobs = await blobDirectory();
    const theirs = await bindBlobVolume(db.pool, blobs);
    await db.pool.query('TRUNCATE storage.volume');
    const noId = await rejectionOf(bindBlobVolume(db.pool, blobs));
    expect((noId as Error).message).toContain(`${join(blobs.root, VOLUME_ID_FILE)} names volume ${theirs}, but this database has no volume id`);
    const ours = await bindBlobVolume(db.pool, await blobDirectory());
    const other = await rejectionOf(bindBlobVolume(db.pool, blobs));
    expect((other as Error).message).toContain(`names volume ${theirs}, but this database belongs to volume ${ours}`);
    expect((other as Error).message).not.toContain(db.url);
    expect(fileId(blobs)).toBe(theirs);
  });
});
