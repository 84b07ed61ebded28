import { createPool } from '@strongroom/db';
import { until } from '@strongroom/testing';
import { as, createBucket, getObject, OWNER, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

const requester = as.root(OWNER);

describe('storage: blob locks and deadlocks', () => {
  let harness: StorageHarness;
  beforeAll(async () => {
    harness = await startStorageHarness();
    await createBucket(harness.client, 'locks');
  });
  afterAll(() => harness.close());

  test('a write rolled back to break a deadlock runs again and succeeds once the other transaction is gone', async () => {
    await putObject(harness.client, 'locks', 'source', Buffer.from('shared by the copy'));
    const pool = harness.database.pool;
    const { rows } = await pool.query<{ blob_id: string; bucket_id: string }>(
      `SELECT v.blob_id, v.bucket_id FROM storage.object_versions v JOIN storage.buckets b USING (bucket_id) WHERE b.name = 'locks' AND v.key = 'source' AND v.is_latest`,
    );
    const { blob_id: blobId, bucket_id: bucketId } = rows[0]!;
    // The copy's server looks for deadlocks 3 s into a wait (time enough for the other transaction to close the cycle, however busy the
    // machine); the other transaction only after 30 s, so the copy is the one rolled back.
    const patientUrl = new URL(harness.database.url);
    patientUrl.searchParams.set('options', '-c deadlock_timeout=3s');
    const patient = createPool({ connectionString: patientUrl.toString(), applicationName: 'patient' });
    const replica = await harness.startReplica({ pool: patient });
    const other = await pool.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SET LOCAL deadlock_timeout = '30s'`);
      await other.query('SELECT 1 FROM storage.blobs WHERE blob_id = $1 FOR UPDATE', [blobId]);
      const copying = replica.client.copyObject({ requester, sourceBucket: 'locks', sourceKey: 'source', bucket: 'locks', key: 'copy' });
      await until('waiting on the blob the other transaction holds', async () => (await pool.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%storage.blobs%'`)).rowCount === 1);
      // Now the other transaction waits for the copy's key: a deadlock, which the copy's backend detects after its deadlock_timeout.
      await other.query('SELECT 1 FROM storage.lock_bucket_and_key($1, $2)', [bucketId, 'copy']);
      await other.query('ROLLBACK');
      await copying;
    } finally {
      await other.query('ROLLBACK'); // a no-op unless the test failed holding the locks
      other.release();
      await replica.close();
      await patient.end();
    }
    expect((await getObject(harness.client, { bucket: 'locks', key: 'copy' })).body.toString()).toBe('shared by the copy');
  });

  test("an abort takes no lock on its bucket's row, so a DeleteBucket holding that row, then waiting for the upload's, cannot deadlock with it", async () => {
    await createBucket(harness.client, 'aborted');
    const { uploadId } = await harness.client.createMultipartUpload({ requester, bucket: 'aborted', key: 'k' });
    const holder = await harness.database.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM storage.buckets WHERE name = 'aborted' FOR UPDATE`);
      let settled = false;
      const aborting = harness.client.abortMultipartUpload({ requester, bucket: 'aborted', key: 'k', uploadId }).finally(() => {
        settled = true;
      });
      await until('aborted while the bucket row is held', () => settled, 5000);
      await aborting;
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    const { rows } = await harness.database.pool.query('SELECT 1 FROM storage.upload_tombstones WHERE upload_id = $1', [uploadId]);
    expect(rows).toHaveLength(1);
  });
});
