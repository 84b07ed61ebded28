import { storageV1 } from '@strongroom/contracts';
import { createPool, type Pool } from '@strongroom/db';
import { rejectionOf, startPostgresProxy, type PostgresProxy } from '@strongroom/testing';
import { ClientError, Status } from 'nice-grpc-common';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { as, createBucket, getObject, OWNER, putObject, startStorageHarness, type StorageHarness, type StorageReplica } from './storage-harness';

const requester = as.root(OWNER);

/** Asserts that a call failed UNAVAILABLE (503 over S3), which a caller may retry. */
async function expectUnavailable(call: Promise<unknown>): Promise<void> {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(ClientError);
  expect((error as ClientError).code).toBe(Status.UNAVAILABLE);
}

describe('storage: a commit whose answer is lost with the database connection', () => {
  let harness: StorageHarness;
  let proxy: PostgresProxy;
  let pool: Pool;
  let replica: StorageReplica;

  beforeAll(async () => {
    harness = await startStorageHarness();
    proxy = await startPostgresProxy(harness.database.url);
    pool = createPool({ connectionString: proxy.url, applicationName: 'lost-answers' });
    replica = await harness.startReplica({ pool });
    await createBucket(harness.client, 'lost');
  });
  afterAll(async () => {
    await replica.close();
    await pool.end();
    await proxy.close();
    await harness.close();
  });

  test('a PutObject that committed keeps its data: the key reads as the new object, not as lost data', async () => {
    await putObject(replica.client, 'lost', 'overwritten', Buffer.from('the first object'));
    const second = randomBytes(100_000);
    proxy.dropNextReplyTo('storage.put-version');
    await expectUnavailable(putObject(replica.client, 'lost', 'overwritten', second));
    expect((await getObject(harness.client, { bucket: 'lost', key: 'overwritten' })).body.equals(second)).toBe(true);
  });

  test('a part that committed keeps its data', async () => {
    const { uploadId } = await harness.client.createMultipartUpload({ requester, bucket: 'lost', key: 'assembled' });
    const part = randomBytes(50_000);
    proxy.dropNextReplyTo('COMMIT');
    const header = storageV1.UploadPartHeader.fromPartial({ requester, bucket: 'lost', key: 'assembled', uploadId, partNumber: 1, contentLength: part.length });
    const messages: storageV1.UploadPartRequest[] = [{ part: { $case: 'header', value: header } }, { part: { $case: 'data', value: part } }];
    await expectUnavailable(replica.client.uploadPart(Readable.from(messages)));
    const [listed] = (await harness.client.listParts({ requester, bucket: 'lost', key: 'assembled', uploadId })).parts;
    await harness.client.completeMultipartUpload({ requester, bucket: 'lost', key: 'assembled', uploadId, parts: [{ partNumber: 1, etag: listed!.etag }] });
    expect((await getObject(harness.client, { bucket: 'lost', key: 'assembled' })).body.equals(part)).toBe(true);
  });

  test('a re-sealed copy that committed keeps its data', async () => {
    const source = randomBytes(50_000);
    await putObject(harness.client, 'lost', 'source', source);
    const resealed = storageV1.WriteOptions.fromPartial({ checksumAlgorithm: storageV1.ChecksumAlgorithm.SHA256 });
    proxy.dropNextReplyTo('storage.put-version');
    await expectUnavailable(replica.client.copyObject({ requester, sourceBucket: 'lost', sourceKey: 'source', bucket: 'lost', key: 'copied', options: resealed }));
    expect((await getObject(harness.client, { bucket: 'lost', key: 'copied' })).body.equals(source)).toBe(true);
  });
});
