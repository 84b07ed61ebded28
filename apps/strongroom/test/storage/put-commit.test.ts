import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { createPool, type Pool } from '@strongroom/db';
import { DomainError } from '@strongroom/errors';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { blobFiles } from './blob-files';
import { as, createBucket, expectReason, getObject, OWNER, putObject, startStorageHarness, type StorageClient, type StorageHarness } from './storage-harness';

const { ENABLED, SUSPENDED } = storageV1.VersioningStatus;
const requester = as.root(OWNER);

/** Records every statement the pool's connections send: a named query by its name, any other by its text. */
function recordStatements(pool: Pool, statements: string[]): void {
  pool.on('connect', (client) => {
    const send = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [query] = args;
      statements.push(typeof query === 'string' ? query : ((query as { name?: string; text: string }).name ?? (query as { text: string }).text));
      return send(...args);
    };
  });
}

/** A PutObject whose body stops after its first byte until `gate` opens: the server has authorized it and is sealing. */
function gatedPut(client: StorageClient, bucket: string, key: string, body: Buffer, gate: Promise<void>): Promise<storageV1.PutObjectResponse> {
  async function* messages(): AsyncGenerator<storageV1.PutObjectRequest> {
    yield { part: { $case: 'header', value: storageV1.PutObjectHeader.fromPartial({ requester, bucket, key, contentLength: body.length }) } };
    yield { part: { $case: 'data', value: body.subarray(0, 1) } };
    await gate;
    yield { part: { $case: 'data', value: body.subarray(1) } };
  }
  return client.putObject(messages());
}

