import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { blobFiles } from './blob-files';
import { as, createBucket, expectReason, getObject, OWNER, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

const { ENABLED, SUSPENDED } = storageV1.VersioningStatus;

describe('storage versioning: enabled, suspended, the null version, delete markers', () => {
  let harness: StorageHarness;
  const requester = as.root(OWNER);
  beforeAll(async () => {
    harness = await startStorageHarness();
  });
  afterAll(() => harness.close());

  const versioning = (bucket: string, status: storageV1.VersioningStatus) => harness.client.putBucketVersioning({ requester, bucket, status });
  const text = async (bucket: string, key: string, versionId = '') => (await getObject(harness.client, { bucket, key, versionId })).body.toString();
  const versionsOf = async (bucket: string, prefix = '') =>
    (await harness.client.listObjectVersions({ requester, bucket, prefix, maxKeys: 1000 })).versions.map((v) => ({
      key: v.key,
      versionId: v.versionId,
      isLatest: v.isLatest,
      deleteMarker: v.deleteMarker,
    }));

  test('unversioned: every write is the null version and replaces the last, named by no version id as S3 does; a delete removes it', async () => {
    await createBucket(harness.client, 'plain');
    const files = blobFiles(harness.storage.blobDirectory).length;
    expect((await putObject(harness.client, 'plain', 'k', Buffer.from('one'))).versionId).toBe('');
    expect((await putObject(harness.client, 'plain', 'k', Buffer.from('two'))).versionId).toBe('');
    expect((await harness.client.headObject({ requester, bucket: 'plain', key: 'k' })).object?.versionId).toBe('');
    expect(await text('plain', 'k')).toBe('two');
    expect(await text('plain', 'k', 'null')).toBe('two');
    expect(await versionsOf('plain')).toEqual([{ key: 'k', versionId: 'null', isLatest: true, deleteMarker: false }]);
    expect(blobFiles(harness.storage.blobDirectory).length).toBe(files + 1);
    expect(await harness.client.deleteObject({ requester, bucket: 'plain', key: 'k' })).toEqual({ deleteMarker: false, versionId: '' });
    expect(await versionsOf('plain')).toEqual([]);
    expect(blobFiles(harness.storage.blobDirectory).length).toBe(files);
    expect(await harness.client.deleteObject({ requester, bucket: 'plain', key: 'never-there' })).toEqual({ deleteMarker: false, versionId: '' });
  });

  test('enabled: unique version ids, delete markers, reads by version id, permanent deletes that promote the next version', async () => {
    await createBucket(harness.client, 'history');
    await putObject(harness.client, 'history', 'doc', Buffer.from('before'));
    await versioning('history', ENABLED);
    const v1 = await putObject(harness.client, 'history', 'doc', Buffer.from('first'));
    const v2 = await putObject(harness.client, 'history', 'doc', Buffer.from('second'));
    expect(v1.versionId).toMatch(/^[0-9a-f]{48}$/);
    expect(v2.versionId).not.toBe(v1.versionId);
    expect(await text('history', 'doc')).toBe('second');
    expect(await text('history', 'doc', v1.versionId)).toBe('first');
    expect(await text('history', 'doc', 'null')).toBe('before');

    const marker = await harness.client.deleteObject({ requester, bucket: 'history', key: 'doc' });
    expect(marker.deleteMarker).toBe(true);
    const current = await expectReason(getObject(harness.client, { bucket: 'history', key: 'doc' }), ErrorReason.NO_SUCH_KEY);
    const named = await expectReason(getObject(harness.client, { bucket: 'history', key: 'doc', versionId: marker.versionId }), ErrorReason.METHOD_NOT_ALLOWED);
    expect(named.metadata).toEqual({ delete_marker: 'true', version_id: marker.versionId, last_modified: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(current.metadata).toEqual(named.metadata);
    await expectReason(getObject(harness.client, { bucket: 'history', key: 'doc', versionId: '0'.repeat(48) }), ErrorReason.NO_SUCH_VERSION);
    await expectReason(getObject(harness.client, { bucket: 'history', key: 'doc', versionId: 'no-such-version' }), ErrorReason.INVALID_ARGUMENT);
    expect(await versionsOf('history')).toEqual([
      { key: 'doc', versionId: marker.versionId, isLatest: true, deleteMarker: true },
      { key: 'doc', versionId: v2.versionId, isLatest: false, deleteMarker: false },
      { key: 'doc', versionId: v1.versionId, isLatest: false, deleteMarker: false },
      { key: 'doc', versionId: 'null', isLatest: false, deleteMarker: false },
    ]);
    expect((await harness.client.listObjects({ requester, bucket: 'history', maxKeys: 1000 })).contents).toEqual([]);

    expect(await harness.client.deleteObject({ requester, bucket: 'history', key: 'doc', versionId: marker.versionId })).toEqual({ deleteMarker: true, versionId: marker.versionId });
    expect(await text('history', 'doc')).toBe('second');
    await harness.client.deleteObject({ requester, bucket: 'history', key: 'doc', versionId: v2.versionId });
    expect(await text('history', 'doc')).toBe('first');
    expect((await versionsOf('history')).map((v) => [v.versionId, v.isLatest])).toEqual([
      [v1.versionId, true],
      ['null', false],
    ]);
  });

  test('suspended: writes and deletes use the null version, keeping versions made while enabled; a PUT\'s answer names no id, as S3 sends none', async () => {
    await createBucket(harness.client, 'paused');
    await versioning('paused', ENABLED);
    const kept = await putObject(harness.client, 'paused', 'k', Buffer.from('kept'));
    await versioning('paused', SUSPENDED);
    const files = blobFiles(harness.storage.blobDirectory).length;
    expect((await putObject(harness.client, 'paused', 'k', Buffer.from('null one'))).versionId).toBe('');
    expect((await putObject(harness.client, 'paused', 'k', Buffer.from('null two'))).versionId).toBe('');
    expect((await harness.client.headObject({ requester, bucket: 'paused', key: 'k' })).object?.versionId).toBe('null');
    expect(blobFiles(harness.storage.blobDirectory).length).toBe(files + 1);
    expect(await text('paused', 'k')).toBe('null two');
    expect(await versionsOf('paused')).toEqual([
      { key: 'k', versionId: 'null', isLatest: true, deleteMarker: false },
      { key: 'k', versionId: kept.versionId, isLatest: false, deleteMarker: false },
    ]);
    expect(await harness.client.deleteObject({ requester, bucket: 'paused', key: 'k' })).toEqual({ deleteMarker: true, versionId: 'null' });
    expect(blobFiles(harness.storage.blobDirectory).length).toBe(files);
    expect(await versionsOf('paused')).toEqual([
      { key: 'k', versionId: 'null', isLatest: true, deleteMarker: true },
      { key: 'k', versionId: kept.versionId, isLatest: false, deleteMarker: false },
    ]);
    await harness.client.deleteObject({ requester, bucket: 'paused', key: 'k', versionId: 'null' });
    expect(await text('paused', 'k')).toBe('kept');
  });

  test('ListObjectVersions: pages with key and version-id markers, delimiters, and every version once; a marker version that is gone resumes at its key; a marker outside the prefix is not looked up', async () => {
    await createBucket(harness.client, 'paged-versions');
    await versioning('paged-versions', ENABLED);
    const expected: string[] = [];
    for (const key of ['a', 'b/1', 'b/2', 'c']) {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.unshift((await putObject(harness.client, 'paged-versions', key, Buffer.from(`${key}${i}`))).versionId);
      expected.push(...ids.map((id) => `${key}@${id}`));
    }
    for (const maxKeys of [1, 2, 4, 5]) {
      const seen: string[] = [];
      let keyMarker = '';
      let versionIdMarker = '';
      for (let page = 0; page < 20; page++) {
        const result = await harness.client.listObjectVersions({ requester, bucket: 'paged-versions', maxKeys, keyMarker, versionIdMarker });
        expect(result.versions.length).toBeLessThanOrEqual(maxKeys);
        seen.push(...result.versions.map((v) => `${v.key}@${v.versionId}`));
        if (!result.isTruncated) break;
        keyMarker = result.nextKeyMarker;
        versionIdMarker = result.nextVersionIdMarker;
      }
      expect(seen).toEqual(expected);
    }
    const rolled = await harness.client.listObjectVersions({ requester, bucket: 'paged-versions', delimiter: '/', maxKeys: 1000 });
    expect(rolled.commonPrefixes).toEqual(['b/']);
    expect(rolled.versions.map((v) => v.key)).toEqual(['a', 'a', 'a', 'c', 'c', 'c']);
    const afterKey = await harness.client.listObjectVersions({ requester, bucket: 'paged-versions', keyMarker: 'b/1', maxKeys: 1000 });
    expect(afterKey.versions[0]?.key).toBe('b/2');
    await expectReason(harness.client.listObjectVersions({ requester, bucket: 'paged-versions', versionIdMarker: 'x' }), ErrorReason.INVALID_ARGUMENT);
    const [someVersion] = expected[0]!.split('@').slice(1);
    const pastMissing = await harness.client.listObjectVersions({ requester, bucket: 'paged-versions', keyMarker: 'b/9', versionIdMarker: someVersion!, maxKeys: 1000 });
    expect(pastMissing.versions.map((v) => v.key)).toEqual(['c', 'c', 'c']);
    for (const keyMarker of ['a', 'zz-absent']) {
      const outside = await harness.client.listObjectVersions({ requester, bucket: 'paged-versions', prefix: 'b/', keyMarker, versionIdMarker: someVersion!, maxKeys: 1000 });
      expect(outside.versions.map((v) => v.key)).toEqual(keyMarker === 'a' ? ['b/1', 'b/1', 'b/1', 'b/2', 'b/2', 'b/2'] : []);
    }
  });

  test('a version-id-marker deleted since the page before: the listing resumes after its place, listing no version twice, while its tombstone lasts (a day)', async () => {
    await createBucket(harness.client, 'pruned');
    await versioning('pruned', ENABLED);
    const ids: string[] = [];
    for (let i = 1; i <= 6; i++) ids.unshift((await putObject(harness.client, 'pruned', 'doc', Buffer.from(`v${i}`))).versionId);
    const next = (await putObject(harness.client, 'pruned', 'next', Buffer.from('n'))).versionId;
    const page = (keyMarker: string, versionIdMarker: string, maxKeys = 1000) => harness.client.listObjectVersions({ requester, bucket: 'pruned', keyMarker, versionIdMarker, maxKeys });
    const first = await page('', '', 3);
    expect(first.versions.map((v) => v.versionId)).toEqual(ids.slice(0, 3));
    // A tool that keeps the two newest versions deletes the third, the page's last, before it asks for the next page.
    await harness.client.deleteObject({ requester, bucket: 'pruned', key: 'doc', versionId: first.nextVersionIdMarker });
    const second = await page(first.nextKeyMarker, first.nextVersionIdMarker);
    expect(second.versions.map((v) => v.versionId)).toEqual([...ids.slice(3), next]);

    await harness.database.pool.query(`UPDATE storage.version_tombstones SET deleted_at = now() - interval '2 days' WHERE version_id = $1`, [first.nextVersionIdMarker]);
    expect((await harness.storage.sweep()).tombstonesPurged).toBe(1);
    const expired = await page(first.nextKeyMarker, first.nextVersionIdMarker);
    expect(expired.versions.map((v) => v.versionId)).toEqual([...ids.slice(0, 2), ...ids.slice(3), next]);
  });
});
