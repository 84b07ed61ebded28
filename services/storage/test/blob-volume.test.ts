import { createPool, closePool } from '@strongroom/db';
import { createTestDatabase, rejectionOf, type TestDatabase } from '@strongroom/testing';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { link } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { migrateStorage } from '../src';
import { BlobStore } from '../src/blob-store';
import { bindBlobVolume, VOLUME_ID_FILE } from '../src/blob-volume';
import * as directorySyncer from '../src/directory-syncer';

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
  await db.pool.query('TRUNCATE storage.volume, storage.blobs, storage.buckets CASCADE');
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
const volumeRows = async () => (await db.pool.query<{ volume_id: string; pending: boolean }>('SELECT volume_id, pending FROM storage.volume')).rows;
const nameBlob = () => db.pool.query('INSERT INTO storage.blobs (blob_id, sealed_length, ref_count) VALUES ($1, 12, 1)', [BLOB_ID]);
const addBucket = () =>
  db.pool.query(`INSERT INTO storage.buckets (bucket_id, name, owner_account_id, region) VALUES ($1, 'kept', '123456789012', 'us-east-1')`, [
    'b0000000-0000-4000-8000-000000000000',
  ]);
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
    await nameBlob();
    const volumeId = await bindBlobVolume(db.pool, blobs);
    expect(await volumeRows()).toEqual([{ volume_id: volumeId, pending: false }]);
    expect(fileId(blobs)).toBe(volumeId);
  });

  test('replicas of a deployment upgrading, starting a few ms apart on a slow volume, all adopt the directory with one id', async () => {
    await nameBlob();
    // A network volume's link takes a while: the window in which the first replica has given the database its id but not the directory.
    const slowLink = (existingPath: string, newPath: string) => sleep(20).then(() => link(existingPath, newPath));
    for (let round = 0; round < 10; round++) {
      const blobs = await blobDirectory(true);
      await db.pool.query('TRUNCATE storage.volume');
      const ids = await Promise.all(Array.from({ length: 6 }, (_, replica) => sleep(replica).then(() => bindBlobVolume(db.pool, blobs, { linkFile: slowLink }))));
      expect(new Set(ids).size).toBe(1);
      expect(await volumeRows()).toEqual([{ volume_id: ids[0], pending: false }]);
      expect(fileId(blobs)).toBe(ids[0]);
    }
  });

  test('an adoption stopped after its row was written, before the file, is finished by the next start', async () => {
    const blobs = await blobDirectory(true);
    await nameBlob();
    const pendingId = 'a0000000-0000-4000-8000-000000000001';
    await db.pool.query('INSERT INTO storage.volume (volume_id, pending) VALUES ($1, true)', [pendingId]);
    expect(await bindBlobVolume(db.pool, blobs)).toBe(pendingId);
    expect(fileId(blobs)).toBe(pendingId);
    expect(await volumeRows()).toEqual([{ volume_id: pendingId, pending: false }]);
  });

  test('an adoption stopped after its file was linked is confirmed by the next start', async () => {
    const blobs = await blobDirectory(true);
    await nameBlob();
    const pendingId = 'a0000000-0000-4000-8000-000000000002';
    await db.pool.query('INSERT INTO storage.volume (volume_id, pending) VALUES ($1, true)', [pendingId]);
    writeFileSync(join(blobs.root, VOLUME_ID_FILE), `${pendingId}\n`);
    expect(await bindBlobVolume(db.pool, blobs)).toBe(pendingId);
    expect(await volumeRows()).toEqual([{ volume_id: pendingId, pending: false }]);
  });

  test('a database holding storage data but no blob row (the files orphans or in their grace period) adopts its directory', async () => {
    const blobs = await blobDirectory(true);
    await db.pool.query(`INSERT INTO storage.buckets (bucket_id, name, owner_account_id, region) VALUES ($1, 'kept', '123456789012', 'us-east-1')`, [
      'b0000000-0000-4000-8000-000000000000',
    ]);
    const volumeId = await bindBlobVolume(db.pool, blobs);
    expect(await volumeRows()).toEqual([{ volume_id: volumeId, pending: false }]);
    expect(fileId(blobs)).toBe(volumeId);
  });

  test('a database holding no storage data refuses a directory of blob files without the file, says what to do, and writes nothing', async () => {
    const blobs = await blobDirectory(true);
    const error = await rejectionOf(bindBlobVolume(db.pool, blobs));
    expect((error as Error).message).toContain(`the blob directory ${blobs.root} holds blob files but no ${VOLUME_ID_FILE} file, and this database holds no storage data at all`);
    expect((error as Error).message).toContain('the files cannot be its data');
    expect((error as Error).message).toContain('Point STRONGROOM_DATA_DIR at an empty directory, or DATABASE_URL at the database of these files.');
    expect(await databaseId()).toEqual([]);
    expect(() => fileId(blobs)).toThrow(/ENOENT/);
  });

  test.each(['EPERM', 'ENOTSUP', 'EOPNOTSUPP'])('a volume whose link() fails with %s gets the file created exclusively', async (code) => {
    const blobs = await blobDirectory();
    const noHardLinks = () => Promise.reject(Object.assign(new Error(`${code}: operation not permitted, link`), { code }));
    const volumeId = await bindBlobVolume(db.pool, blobs, { linkFile: noHardLinks });
    expect(fileId(blobs)).toBe(volumeId);
    expect(await volumeRows()).toEqual([{ volume_id: volumeId, pending: false }]);
    expect(readdirSync(join(blobs.root, 'tmp'))).toEqual([]);
    expect(await bindBlobVolume(db.pool, blobs, { linkFile: noHardLinks })).toBe(volumeId);
  });

  test('a volume file left empty by a start that stopped while writing it is refused, saying what to do', async () => {
    const blobs = await blobDirectory();
    writeFileSync(join(blobs.root, VOLUME_ID_FILE), '');
    const error = await rejectionOf(bindBlobVolume(db.pool, blobs));
    expect((error as Error).message).toContain(`${join(blobs.root, VOLUME_ID_FILE)} holds nothing, not a volume id`);
    expect((error as Error).message).toContain('remove the file and start again');
    expect(await databaseId()).toEqual([]);
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
    await addBucket();
    const noId = await rejectionOf(bindBlobVolume(db.pool, blobs));
    expect((noId as Error).message).toContain(`${join(blobs.root, VOLUME_ID_FILE)} names volume ${theirs}, but this database has no volume id`);
    expect((noId as Error).message).toContain('restored from a backup taken before the volume id existed');
    const record = `INSERT INTO storage.volume (volume_id) VALUES ('${theirs}')`;
    expect((noId as Error).message).toContain(record);
    await db.pool.query(record);
    expect(await bindBlobVolume(db.pool, blobs)).toBe(theirs);
    await db.pool.query('TRUNCATE storage.volume');
    const ours = await bindBlobVolume(db.pool, await blobDirectory());
    const other = await rejectionOf(bindBlobVolume(db.pool, blobs));
    expect((other as Error).message).toContain(`names volume ${theirs}, but this database belongs to volume ${ours}`);
    expect((other as Error).message).not.toContain(db.url);
    expect(fileId(blobs)).toBe(theirs);
  });

  test('a database naming blobs refuses an empty directory without the file (a volume not mounted, a mistyped data dir), and writes nothing', async () => {
    await nameBlob();
    const upgrading = await blobDirectory();
    const error = await rejectionOf(bindBlobVolume(db.pool, upgrading));
    expect((error as Error).message).toContain(`the blob directory ${upgrading.root} is empty (no blob files, no ${VOLUME_ID_FILE} file), but this database names blobs stored in it`);
    expect((error as Error).message).toContain('looks unmounted or mistyped');
    expect(await databaseId()).toEqual([]);
    expect(() => fileId(upgrading)).toThrow(/ENOENT/);

    const volumeId = await bindBlobVolume(db.pool, await blobDirectory(true));
    const unmounted = await blobDirectory();
    const confirmed = await rejectionOf(bindBlobVolume(db.pool, unmounted));
    expect((confirmed as Error).message).toContain('looks unmounted or mistyped');
    expect((confirmed as Error).message).toContain(`write its volume id into ${join(unmounted.root, VOLUME_ID_FILE)}`);
    expect(() => fileId(unmounted)).toThrow(/ENOENT/);
    expect(await volumeRows()).toEqual([{ volume_id: volumeId, pending: false }]);
  });

  test('a database with buckets but no blob row binds an empty directory (nothing of it can be missing)', async () => {
    await addBucket();
    const blobs = await blobDirectory();
    const volumeId = await bindBlobVolume(db.pool, blobs);
    expect(fileId(blobs)).toBe(volumeId);
  });

  test("a bind waits for another server's bind past the pool's statement deadline, and a stalled one gets an error naming the wait", async () => {
    const quick = createPool({ connectionString: db.url, applicationName: 'test', deadlines: { statementMs: 200, answerMs: 1_000, connectMs: 5_000, idleInTransactionMs: 60_000 } });
    const holder = await db.pool.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(hashtext('strongroom:storage:blob-volume'))");
      const blobs = await blobDirectory();
      const waiting = bindBlobVolume(quick, blobs);
      await sleep(1_500);
      await holder.query("SELECT pg_advisory_unlock(hashtext('strongroom:storage:blob-volume'))");
      const volumeId = await waiting;
      expect(fileId(blobs)).toBe(volumeId);

      await holder.query("SELECT pg_advisory_lock(hashtext('strongroom:storage:blob-volume'))");
      const stalled = await rejectionOf(bindBlobVolume(quick, await blobDirectory(), { lockWaitMs: 300 }));
      expect((stalled as Error).message).toContain('waited 0.3 s for another storage server of this database to finish binding the blob directory');
    } finally {
      await holder.query('SELECT pg_advisory_unlock_all()');
      holder.release();
      await closePool(quick);
    }
  });

  test('a database holding no storage data and no volume id is not offered the INSERT for a bound directory', async () => {
    const blobs = await blobDirectory();
    const theirs = await bindBlobVolume(db.pool, blobs);
    await db.pool.query('TRUNCATE storage.volume');
    const error = await rejectionOf(bindBlobVolume(db.pool, blobs));
    expect((error as Error).message).toContain(`names volume ${theirs}, but this database has no volume id and holds no storage data at all`);
    expect((error as Error).message).toContain('so it cannot be this directory');
    expect((error as Error).message).not.toContain('INSERT');
    expect(await databaseId()).toEqual([]);
  });

  test('a start that finds the file syncs the directory even when the row is confirmed (the linking start may have stopped before its sync)', async () => {
    const blobs = await blobDirectory();
    await bindBlobVolume(db.pool, blobs);
    const sync = jest.spyOn(directorySyncer, 'syncDirectoryOnce');
    try {
      await bindBlobVolume(db.pool, blobs);
      expect(sync).toHaveBeenCalledWith(blobs.root);
    } finally {
      sync.mockRestore();
    }
  });

  test.each(['', 'a0000000-0000-4000', 'a0000000-0000-4000-8000-000000000003'])(
    'on a volume without hard links, a pending adoption rewrites its own file cut short ("%s")',
    async (cutShort) => {
      const blobs = await blobDirectory(true);
      await nameBlob();
      const pendingId = 'a0000000-0000-4000-8000-000000000003';
      await db.pool.query('INSERT INTO storage.volume (volume_id, pending) VALUES ($1, true)', [pendingId]);
      writeFileSync(join(blobs.root, VOLUME_ID_FILE), cutShort);
      const noHardLinks = () => Promise.reject(Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' }));
      expect(await bindBlobVolume(db.pool, blobs, { linkFile: noHardLinks })).toBe(pendingId);
      expect(readFileSync(join(blobs.root, VOLUME_ID_FILE), 'utf8')).toBe(`${pendingId}\n`);
      expect(await volumeRows()).toEqual([{ volume_id: pendingId, pending: false }]);
    },
  );

  test('a pending adoption still refuses a file that is not a prefix of its own', async () => {
    const blobs = await blobDirectory(true);
    await nameBlob();
    await db.pool.query('INSERT INTO storage.volume (volume_id, pending) VALUES ($1, true)', ['a0000000-0000-4000-8000-000000000004']);
    writeFileSync(join(blobs.root, VOLUME_ID_FILE), 'b0000000-00');
    const error = await rejectionOf(bindBlobVolume(db.pool, blobs));
    expect((error as Error).message).toContain('not a volume id');
    expect(readFileSync(join(blobs.root, VOLUME_ID_FILE), 'utf8')).toBe('b0000000-00');
  });
});