describe('storage PutObject commit: one statement, and the same rules under concurrency', () => {
  let harness: StorageHarness;
  beforeAll(async () => {
    harness = await startStorageHarness();
  });
  afterAll(() => harness.close());

  const versionsOf = async (bucket: string) =>
    (await harness.client.listObjectVersions({ requester, bucket, prefix: '', maxKeys: 1000 })).versions.map((v) => ({ versionId: v.versionId, isLatest: v.isLatest }));
  const blobRows = async () => new Set((await harness.database.pool.query<{ blob_id: string }>('SELECT blob_id FROM storage.blobs')).rows.map((row) => row.blob_id));
  const sealedFiles = () => blobFiles(harness.storage.blobDirectory).filter((path) => !path.startsWith('tmp/'));
  const drafts = () => blobFiles(harness.storage.blobDirectory).filter((path) => path.startsWith('tmp/')).length;

  /** Every blob's ref_count equals its references (versions, part layouts, upload parts), and every blob row has its file and no file lacks a row. */
  async function expectBlobsConsistent(): Promise<void> {
    const { rows } = await harness.database.pool.query(
      `WITH refs AS (
         SELECT blob_id FROM storage.object_versions WHERE blob_id IS NOT NULL
         UNION ALL SELECT (entry ->> 'blobId')::uuid FROM storage.object_versions v, jsonb_array_elements(v.part_layout) AS entry WHERE v.part_layout IS NOT NULL
         UNION ALL SELECT blob_id FROM storage.upload_parts
       ), counted AS (SELECT blob_id, count(*)::int AS refs FROM refs GROUP BY blob_id)
       SELECT blob_id, b.ref_count, c.refs FROM storage.blobs b FULL JOIN counted c USING (blob_id) WHERE b.ref_count IS DISTINCT FROM c.refs`,
    );
    expect(rows).toEqual([]);
    expect(sealedFiles()).toEqual([...(await blobRows())].map((id) => `${id.slice(0, 2)}/${id}`).sort());
  }

  async function waitForDrafts(count: number): Promise<void> {
    for (let waited = 0; drafts() < count; waited += 10) {
      if (waited > 10_000) throw new Error(`${drafts()} of ${count} uploads reached the sealer`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  test('a plain PutObject commits in one statement (versioned or not, new key or overwrite); a conditional one in a transaction', async () => {
    await createBucket(harness.client, 'trips');
    await createBucket(harness.client, 'trips-versioned');
    await harness.client.putBucketVersioning({ requester, bucket: 'trips-versioned', status: ENABLED });
    const statements: string[] = [];
    const pool = createPool({ connectionString: harness.database.url, applicationName: 'counted' });
    recordStatements(pool, statements);
    const replica = await harness.startReplica({ pool, bucketTtlMs: 3_600_000 });
    try {
      for (const bucket of ['trips', 'trips-versioned']) await putObject(replica.client, bucket, 'warm-up', Buffer.from('bucket and bucket key now cached'));
      statements.length = 0;
      for (let i = 0; i < 50; i++) await putObject(replica.client, i % 2 === 0 ? 'trips' : 'trips-versioned', `k${i % 5}`, randomBytes(64));
      expect(statements).toEqual(Array.from({ length: 50 }, () => 'storage.put-version'));

      statements.length = 0;
      await putObject(replica.client, 'trips', 'conditional', Buffer.from('x'), { preconditions: { ifMatch: '', ifNoneMatch: '*' } });
      expect(statements).toEqual(['storage.find-latest-version', 'BEGIN', 'storage.lock-bucket-and-key', 'storage.find-latest-version', 'storage.put-version', 'COMMIT']);
    } finally {
      await replica.close();
      await pool.end();
    }
    expect((await versionsOf('trips')).filter((v) => v.versionId !== 'null')).toEqual([]);
    expect(await versionsOf('trips-versioned')).toHaveLength(1 + 25);
    await expectBlobsConsistent();
  });

  test('concurrent PUTs of one key in an unversioned bucket leave one null version and release every other blob', async () => {
    await createBucket(harness.client, 'contended');
    const before = new Set(sealedFiles());
    const bodies = Array.from({ length: 24 }, (_, i) => Buffer.from(`writer ${i}`));
    const replica = await harness.startReplica();
    try {
      const results = await Promise.all(bodies.map((body, i) => putObject(i % 2 === 0 ? harness.client : replica.client, 'contended', 'k', body)));
      expect(results.map((result) => result.versionId)).toEqual(bodies.map(() => ''));
    } finally {
      await replica.close();
    }
    expect(await versionsOf('contended')).toEqual([{ versionId: 'null', isLatest: true }]);
    expect(bodies.map(String)).toContain((await getObject(harness.client, { bucket: 'contended', key: 'k' })).body.toString());
    const { rows } = await harness.database.pool.query<{ blob_id: string }>(
      `SELECT v.blob_id FROM storage.object_versions v JOIN storage.buckets b USING (bucket_id) WHERE b.name = 'contended'`,
    );
    const current = rows[0]?.blob_id ?? '';
    expect(sealedFiles().filter((path) => !before.has(path))).toEqual([`${current.slice(0, 2)}/${current}`]);
    await expectBlobsConsistent();
  });

  test('a PUT reads the versioning current under its lock: enabled while it uploaded, it gets a version id and keeps the null version', async () => {
    await createBucket(harness.client, 'switched');
    await putObject(harness.client, 'switched', 'k', Buffer.from('the null version'));
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const puts = Array.from({ length: 6 }, (_, i) => gatedPut(harness.client, 'switched', 'k', Buffer.from(`versioned ${i}`), gate));
    await waitForDrafts(6);
    await harness.client.putBucketVersioning({ requester, bucket: 'switched', status: ENABLED });
    open();
    const ids = (await Promise.all(puts)).map((result) => result.versionId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{48}$/);
    const versions = await versionsOf('switched');
    expect(versions).toHaveLength(7);
    expect(new Set(versions.slice(0, 6).map((v) => v.versionId))).toEqual(new Set(ids));
    expect(versions[6]).toEqual({ versionId: 'null', isLatest: false });
    expect((await getObject(harness.client, { bucket: 'switched', key: 'k', versionId: 'null' })).body.toString()).toBe('the null version');
    await expectBlobsConsistent();
  });

  test('a PUT answers with the versioning it committed under: suspended while it uploaded, it wrote the null version, which its answer does not name', async () => {
    await createBucket(harness.client, 'suspended-mid-upload');
    await harness.client.putBucketVersioning({ requester, bucket: 'suspended-mid-upload', status: ENABLED });
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const put = gatedPut(harness.client, 'suspended-mid-upload', 'k', Buffer.from('written while suspended'), gate);
    await waitForDrafts(1);
    await harness.client.putBucketVersioning({ requester, bucket: 'suspended-mid-upload', status: SUSPENDED });
    open();
    expect((await put).versionId).toBe('');
    expect(await versionsOf('suspended-mid-upload')).toEqual([{ versionId: 'null', isLatest: true }]);
    expect((await harness.client.headObject({ requester, bucket: 'suspended-mid-upload', key: 'k' })).object?.versionId).toBe('null');
  });

  test('a version is dated under its key\'s lock: a PUT that waited to commit while a delete marker landed is dated after the marker it follows', async () => {
    await createBucket(harness.client, 'dated');
    await harness.client.putBucketVersioning({ requester, bucket: 'dated', status: ENABLED });
    const pool = createPool({ connectionString: harness.database.url, applicationName: 'one-connection', max: 1 });
    const replica = await harness.startReplica({ pool, bucketTtlMs: 3_600_000 });
    try {
      await putObject(replica.client, 'dated', 'warm-up', Buffer.from('bucket and bucket key now cached'));
      const held = await pool.connect();
      const put = putObject(replica.client, 'dated', 'k', Buffer.from('waits for the only connection'));
      for (let waited = 0; pool.waitingCount === 0; waited += 10) {
        if (waited > 10_000) throw new Error('the PUT never asked for a connection');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      const marker = await harness.client.deleteObject({ requester, bucket: 'dated', key: 'k' });
      held.release();
      const written = await put;
      const listed = (await harness.client.listObjectVersions({ requester, bucket: 'dated', prefix: 'k', maxKeys: 1000 })).versions;
      expect(listed.map((v) => [v.versionId, v.isLatest])).toEqual([
        [written.versionId, true],
        [marker.versionId, false],
      ]);
      const [current, previous] = listed.map((v) => v.lastModified?.getTime() ?? 0);
      expect(current).toBeGreaterThanOrEqual(previous ?? Infinity);
      const head = await harness.client.headObject({ requester, bucket: 'dated', key: 'k' });
      expect(head.object?.lastModified).toEqual(listed[0]?.lastModified);
      const copy = await harness.client.copyObject({ requester, sourceBucket: 'dated', sourceKey: 'k', bucket: 'dated', key: 'k-copy' });
      const copied = (await harness.client.listObjectVersions({ requester, bucket: 'dated', prefix: 'k-copy', maxKeys: 1000 })).versions;
      expect(copied.map((v) => [v.versionId, v.lastModified])).toEqual([[copy.versionId, copy.lastModified]]);
    } finally {
      await replica.close();
      await pool.end();
    }
  });

  test("a replica whose clock runs behind the database's answers Not Modified to the Last-Modified it gave, and still ignores a date later than both", async () => {
    await createBucket(harness.client, 'slow-clock');
    const replica = await harness.startReplica({ clock: () => new Date(Date.now() - 5_000) });
    try {
      await putObject(replica.client, 'slow-clock', 'k', Buffer.from('dated by the database'));
      const head = (preconditions: Partial<storageV1.Preconditions>) =>
        replica.client.headObject({ requester, bucket: 'slow-clock', key: 'k', preconditions: { ifMatch: '', ifNoneMatch: '', ...preconditions } });
      const lastModified = (await head({})).object!.lastModified!;
      expect(lastModified.getTime()).toBeGreaterThan(Date.now() - 4_000);
      await expectReason(head({ ifModifiedSince: lastModified }), ErrorReason.NOT_MODIFIED);
      await head({ ifModifiedSince: new Date(Date.now() + 60_000) });
    } finally {
      await replica.close();
    }
  });

  test('a PUT whose bucket was deleted while it uploaded is BUCKET_NOT_FOUND and leaves no blob', async () => {
    await createBucket(harness.client, 'vanishing');
    const before = sealedFiles();
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const puts = Array.from({ length: 4 }, (_, i) => gatedPut(harness.client, 'vanishing', `k${i}`, Buffer.from(`orphan ${i}`), gate));
    await waitForDrafts(4);
    await harness.client.deleteBucket({ requester, bucket: 'vanishing' });
    open();
    for (const put of puts) await expectReason(put, ErrorReason.BUCKET_NOT_FOUND);
    expect(sealedFiles()).toEqual(before);
    expect(drafts()).toBe(0);
    await expectBlobsConsistent();
  });

  test('PUTs racing PutBucketVersioning: null versions commit before the change, version ids after, one null version survives', async () => {
    for (let round = 0; round < 3; round++) {
      const bucket = `racing-versioning-${round}`;
      await createBucket(harness.client, bucket);
      const early = Array.from({ length: 10 }, (_, i) => putObject(harness.client, bucket, 'k', Buffer.from(`early ${i}`)));
      const change = harness.client.putBucketVersioning({ requester, bucket, status: ENABLED });
      const late = Array.from({ length: 10 }, (_, i) => putObject(harness.client, bucket, 'k', Buffer.from(`late ${i}`)));
      await change;
      const ids = (await Promise.all([...early, ...late])).map((result) => result.versionId);
      // A PUT that committed before the change wrote the null version of an unversioned bucket, which its answer does not name.
      const versioned = ids.filter((id) => id !== '');
      expect(versioned).not.toContain('null');
      const versions = await versionsOf(bucket);
      const expected = versioned.length + (versioned.length < ids.length ? 1 : 0);
      expect(versions).toHaveLength(expected);
      expect(versions.filter((v) => v.isLatest)).toHaveLength(1);
      expect(new Set(versions.map((v) => v.versionId).filter((id) => id !== 'null'))).toEqual(new Set(versioned));
      if (versioned.length < ids.length) expect(versions[versions.length - 1]?.versionId).toBe('null');
    }
    await expectBlobsConsistent();
  });

  test('PUTs racing DeleteBucket: either the bucket goes and no PUT lands, or it stays (BUCKET_NOT_EMPTY) and every PUT lands', async () => {
    for (let round = 0; round < 4; round++) {
      const bucket = `racing-delete-${round}`;
      await createBucket(harness.client, bucket);
      await putObject(harness.client, bucket, 'warm-up', Buffer.from('caches the bucket key'));
      await harness.client.deleteObject({ requester, bucket, key: 'warm-up' });
      const puts = Array.from({ length: 6 }, (_, i) => putObject(harness.client, bucket, `k${i % 2}`, Buffer.from(`racer ${i}`)));
      const deletion = await harness.client.deleteBucket({ requester, bucket }).then(
        () => undefined,
        (error: unknown) => error,
      );
      const outcomes = await Promise.allSettled(puts);
      if (deletion === undefined) {
        for (const outcome of outcomes) {
          expect(outcome.status).toBe('rejected');
          if (outcome.status === 'rejected') expect((outcome.reason as DomainError).reasonName).toBe('BUCKET_NOT_FOUND');
        }
        const { rows } = await harness.database.pool.query('SELECT 1 FROM storage.buckets WHERE name = $1', [bucket]);
        expect(rows).toEqual([]);
      } else {
        expect(deletion).toBeInstanceOf(DomainError);
        expect((deletion as DomainError).reasonName).toBe('BUCKET_NOT_EMPTY');
        expect(outcomes.map((outcome) => outcome.status)).toEqual(outcomes.map(() => 'fulfilled'));
        expect((await versionsOf(bucket)).map((v) => v.versionId)).toEqual(['null', 'null']);
      }
    }
    await expectBlobsConsistent();
  });

  test('multipart uploads racing DeleteBucket: the bucket goes with every upload and part blob, and each racer gets S3\'s answer, never a 500', async () => {
    const part = (bucket: string, uploadId: string, partNumber: number) => {
      const header = storageV1.UploadPartHeader.fromPartial({ requester, bucket, key: 'started', uploadId, partNumber, contentLength: 9 });
      return harness.client.uploadPart(Readable.from([{ part: { $case: 'header' as const, value: header } }, { part: { $case: 'data' as const, value: Buffer.from('part data') } }]));
    };
    for (let round = 0; round < 4; round++) {
      const bucket = `racing-uploads-${round}`;
      await createBucket(harness.client, bucket);
      const { uploadId } = await harness.client.createMultipartUpload({ requester, bucket, key: 'started' });
      await part(bucket, uploadId, 1);
      const racers = [part(bucket, uploadId, 1), part(bucket, uploadId, 2), harness.client.createMultipartUpload({ requester, bucket, key: 'late' })];
      await harness.client.deleteBucket({ requester, bucket });
      for (const outcome of await Promise.allSettled(racers)) {
        if (outcome.status === 'rejected') expect(['NO_SUCH_UPLOAD', 'BUCKET_NOT_FOUND']).toContain((outcome.reason as DomainError).reasonName);
      }
      const orphans = await harness.database.pool.query('SELECT 1 FROM storage.multipart_uploads u WHERE NOT EXISTS (SELECT 1 FROM storage.buckets b WHERE b.bucket_id = u.bucket_id)');
      expect(orphans.rows).toEqual([]);
    }
    await expectBlobsConsistent();
  });

  test('DeleteBucket of a bucket with versions and uploads is BUCKET_NOT_EMPTY and leaves the uploads and their parts', async () => {
    await createBucket(harness.client, 'kept-uploads');
    await putObject(harness.client, 'kept-uploads', 'object', Buffer.from('stays'));
    const { uploadId } = await harness.client.createMultipartUpload({ requester, bucket: 'kept-uploads', key: 'upload' });
    const header = storageV1.UploadPartHeader.fromPartial({ requester, bucket: 'kept-uploads', key: 'upload', uploadId, partNumber: 1, contentLength: 4 });
    await harness.client.uploadPart(Readable.from([{ part: { $case: 'header' as const, value: header } }, { part: { $case: 'data' as const, value: Buffer.from('part') } }]));
    await expectReason(harness.client.deleteBucket({ requester, bucket: 'kept-uploads' }), ErrorReason.BUCKET_NOT_EMPTY);
    expect((await harness.client.listParts({ requester, bucket: 'kept-uploads', key: 'upload', uploadId, maxParts: 10 })).parts.map((p) => p.partNumber)).toEqual([1]);
    await expectBlobsConsistent();
  });

  test('two releases of a shared blob at once: the second waits, then deletes the row the first left with one reference', async () => {
    const blobId = '0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b';
    await harness.database.pool.query('INSERT INTO storage.blobs (blob_id, sealed_length, ref_count) VALUES ($1, 10, 2)', [blobId]);
    const first = await harness.database.pool.connect();
    try {
      await first.query('BEGIN');
      const firstRelease = await first.query<{ released: string[] }>('SELECT storage.release_blobs($1::uuid[]) AS released', [[blobId]]);
      expect(firstRelease.rows[0]?.released).toEqual([]);
      let secondDone = false;
      const second = harness.database.pool.query<{ released: string[] }>('SELECT storage.release_blobs($1::uuid[]) AS released', [[blobId]]).finally(() => {
        secondDone = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(secondDone).toBe(false);
      await first.query('COMMIT');
      expect((await second).rows[0]?.released).toEqual([blobId]);
    } finally {
      first.release();
    }
    expect((await harness.database.pool.query('SELECT 1 FROM storage.blobs WHERE blob_id = $1', [blobId])).rowCount).toBe(0);
  });

  test('a copy and its source overwritten at once both land and release their shared blob exactly once', async () => {
    await createBucket(harness.client, 'shared');
    for (let round = 0; round < 10; round++) {
      await putObject(harness.client, 'shared', 'source', randomBytes(100));
      await harness.client.copyObject({ requester, sourceBucket: 'shared', sourceKey: 'source', bucket: 'shared', key: 'copy' });
      await Promise.all([putObject(harness.client, 'shared', 'source', randomBytes(100)), putObject(harness.client, 'shared', 'copy', randomBytes(100))]);
    }
    await expectBlobsConsistent();
  });
});
