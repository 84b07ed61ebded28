import { ErrorReason, type storageV1 } from '@strongroom/contracts';
import { ClientError, Status } from 'nice-grpc';
import { as, createBucket, expectReason, getObject, OTHER, OWNER, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

/** A requester with bucket owner conditions, each `[bucket, account id]`. */
function expecting(requester: storageV1.Requester, ...owners: [string, string][]): storageV1.Requester {
  return { ...requester, expectedBucketOwners: owners.map(([bucket, accountId]) => ({ bucket, accountId })) };
}

/** Asserts a BUCKET_OWNER_MISMATCH, sent as PERMISSION_DENIED. */
async function expectMismatch(call: Promise<unknown>): Promise<void> {
  const failure = await expectReason(call, ErrorReason.BUCKET_OWNER_MISMATCH);
  expect(failure.cause).toBeInstanceOf(ClientError);
  expect((failure.cause as ClientError).code).toBe(Status.PERMISSION_DENIED);
}

describe('storage: bucket owner conditions (Requester.expected_bucket_owners) on every operation', () => {
  let harness: StorageHarness;
  const right = expecting(as.root(OWNER), ['mine', OWNER]);
  const wrong = expecting(as.root(OWNER), ['mine', OTHER]);

  beforeAll(async () => {
    harness = await startStorageHarness();
    await createBucket(harness.client, 'mine');
    await putObject(harness.client, 'mine', 'kept', Buffer.from('kept'));
    const { bucket } = await harness.client.createBucket({ requester: as.root(OTHER), bucket: 'theirs' });
    await harness.policy.putBucketPolicy({
      principal: { accountId: OTHER, arn: '' },
      bucketId: bucket!.bucketId,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWNER}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::theirs/*' }] }),
    });
    await putObject(harness.client, 'theirs', 'source', Buffer.from('source bytes'), { requester: as.root(OTHER) });
  });
  afterAll(() => harness.close());

  test('the owner as expected: bucket and object operations proceed', async () => {
    await harness.client.getBucket({ requester: right, bucket: 'mine' });
    await harness.client.listObjects({ requester: right, bucket: 'mine' });
    await harness.client.headObject({ requester: right, bucket: 'mine', key: 'kept' });
    expect((await getObject(harness.client, { requester: right, bucket: 'mine', key: 'kept' })).body.toString()).toBe('kept');
    await putObject(harness.client, 'mine', 'put-right', Buffer.from('x'), { requester: right });
  });

  test('another owner: PERMISSION_DENIED (BUCKET_OWNER_MISMATCH) before anything is read', async () => {
    await expectMismatch(harness.client.getBucket({ requester: wrong, bucket: 'mine' }));
    await expectMismatch(harness.client.getBucketVersioning({ requester: wrong, bucket: 'mine' }));
    await expectMismatch(harness.client.getBucketEncryption({ requester: wrong, bucket: 'mine' }));
    await expectMismatch(harness.client.listObjects({ requester: wrong, bucket: 'mine' }));
    await expectMismatch(harness.client.listObjectVersions({ requester: wrong, bucket: 'mine' }));
    await expectMismatch(harness.client.listMultipartUploads({ requester: wrong, bucket: 'mine' }));
    await expectMismatch(harness.client.headObject({ requester: wrong, bucket: 'mine', key: 'kept' }));
    await expectMismatch(harness.client.headObject({ requester: wrong, bucket: 'mine', key: 'absent' }));
    await expectMismatch(getObject(harness.client, { requester: wrong, bucket: 'mine', key: 'kept' }));
    await expectMismatch(harness.client.getObjectTagging({ requester: wrong, bucket: 'mine', key: 'kept' }));
  });

  test('another owner: nothing changes', async () => {
    await expectMismatch(putObject(harness.client, 'mine', 'put-wrong', Buffer.from('x'), { requester: wrong }));
    await expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'mine', key: 'put-wrong' }), ErrorReason.NO_SUCH_KEY);
    await expectMismatch(harness.client.deleteObject({ requester: wrong, bucket: 'mine', key: 'kept' }));
    await expectMismatch(harness.client.deleteObjects({ requester: wrong, bucket: 'mine', objects: [{ key: 'kept', versionId: '' }] }));
    await harness.client.headObject({ requester: as.root(OWNER), bucket: 'mine', key: 'kept' });
    await expectMismatch(harness.client.putBucketTagging({ requester: wrong, bucket: 'mine', tags: [{ key: 'team', value: 'x' }] }));
    await expectReason(harness.client.getBucketTagging({ requester: as.root(OWNER), bucket: 'mine' }), ErrorReason.NO_SUCH_TAG_SET);
    await expectMismatch(harness.client.createMultipartUpload({ requester: wrong, bucket: 'mine', key: 'upload' }));
    expect((await harness.client.listMultipartUploads({ requester: as.root(OWNER), bucket: 'mine' })).uploads).toEqual([]);
    await expectMismatch(harness.client.deleteBucket({ requester: wrong, bucket: 'mine' }));
    await harness.client.getBucket({ requester: as.root(OWNER), bucket: 'mine' });
  });

  test('a copy source has its own condition: CopyObject and UploadPartCopy', async () => {
    const copy = (requester: storageV1.Requester, key: string) =>
      harness.client.copyObject({ requester, sourceBucket: 'theirs', sourceKey: 'source', bucket: 'mine', key });
    await copy(expecting(as.root(OWNER), ['mine', OWNER], ['theirs', OTHER]), 'copied');
    await expectMismatch(copy(expecting(as.root(OWNER), ['mine', OWNER], ['theirs', OWNER]), 'copy-wrong-source'));
    await expectMismatch(copy(expecting(as.root(OWNER), ['mine', OTHER], ['theirs', OTHER]), 'copy-wrong-destination'));
    for (const key of ['copy-wrong-source', 'copy-wrong-destination']) {
      await expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'mine', key }), ErrorReason.NO_SUCH_KEY);
    }
    const { uploadId } = await harness.client.createMultipartUpload({ requester: as.root(OWNER), bucket: 'mine', key: 'assembled' });
    const partCopy = (requester: storageV1.Requester) =>
      harness.client.uploadPartCopy({ requester, bucket: 'mine', key: 'assembled', uploadId, partNumber: 1, sourceBucket: 'theirs', sourceKey: 'source' });
    await expectMismatch(partCopy(expecting(as.root(OWNER), ['theirs', OWNER])));
    expect((await harness.client.listParts({ requester: as.root(OWNER), bucket: 'mine', key: 'assembled', uploadId })).parts).toEqual([]);
    await partCopy(expecting(as.root(OWNER), ['mine', OWNER], ['theirs', OTHER]));
  });

  test('buckets the request does not name are ignored, CreateBucket and ListBuckets ignore conditions, and malformed ones are INVALID_ARGUMENT', async () => {
    await harness.client.getBucket({ requester: expecting(as.root(OWNER), ['theirs', OWNER]), bucket: 'mine' });
    const { bucket } = await harness.client.createBucket({ requester: expecting(as.root(OWNER), ['fresh', OTHER]), bucket: 'fresh' });
    expect(bucket?.ownerAccountId).toBe(OWNER);
    await harness.client.listBuckets({ requester: expecting(as.root(OWNER), ['mine', OTHER]) });
    await expectReason(harness.client.getBucket({ requester: expecting(as.root(OWNER), ['mine', '12345']), bucket: 'mine' }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(harness.client.getBucket({ requester: expecting(as.root(OWNER), ['', OWNER]), bucket: 'mine' }), ErrorReason.INVALID_ARGUMENT);
  });
});
