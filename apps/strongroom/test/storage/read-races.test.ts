import { storageV1 } from '@strongroom/contracts';
import { until } from '@strongroom/testing';
import { randomBytes } from 'node:crypto';
import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { as, createBucket, getObject, OWNER, putMultipartObject, putObject, startStorageHarness, type StorageClient, type StorageHarness, type StorageReplica } from './storage-harness';

/** A body of `bytes` bytes that names its writer and round, so a reader can tell which write it saw and that it saw all of it. */
function bodyOf(writer: number, round: number, bytes = 60_000): Buffer {
  return Buffer.alloc(bytes, `writer ${writer} round ${round};`);
}

/** Settles `calls`, and returns the failures' messages. */
async function failuresOf(calls: readonly Promise<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(calls);
  return settled.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
}

describe('storage: reads and copies racing overwrites of an unversioned key', () => {
  let harness: StorageHarness;
  /** A storage server that keeps released blobs' files for a minute, as deployed. */
  let racing: StorageReplica;
  let client: StorageClient;
  const written = new Set<string>();

  /** Overwrites `key` from 4 writers, `rounds` times each, remembering every body written. */
  async function overwrite(key: string, rounds: number): Promise<void> {
    await Promise.all(
      Array.from({ length: 4 }, async (_, writer) => {
        for (let round = 0; round < rounds; round++) {
          const body = bodyOf(writer, round);
          written.add(body.toString());
          await putObject(client, 'races', key, body);
        }
      }),
    );
  }

  const blobOf = async (key: string) =>
    (await harness.database.pool.query<{ blob_id: string }>(`SELECT blob_id FROM storage.object_versions WHERE key = $1 AND is_latest`, [key])).rows[0]!.blob_id;
  const fileOf = (blobId: string) => join(harness.storage.blobDirectory, blobId.slice(0, 2), blobId);

  beforeAll(async () => {
    harness = await startStorageHarness();
    racing = await harness.startReplica({ releasedBlobGraceMs: 60_000 });
    client = racing.client;
    await createBucket(client, 'races');
    const first = bodyOf(9, 0);
    written.add(first.toString());
    await putObject(client, 'races', 'hot', first);
    await putObject(client, 'races', 'source', first);
  });
  afterAll(async () => {
    await racing.close();
    await harness.close();
  });

  test('a GET whose version is replaced before its data is read serves the key as it is then: never an error, never mixed bytes', async () => {
    const reads: Promise<unknown>[] = [];
    const writing = overwrite('hot', 40);
    for (let i = 0; i < 240; i++) {
      reads.push(
        getObject(client, { bucket: 'races', key: 'hot' }).then(({ body }) => {
          if (!written.has(body.toString())) throw new Error(`read ${body.length} bytes no writer wrote`);
        }),
      );
      if (i % 8 === 7) await Promise.allSettled(reads.slice(-8));
    }
    await writing;
    expect(await failuresOf(reads)).toEqual([]);
  });

  test('a copy whose source is replaced under it copies the source as it is then, sharing its data or re-sealing it', async () => {
    const copies: Promise<unknown>[] = [];
    const writing = overwrite('source', 30);
    for (let i = 0; i < 120; i++) {
      const options = i % 2 === 0 ? undefined : storageV1.WriteOptions.fromPartial({ checksumAlgorithm: storageV1.ChecksumAlgorithm.SHA256 });
      copies.push(client.copyObject({ requester: as.root(OWNER), sourceBucket: 'races', sourceKey: 'source', bucket: 'races', key: `copy-${i}`, options }));
      if (i % 6 === 5) await Promise.allSettled(copies.slice(-6));
    }
    await writing;
    expect(await failuresOf(copies)).toEqual([]);
    for (const i of [0, 1, 118, 119]) expect(written.has((await getObject(client, { bucket: 'races', key: `copy-${i}` })).body.toString())).toBe(true);
  });

  test('a part copied from a source replaced and deleted under it is the source as it is then', async () => {
    const { uploadId } = await harness.client.createMultipartUpload({ requester: as.root(OWNER), bucket: 'races', key: 'assembled' });
    await putObject(harness.client, 'races', 'part-source', bodyOf(1, 1));
    const replacedFile = fileOf(await blobOf('part-source'));
    const locker = await harness.database.pool.connect();
    let copying: Promise<storageV1.UploadPartCopyResponse> | undefined;
    try {
      // The copy has looked its source up and waits, before reading it, for the upload's row.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE storage.multipart_uploads IN ACCESS EXCLUSIVE MODE');
      copying = harness.client.uploadPartCopy({ requester: as.root(OWNER), sourceBucket: 'races', sourceKey: 'part-source', bucket: 'races', key: 'assembled', uploadId, partNumber: 1 });
      await until('waiting on the lock of the upload row', async () => (await harness.database.pool.query(`SELECT 1 FROM pg_locks WHERE relation = 'storage.multipart_uploads'::regclass AND NOT granted`)).rowCount === 1);
      await putObject(harness.client, 'races', 'part-source', bodyOf(2, 2));
      await until('rid of the replaced file', () => !existsSync(replacedFile));
    } finally {
      await locker.query('COMMIT');
      locker.release();
    }
    const part = await copying;
    await harness.client.completeMultipartUpload({ requester: as.root(OWNER), bucket: 'races', key: 'assembled', uploadId, parts: [{ partNumber: 1, etag: part.etag }] });
    expect((await getObject(harness.client, { bucket: 'races', key: 'assembled' })).body.toString()).toBe(bodyOf(2, 2).toString());
  });

  test('a GET of a multipart object that is overwritten while it reads serves every part it began with, however late their files would go', async () => {
    const parts = [randomBytes(6 * 1024 * 1024), randomBytes(6 * 1024 * 1024), randomBytes(1000)];
    await putMultipartObject(harness.client, 'races', 'multipart', parts);
    const lastPartFile = fileOf(
      (await harness.database.pool.query<{ blob_id: string }>(`SELECT part_layout->2->>'blobId' AS blob_id FROM storage.object_versions WHERE key = 'multipart' AND is_latest`)).rows[0]!.blob_id,
    );
    const reading = harness.client.getObject({ requester: as.root(OWNER), bucket: 'races', key: 'multipart' })[Symbol.asyncIterator]();
    const chunks: Buffer[] = [];
    const first = await reading.next();
    expect(first.value?.part?.$case).toBe('metadata');
    // The client reads no further: flow control holds the server in the first parts (the windows are a few MiB) while the object is replaced and its files go.
    await putObject(harness.client, 'races', 'multipart', Buffer.from('the object that replaced it'));
    await until('rid of the last part\'s file', () => !existsSync(lastPartFile));
    for (let next = await reading.next(); next.done !== true; next = await reading.next()) {
      if (next.value.part?.$case === 'data') chunks.push(next.value.part.value);
    }
    expect(Buffer.concat(chunks).equals(Buffer.concat(parts))).toBe(true);
  });

  test('a released blob outlives its release by the grace period, then goes; the sweeper leaves it alone meanwhile, and takes what a stopped server left', async () => {
    await putObject(client, 'races', 'short-lived', bodyOf(1, 1));
    const released = await blobOf('short-lived');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(fileOf(released), twoHoursAgo, twoHoursAgo);
    await client.deleteObject({ requester: as.root(OWNER), bucket: 'races', key: 'short-lived' });
    await racing.storage.sweep();
    expect(existsSync(fileOf(released))).toBe(true);
    await racing.close();
    expect(existsSync(fileOf(released))).toBe(true);
    await harness.storage.sweep({ graceMs: 0 });
    expect(existsSync(fileOf(released))).toBe(false);
    racing = await harness.startReplica({ releasedBlobGraceMs: 60_000 });
    client = racing.client;

    const brief = await harness.startReplica({ releasedBlobGraceMs: 300 });
    try {
      const keys = ['brief-1', 'brief-2', 'brief-3'];
      for (const key of keys) await putObject(brief.client, 'races', key, bodyOf(2, 2));
      const files = await Promise.all(keys.map(async (key) => fileOf(await blobOf(key))));
      await brief.client.deleteObjects({ requester: as.root(OWNER), bucket: 'races', objects: keys.map((key) => ({ key, versionId: '' })), quiet: true });
      expect(files.every((file) => existsSync(file))).toBe(true);
      for (let waited = 0; files.some((file) => existsSync(file)) && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(files.filter((file) => existsSync(file))).toEqual([]);
    } finally {
      await brief.close();
    }
  });
});
