import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { until } from '@strongroom/testing';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { as, createBucket, expectReason, getObject, OWNER, putObject, startStorageHarness, type StorageClient, type StorageHarness } from './storage-harness';

const SEGMENT = 64 * 1024;
const SEALED_SEGMENT = SEGMENT + 16;
const HEADER = 2;

/** The directories under `root` that this process holds open descriptors on (from /proc/self/fd). */
function openDirectoriesUnder(root: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(`${root}/`) && statSync(target).isDirectory() ? [target] : [];
    } catch {
      return [];
    }
  });
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Reads a GetObject stream to its end or its error, keeping what arrived before an error. */
async function readUntilError(client: StorageClient, bucket: string, key: string): Promise<{ body: Buffer; error: unknown; sawMetadata: boolean }> {
  const chunks: Buffer[] = [];
  let sawMetadata = false;
  try {
    for await (const message of client.getObject({ requester: as.root(OWNER), bucket, key })) {
      if (message.part?.$case === 'metadata') sawMetadata = true;
      if (message.part?.$case === 'data') chunks.push(message.part.value);
    }
  } catch (error) {
    return { body: Buffer.concat(chunks), error, sawMetadata };
  }
  return { body: Buffer.concat(chunks), error: undefined, sawMetadata };
}

describe('storage at rest: sealed blobs, integrity, bucket keys, the sweeper', () => {
  let harness: StorageHarness;
  beforeAll(async () => {
    harness = await startStorageHarness();
    await createBucket(harness.client, 'vault');
  });
  afterAll(() => harness.close());

  const blobPath = async (key: string) => {
    const { rows } = await harness.database.pool.query<{ blob_id: string }>('SELECT blob_id FROM storage.object_versions WHERE key = $1 AND is_latest', [key]);
    const blobId = rows[0]?.blob_id;
    if (blobId === undefined) throw new Error(`no blob for ${key}`);
    return join(harness.storage.blobDirectory, blobId.slice(0, 2), blobId);
  };

  test('no plaintext at rest: not in any blob file, not in any column of any row of storage, policy or kms', async () => {
    const marker = `PLAINTEXT-MARKER-${randomBytes(8).toString('hex')}`;
    const big = Buffer.concat(Array.from({ length: 20_000 }, () => Buffer.from(marker)));
    await putObject(harness.client, 'vault', 'small', Buffer.from(marker));
    await putObject(harness.client, 'vault', 'big', big);
    await harness.client.copyObject({ requester: as.root(OWNER), sourceBucket: 'vault', sourceKey: 'big', bucket: 'vault', key: 'copy' });
    for (const file of filesUnder(harness.dataDir)) expect(readFileSync(file).includes(marker)).toBe(false);
    const forms = [marker, Buffer.from(marker).toString('hex'), Buffer.from(marker).toString('base64').slice(0, 20)];
    const { rows: tables } = await harness.database.pool.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_schema IN ('storage', 'policy', 'kms') AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['object_versions', 'blobs', 'bucket_keys', 'buckets', 'audit_events', 'keys']));
    for (const { schema, name } of tables) {
      const { rows } = await harness.database.pool.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${name}" AS t`);
      for (const { row } of rows) for (const form of forms) expect(row.includes(form)).toBe(false);
    }
    expect((await getObject(harness.client, { bucket: 'vault', key: 'copy' })).body.equals(big)).toBe(true);
  });

  test('a flipped byte: the read stops with INTEGRITY_FAILURE after only verified bytes; untouched segments still read; an alarm is logged', async () => {
    const body = randomBytes(4 * SEGMENT);
    await putObject(harness.client, 'vault', 'flipped', body);
    const path = await blobPath('flipped');
    const bytes = readFileSync(path);
    bytes.writeUInt8(bytes.readUInt8(HEADER + 2 * SEALED_SEGMENT + 10) ^ 0x01, HEADER + 2 * SEALED_SEGMENT + 10);
    writeFileSync(path, bytes);
    const whole = await readUntilError(harness.client, 'vault', 'flipped');
    expect(whole.error).toBeInstanceOf(DomainError);
    expect((whole.error as DomainError).reasonName).toBe('INTEGRITY_FAILURE');
    expect(whole.body.length).toBeLessThanOrEqual(2 * SEGMENT);
    expect(whole.body.equals(body.subarray(0, whole.body.length))).toBe(true);
    const before = await getObject(harness.client, { bucket: 'vault', key: 'flipped', range: { first: 0, last: 2 * SEGMENT - 1 } });
    expect(before.body.equals(body.subarray(0, 2 * SEGMENT))).toBe(true);
    const after = await getObject(harness.client, { bucket: 'vault', key: 'flipped', range: { first: 3 * SEGMENT } });
    expect(after.body.equals(body.subarray(3 * SEGMENT))).toBe(true);
    await expectReason(getObject(harness.client, { bucket: 'vault', key: 'flipped', range: { first: 2 * SEGMENT + 5, last: 2 * SEGMENT + 6 } }), ErrorReason.INTEGRITY_FAILURE);
    expect(harness.alarms().some((line) => line.includes('"alarm":"integrity"') && line.includes('flipped'))).toBe(true);
  });

  test('a flip in the first segment fails the call before any metadata or byte is sent', async () => {
    await putObject(harness.client, 'vault', 'first-flip', randomBytes(1000));
    const path = await blobPath('first-flip');
    const bytes = readFileSync(path);
    bytes.writeUInt8(bytes.readUInt8(HEADER + 5) ^ 0x80, HEADER + 5);
    writeFileSync(path, bytes);
    const result = await readUntilError(harness.client, 'vault', 'first-flip');
    expect((result.error as DomainError).reasonName).toBe('INTEGRITY_FAILURE');
    expect(result.sawMetadata).toBe(false);
    expect(result.body.length).toBe(0);
  });

  test('a truncated, extended, lost or swapped blob is INTEGRITY_FAILURE, never wrong bytes', async () => {
    for (const key of ['truncated', 'extended', 'lost', 'swap-a', 'swap-b']) await putObject(harness.client, 'vault', key, randomBytes(2 * SEGMENT + 7));
    truncateSync(await blobPath('truncated'), 2 + 2 * SEALED_SEGMENT);
    writeFileSync(await blobPath('extended'), Buffer.alloc(16), { flag: 'a' });
    unlinkSync(await blobPath('lost'));
    const [a, b] = [await blobPath('swap-a'), await blobPath('swap-b')];
    renameSync(a, `${a}.tmp`);
    renameSync(b, a);
    renameSync(`${a}.tmp`, b);
    for (const key of ['truncated', 'extended', 'lost', 'swap-a', 'swap-b']) {
      await expectReason(getObject(harness.client, { bucket: 'vault', key }), ErrorReason.INTEGRITY_FAILURE);
    }
    expect((await harness.client.headObject({ requester: as.root(OWNER), bucket: 'vault', key: 'truncated' })).object?.size).toBe(2 * SEGMENT + 7);
  });

  test('blobs read whole (up to 512 KiB sealed) and blobs read in chunks both notice a changed length', async () => {
    for (const [key, size] of [['short-small', 3 * SEGMENT], ['short-large', 9 * SEGMENT], ['long-small', 3 * SEGMENT], ['long-large', 9 * SEGMENT]] as const) {
      await putObject(harness.client, 'vault', key, randomBytes(size));
      const path = await blobPath(key);
      if (key.startsWith('short')) truncateSync(path, statSync(path).size - 1);
      else writeFileSync(path, Buffer.alloc(1), { flag: 'a' });
      await expectReason(getObject(harness.client, { bucket: 'vault', key }), ErrorReason.INTEGRITY_FAILURE);
    }
  });

  test('an SSE-S3 burst costs one KMS call; a replica opens the bucket key once; a bucket key is replaced after its lifetime', async () => {
    await createBucket(harness.client, 'burst');
    const kmsCalls = async (bucket: string) => {
      const { rows } = await harness.database.pool.query<{ operation: string; count: string }>(
        `SELECT operation, count(*) FROM kms.audit_events WHERE encryption_context->>'aws:s3:arn' = $1 GROUP BY operation`,
        [`arn:aws:s3:::${bucket}`],
      );
      return Object.fromEntries(rows.map((row) => [row.operation, Number(row.count)]));
    };
    await Promise.all(Array.from({ length: 30 }, (_, i) => putObject(harness.client, 'burst', `k${i}`, randomBytes(100))));
    for (let i = 0; i < 30; i++) await getObject(harness.client, { bucket: 'burst', key: `k${i}` });
    expect(await kmsCalls('burst')).toEqual({ GenerateDataKey: 1 });

    const replica = await harness.startReplica();
    for (let i = 0; i < 10; i++) await getObject(replica.client, { bucket: 'burst', key: `k${i}` });
    expect(await kmsCalls('burst')).toEqual({ GenerateDataKey: 1, Decrypt: 1 });
    await replica.close();

    const shortLived = await harness.startReplica({ bucketKeyTtlMs: 50 });
    await createBucket(shortLived.client, 'rotating');
    await putObject(shortLived.client, 'rotating', 'old', Buffer.from('old'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await putObject(shortLived.client, 'rotating', 'new', Buffer.from('new'));
    const { rows } = await harness.database.pool.query(
      'SELECT DISTINCT v.bucket_key_id FROM storage.object_versions v JOIN storage.buckets b USING (bucket_id) WHERE b.name = $1',
      ['rotating'],
    );
    expect(rows).toHaveLength(2);
    expect((await getObject(shortLived.client, { bucket: 'rotating', key: 'old' })).body.toString()).toBe('old');
    expect((await getObject(harness.client, { bucket: 'rotating', key: 'new' })).body.toString()).toBe('new');
    await shortLived.close();
  });

  test('the sweeper removes orphans and stale temporary files past the grace period, and only one replica sweeps at a time', async () => {
    await putObject(harness.client, 'vault', 'keeper', Buffer.from('keep me'));
    const orphan = join(harness.storage.blobDirectory, 'ab', 'abababab-abab-4bab-8bab-abababababab');
    const draft = join(harness.storage.blobDirectory, 'tmp', 'stale.part');
    writeFileSync(orphan, 'orphan');
    writeFileSync(draft, 'draft');
    expect(await harness.storage.sweep()).toEqual({ claimed: true, orphansRemoved: 0, draftsRemoved: 0, tombstonesPurged: 0 });
    const lock = await harness.database.pool.connect();
    try {
      await lock.query("SELECT pg_advisory_lock(hashtext('strongroom:storage:blob-sweeper'))");
      expect((await harness.storage.sweep({ graceMs: 0 })).claimed).toBe(false);
      await lock.query("SELECT pg_advisory_unlock(hashtext('strongroom:storage:blob-sweeper'))");
    } finally {
      lock.release();
    }
    const swept = await harness.storage.sweep({ graceMs: 0 });
    expect(swept).toMatchObject({ claimed: true, draftsRemoved: 1 });
    expect(swept.orphansRemoved).toBeGreaterThanOrEqual(1);
    expect(() => statSync(orphan)).toThrow();
    expect(() => statSync(draft)).toThrow();
    expect((await getObject(harness.client, { bucket: 'vault', key: 'keeper' })).body.toString()).toBe('keep me');
  });

  test('the sweeper leaves a file whose release committed after it listed the file: the released file keeps its grace period', async () => {
    const blobId = 'efefefef-efef-4fef-8fef-efefefefefef';
    const file = join(harness.storage.blobDirectory, 'ef', blobId);
    writeFileSync(file, 'referenced, then released');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(file, twoHoursAgo, twoHoursAgo);
    const pool = harness.database.pool;
    await pool.query('INSERT INTO storage.blobs (blob_id, sealed_length, ref_count) VALUES ($1, 26, 1)', [blobId]);
    const releasing = await pool.connect();
    try {
      // The sweeper lists the old file, then waits for the table while its release commits and dates the file, as a release does.
      await releasing.query('BEGIN');
      await releasing.query('LOCK TABLE storage.blobs IN ACCESS EXCLUSIVE MODE');
      const sweeping = harness.storage.sweep();
      await until('waiting on storage.blobs', async () => (await pool.query(`SELECT 1 FROM pg_locks WHERE relation = 'storage.blobs'::regclass AND NOT granted`)).rowCount === 1);
      await releasing.query('DELETE FROM storage.blobs WHERE blob_id = $1', [blobId]);
      const now = new Date();
      utimesSync(file, now, now);
      await releasing.query('COMMIT');
      await sweeping;
    } finally {
      await releasing.query('ROLLBACK'); // a no-op unless the test failed holding the lock
      releasing.release();
    }
    expect(existsSync(file)).toBe(true);
    rmSync(file);
  });

  test('a server sweeps soon after it starts, not only after its first interval: a stack that restarts often still sweeps', async () => {
    const orphan = join(harness.storage.blobDirectory, 'cd', 'cdcdcdcd-cdcd-4dcd-8dcd-cdcdcdcdcdcd');
    writeFileSync(orphan, 'orphan of a crash');
    const replica = await harness.startReplica({ sweepIntervalMs: 600_000, sweepFirstAfterMs: 50, sweepGraceMs: 0 });
    try {
      for (let waited = 0; existsSync(orphan) && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(existsSync(orphan)).toBe(false);
    } finally {
      await replica.close();
    }
  });

  test('commits fsync each shard directory through one kept-open descriptor, closed at shutdown', async () => {
    const replica = await harness.startReplica({ sweepIntervalMs: 0 });
    const counted = () => {
      const counts = new Map<string, number>();
      for (const directory of openDirectoriesUnder(harness.storage.blobDirectory)) counts.set(directory, (counts.get(directory) ?? 0) + 1);
      return counts;
    };
    const before = counted();
    try {
      await Promise.all(Array.from({ length: 40 }, (_, index) => putObject(replica.client, 'vault', `fd/${index}`, Buffer.from(`object ${index}`))));
      await Promise.all(Array.from({ length: 40 }, (_, index) => putObject(replica.client, 'vault', `fd/${index}`, Buffer.from(`again ${index}`))));
      const added = [...counted()].map(([directory, count]) => count - (before.get(directory) ?? 0));
      expect(added.filter((count) => count > 0).length).toBeGreaterThan(0);
      expect(Math.max(...added)).toBe(1);
    } finally {
      await replica.close();
    }
    expect(counted()).toEqual(before);
    expect((await getObject(harness.client, { bucket: 'vault', key: 'fd/7' })).body.toString()).toBe('again 7');
  });
});
