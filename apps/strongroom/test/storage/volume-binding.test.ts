import { createLogger } from '@strongroom/observability';
import { migrateStorage, startStorageService } from '@strongroom/storage';
import { createTestDatabase, rejectionOf, testCredentials } from '@strongroom/testing';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobFiles } from './blob-files';
import { createBucket, getObject, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

jest.setTimeout(120_000);

const BODY = Buffer.alloc(1000, 'x');

let a: StorageHarness;

beforeAll(async () => {
  a = await startStorageHarness();
  await createBucket(a.client, 'precious');
  await putObject(a.client, 'precious', 'k', BODY);
});
afterAll(async () => {
  await a.close();
});

const volumeFile = () => join(a.storage.blobDirectory, 'volume-id');
const databaseVolumeIds = async () => (await a.database.pool.query<{ volume_id: string }>('SELECT volume_id FROM storage.volume')).rows.map((row) => row.volume_id);

/** Dates every blob file two hours back, past the sweeper's grace period, as any object written earlier is. */
function ageBlobFiles(): void {
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
  for (const file of blobFiles(a.storage.blobDirectory)) utimesSync(join(a.storage.blobDirectory, file), twoHoursAgo, twoHoursAgo);
}

test('a storage server on another database refuses to start on the blob directory, and the data stays readable', async () => {
  ageBlobFiles();
  const other = await createTestDatabase();
  try {
    await migrateStorage(other.pool);
    const { token, registry } = testCredentials();
    const error = await rejectionOf(
      startStorageService({
        pool: other.pool,
        credentials: registry,
        logger: createLogger({ name: 'storage-test', level: 'silent' }),
        region: 'us-east-1',
        address: '127.0.0.1:0',
        healthAddress: '127.0.0.1:0',
        dataDir: a.dataDir,
        kmsEndpoint: '127.0.0.1:1',
        policyEndpoint: '127.0.0.1:1',
        token,
        sweepIntervalMs: 0,
      }),
    );
    expect((error as Error).message).toContain(`${volumeFile()} names volume ${(await databaseVolumeIds())[0]}, but this database has no volume id`);
    expect((error as Error).message).not.toContain(other.url);
  } finally {
    await other.drop();
  }
  expect(await a.storage.sweep()).toMatchObject({ orphansRemoved: 0 });
  expect((await getObject(a.client, { bucket: 'precious', key: 'k' })).body).toEqual(BODY);
});

test('replicas of a deployment upgrading (blobs, neither volume file nor id) start together, adopt the directory and keep its data', async () => {
  rmSync(volumeFile());
  await a.database.pool.query('TRUNCATE storage.volume');
  const replicas = await Promise.all([a.startReplica(), a.startReplica(), a.startReplica()]);
  try {
    const ids = await databaseVolumeIds();
    expect(ids).toHaveLength(1);
    expect(readFileSync(volumeFile(), 'utf8').trim()).toBe(ids[0]);
    ageBlobFiles();
    expect(await replicas[0].storage.sweep()).toMatchObject({ claimed: true, orphansRemoved: 0 });
    for (const replica of replicas) expect((await getObject(replica.client, { bucket: 'precious', key: 'k' })).body).toEqual(BODY);
  } finally {
    await Promise.all(replicas.map((replica) => replica.close()));
  }
});

test('a replica finishes an adoption a server stopped in (its id in the database, pending, and no volume file), and the data stays readable', async () => {
  const [volumeId] = await databaseVolumeIds();
  rmSync(volumeFile());
  await a.database.pool.query('UPDATE storage.volume SET pending = true');
  const replica = await a.startReplica();
  try {
    expect(readFileSync(volumeFile(), 'utf8').trim()).toBe(volumeId);
    expect((await a.database.pool.query('SELECT volume_id, pending FROM storage.volume')).rows).toEqual([{ volume_id: volumeId, pending: false }]);
    expect((await getObject(replica.client, { bucket: 'precious', key: 'k' })).body).toEqual(BODY);
  } finally {
    await replica.close();
  }
});

test('a replica whose data dir is empty (a volume not mounted, a mistyped STRONGROOM_DATA_DIR) refuses to start, and writes no volume file there', async () => {
  const unmounted = mkdtempSync(join(tmpdir(), 'strongroom-unmounted-'));
  try {
    // A replica that does start is closed, so the failing test ends rather than leaving its server running.
    const error = await rejectionOf(a.startReplica({ dataDir: unmounted }).then(async (replica) => replica.close()));
    expect((error as Error).message).toContain('but this database names blobs stored in it: the directory looks unmounted or mistyped');
    expect(existsSync(join(unmounted, 'blobs', 'volume-id'))).toBe(false);
  } finally {
    rmSync(unmounted, { recursive: true, force: true });
  }
  expect((await getObject(a.client, { bucket: 'precious', key: 'k' })).body).toEqual(BODY);
});
