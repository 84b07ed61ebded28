import { storageV1 } from '@strongroom/contracts';
import { as, createBucket, OWNER, startStorageHarness, type StorageClient, type StorageHarness, type StorageReplica } from './storage-harness';

/** Polls `read` until `accept` holds, failing once a second has passed. */
async function withinASecond<T>(read: () => Promise<T>, accept: (value: T) => boolean): Promise<void> {
  const changedAt = Date.now();
  while (!accept(await read())) {
    expect(Date.now() - changedAt).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('storage bucket cache: every replica drops a changed bucket within a second', () => {
  let harness: StorageHarness;
  let replica: StorageReplica;
  const requester = as.root(OWNER);
  const getBucket = (client: StorageClient, bucket: string) => client.getBucket({ requester, bucket }).then((response) => response.bucket!);
  beforeAll(async () => {
    harness = await startStorageHarness();
    // A TTL far beyond the test: only the change feed can make the replica see changes.
    replica = await harness.startReplica({ bucketTtlMs: 600_000 });
  });
  afterAll(async () => {
    await replica.close();
    await harness.close();
  });

  test('versioning, tags and default encryption: at once on the replica that changed them, within a second on another', async () => {
    await createBucket(harness.client, 'cached-settings');
    const versioningOf = (client: StorageClient) => client.getBucketVersioning({ requester, bucket: 'cached-settings' }).then((response) => response.status);
    expect(await versioningOf(replica.client)).toBe(storageV1.VersioningStatus.UNSPECIFIED);
    await harness.client.putBucketVersioning({ requester, bucket: 'cached-settings', status: storageV1.VersioningStatus.ENABLED });
    expect(await versioningOf(harness.client)).toBe(storageV1.VersioningStatus.ENABLED);
    await withinASecond(() => versioningOf(replica.client), (status) => status === storageV1.VersioningStatus.ENABLED);

    const tagsOf = (client: StorageClient) => client.getBucketTagging({ requester, bucket: 'cached-settings' }).then((response) => response.tags, () => []);
    expect(await tagsOf(replica.client)).toEqual([]);
    await harness.client.putBucketTagging({ requester, bucket: 'cached-settings', tags: [{ key: 'team', value: 'storage' }] });
    expect(await tagsOf(harness.client)).toEqual([{ key: 'team', value: 'storage' }]);
    await withinASecond(() => tagsOf(replica.client), (tags) => tags.length === 1);

    const encryption = { algorithm: storageV1.SseAlgorithm.AES256, kmsMasterKeyId: '', bucketKeyEnabled: true, sseCBlocked: false };
    const encryptionOf = (client: StorageClient) => client.getBucketEncryption({ requester, bucket: 'cached-settings' }).then((response) => response.encryption!);
    expect((await encryptionOf(replica.client)).bucketKeyEnabled).toBe(false);
    await harness.client.putBucketEncryption({ requester, bucket: 'cached-settings', encryption });
    expect(await encryptionOf(harness.client)).toEqual(encryption);
    await withinASecond(() => encryptionOf(replica.client), (seen) => seen.bucketKeyEnabled);
  });

  test('a deleted and re-created bucket: the replica serves the new one within a second', async () => {
    const old = await createBucket(harness.client, 'cached-recreated');
    expect((await getBucket(replica.client, 'cached-recreated')).bucketId).toBe(old.bucketId);
    await harness.client.deleteBucket({ requester, bucket: 'cached-recreated' });
    const created = await createBucket(harness.client, 'cached-recreated');
    expect((await getBucket(harness.client, 'cached-recreated')).bucketId).toBe(created.bucketId);
    await withinASecond(() => getBucket(replica.client, 'cached-recreated'), (bucket) => bucket.bucketId === created.bucketId);
  });
});
