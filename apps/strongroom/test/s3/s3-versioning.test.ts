import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type ListObjectVersionsCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { codeOf, failure, startS3Harness, type S3Harness } from './s3-harness';

/**
 * Versioning as S3 answers it, scenario by scenario from LocalStack's
 * AWS-validated tests (tests/aws/services/s3/test_s3_api.py and
 * test_s3_list_operations.py, whose snapshots were recorded against S3).
 */
describe('S3 versioning through the gateway, as LocalStack\'s AWS-validated snapshots record S3', () => {
  let harness: S3Harness;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
  }, 60_000);
  afterAll(() => harness.close());

  /** A new bucket, with its versioning set when `status` is given. */
  const bucket = async (Bucket: string, status?: 'Enabled' | 'Suspended') => {
    await s3.send(new CreateBucketCommand({ Bucket }));
    if (status) await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: status } }));
  };
  const put = async (Bucket: string, Key: string, Body = Key) => (await s3.send(new PutObjectCommand({ Bucket, Key, Body }))).VersionId;
  const remove = async (Bucket: string, Key: string, VersionId?: string) => {
    const { DeleteMarker, VersionId: answered } = await s3.send(new DeleteObjectCommand({ Bucket, Key, VersionId }));
    return { DeleteMarker, VersionId: answered };
  };
  /** Each listed version and delete marker as `[kind, key, id, latest]`, in the order S3 lists them within each kind. */
  const entries = (listed: ListObjectVersionsCommandOutput) => [
    ...(listed.Versions ?? []).map((version) => ['V', version.Key, version.VersionId, version.IsLatest]),
    ...(listed.DeleteMarkers ?? []).map((marker) => ['D', marker.Key, marker.VersionId, marker.IsLatest]),
  ];
  /** A version id S3 would refuse as malformed: LocalStack's tests send this one. */
  const FAKE_VERSION_ID = 'HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD';

  test('an unversioned bucket: a version id is refused as InvalidArgument, versionId=null reads the object without naming a version (test_get_object_with_version_unversioned_bucket, test_delete_object)', async () => {
    await bucket('never-versioned');
    await put('never-versioned', 'k', 'test-version');
    for (const method of ['GET', 'DELETE']) {
      const answer = await harness.raw({ method, path: '/never-versioned/k', query: { versionId: FAKE_VERSION_ID } });
      expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
      expect(answer.body).toContain(`<Message>Invalid version id specified</Message><ArgumentName>versionId</ArgumentName><ArgumentValue>${FAKE_VERSION_ID}</ArgumentValue>`);
    }
    const read = await harness.raw({ method: 'GET', path: '/never-versioned/k', query: { versionId: 'null' } });
    expect([read.status, read.body, read.headers['x-amz-version-id']]).toEqual([200, 'test-version', undefined]);
    const batch = await s3.send(new DeleteObjectsCommand({ Bucket: 'never-versioned', Delete: { Objects: [{ Key: 'k', VersionId: FAKE_VERSION_ID }] } }));
    expect([batch.Deleted, batch.Errors]).toEqual([undefined, [{ Key: 'k', VersionId: FAKE_VERSION_ID, Code: 'NoSuchVersion', Message: 'The specified version does not exist.' }]]);
    // An empty <VersionId/> names the version '' and deletes nothing, as S3 answers it (quoted in brendanhay/amazonka#160 and wal-g/wal-g#2549).
    const empty = await s3.send(new DeleteObjectsCommand({ Bucket: 'never-versioned', Delete: { Objects: [{ Key: 'k', VersionId: '' }] } }));
    expect([empty.Deleted, empty.Errors?.map((error) => [error.Key, error.VersionId, error.Code])]).toEqual([undefined, [['k', '', 'NoSuchVersion']]]);
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'never-versioned', Key: 'k' }))).Body!.transformToString()).toBe('test-version');
  });

  test('DeleteObject in a versioned bucket: markers pile up, a marker deleted by id says DeleteMarker, a deleted version is NoSuchVersion without version headers (test_delete_object_versioned)', async () => {
    await bucket('delete-versioned', 'Enabled');
    const version = await put('delete-versioned', 'test-delete');
    const marker = await remove('delete-versioned', 'test-delete');
    expect(marker.DeleteMarker).toBe(true);
    const hidden = await harness.raw({ method: 'GET', path: '/delete-versioned/test-delete' });
    expect([hidden.status, codeOf(hidden.body), hidden.headers['x-amz-delete-marker'], hidden.headers['x-amz-version-id']]).toEqual([404, 'NoSuchKey', 'true', marker.VersionId]);
    const onMarker = await harness.raw({ method: 'GET', path: '/delete-versioned/test-delete', query: { versionId: marker.VersionId! } });
    expect([onMarker.status, codeOf(onMarker.body), onMarker.headers['x-amz-delete-marker'], onMarker.headers['x-amz-version-id'], onMarker.headers.allow]).toEqual([
      405,
      'MethodNotAllowed',
      'true',
      marker.VersionId,
      'DELETE',
    ]);
    const second = await remove('delete-versioned', 'test-delete');
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'delete-versioned', Prefix: 'test-delete' }));
    expect(entries(listed)).toEqual([
      ['V', 'test-delete', version, false],
      ['D', 'test-delete', second.VersionId, true],
      ['D', 'test-delete', marker.VersionId, false],
    ]);
    expect(await remove('delete-versioned', 'test-delete', marker.VersionId)).toEqual({ DeleteMarker: true, VersionId: marker.VersionId });
    expect(await remove('delete-versioned', 'test-delete', version)).toEqual({ DeleteMarker: undefined, VersionId: version });
    const gone = await harness.raw({ method: 'GET', path: '/delete-versioned/test-delete', query: { versionId: version! } });
    expect([gone.status, codeOf(gone.body), gone.headers['x-amz-delete-marker'], gone.headers['x-amz-version-id']]).toEqual([404, 'NoSuchVersion', undefined, undefined]);
    expect(gone.body).toContain(`<Key>test-delete</Key><VersionId>${version}</VersionId>`);
    const neverThere = await remove('delete-versioned', 'wrong-key');
    expect([neverThere.DeleteMarker, neverThere.VersionId]).toEqual([true, expect.stringMatching(/.+/)]);
  });

  test('PutObjectAcl on a key whose current version is a delete marker is 405 on the DeleteMarker, GetObjectAcl NoSuchKey; named by id, both are 405 (test_put_object_acl_on_delete_marker)', async () => {
    await bucket('acl-on-marker', 'Enabled');
    await put('acl-on-marker', 'test-key-versioned');
    const marker = await remove('acl-on-marker', 'test-key-versioned');
    const acl = { 'x-amz-acl': 'bucket-owner-full-control' };
    const answer = (response: Awaited<ReturnType<S3Harness['raw']>>) => [response.status, codeOf(response.body), /<Method>(\w+)<\/Method><ResourceType>(\w+)<\/ResourceType>/.exec(response.body)?.slice(1)];
    const path = '/acl-on-marker/test-key-versioned';
    expect(answer(await harness.raw({ method: 'PUT', path, query: { acl: '' }, headers: acl }))).toEqual([405, 'MethodNotAllowed', ['PUT', 'DeleteMarker']]);
    expect(answer(await harness.raw({ method: 'GET', path, query: { acl: '' } }))).toEqual([404, 'NoSuchKey', undefined]);
    const byId = { acl: '', versionId: marker.VersionId! };
    expect(answer(await harness.raw({ method: 'PUT', path, query: byId, headers: acl }))).toEqual([405, 'MethodNotAllowed', ['PUT', 'DeleteMarker']]);
    expect(answer(await harness.raw({ method: 'GET', path, query: byId }))).toEqual([405, 'MethodNotAllowed', ['GET', 'DeleteMarker']]);
  });

  test('DeleteObjects in a versioned bucket: markers for every key named without an id, DeleteMarker and DeleteMarkerVersionId for a marker deleted by id, NoSuchVersion per unknown id (test_delete_objects_versioned)', async () => {
    await bucket('batch-versioned', 'Enabled');
    const version = await put('batch-versioned', 'test-delete');
    const marked = await s3.send(new DeleteObjectsCommand({ Bucket: 'batch-versioned', Delete: { Objects: [{ Key: 'test-delete' }, { Key: 'wrongkey' }, { Key: 'wrongkey-x' }] } }));
    expect(marked.Deleted?.map((entry) => [entry.Key, entry.DeleteMarker, typeof entry.DeleteMarkerVersionId, entry.VersionId])).toEqual([
      ['test-delete', true, 'string', undefined],
      ['wrongkey', true, 'string', undefined],
      ['wrongkey-x', true, 'string', undefined],
    ]);
    const markerId = marked.Deleted![0]!.DeleteMarkerVersionId!;
    const unmarked = await s3.send(new DeleteObjectsCommand({ Bucket: 'batch-versioned', Delete: { Objects: [{ Key: 'test-delete', VersionId: markerId }] } }));
    expect(unmarked.Deleted).toEqual([{ Key: 'test-delete', VersionId: markerId, DeleteMarker: true, DeleteMarkerVersionId: markerId }]);
    const unknown = await s3.send(
      new DeleteObjectsCommand({ Bucket: 'batch-versioned', Delete: { Objects: [{ Key: 'test-delete', VersionId: FAKE_VERSION_ID }, { Key: 'wrong-key-2', VersionId: FAKE_VERSION_ID }] } }),
    );
    expect([unknown.Deleted, unknown.Errors?.map((error) => [error.Key, error.VersionId, error.Code])]).toEqual([
      undefined,
      [
        ['test-delete', FAKE_VERSION_ID, 'NoSuchVersion'],
        ['wrong-key-2', FAKE_VERSION_ID, 'NoSuchVersion'],
      ],
    ]);
    const removed = await s3.send(new DeleteObjectsCommand({ Bucket: 'batch-versioned', Delete: { Objects: [{ Key: 'test-delete', VersionId: version }] } }));
    expect(removed.Deleted).toEqual([{ Key: 'test-delete', VersionId: version }]);
  });

  test('a suspended bucket: a PUT replaces only the null version and names no id, a DELETE puts a null marker in its place (test_put_object_on_suspended_bucket, test_delete_object_on_suspended_bucket)', async () => {
    await bucket('suspended', 'Enabled');
    const kept = [await put('suspended', 'k', 'one'), await put('suspended', 'k', 'two')];
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'suspended', VersioningConfiguration: { Status: 'Suspended' } }));
    const replacing = [await put('suspended', 'k', 'suspended'), await put('suspended', 'k', 'overwritten')];
    expect(replacing).toEqual([undefined, undefined]);
    const current = await s3.send(new GetObjectCommand({ Bucket: 'suspended', Key: 'k' }));
    expect([current.VersionId, await current.Body!.transformToString()]).toEqual(['null', 'overwritten']);
    expect(entries(await s3.send(new ListObjectVersionsCommand({ Bucket: 'suspended' })))).toEqual([
      ['V', 'k', 'null', true],
      ['V', 'k', kept[1], false],
      ['V', 'k', kept[0], false],
    ]);
    expect(await remove('suspended', 'k')).toEqual({ DeleteMarker: true, VersionId: 'null' });
    expect(entries(await s3.send(new ListObjectVersionsCommand({ Bucket: 'suspended' })))).toEqual([
      ['V', 'k', kept[1], false],
      ['V', 'k', kept[0], false],
      ['D', 'k', 'null', true],
    ]);
  });

  test('CopyObject in place: into a suspended bucket it names the copy `null`; a copy of the null version names no source version (test_s3_copy_object_in_place_versioned, test_s3_copy_object_in_place_suspended_only)', async () => {
    const copyInPlace = async (Bucket: string) => {
      const { VersionId, CopySourceVersionId } = await s3.send(new CopyObjectCommand({ Bucket, Key: 'k', CopySource: `${Bucket}/k`, MetadataDirective: 'REPLACE' }));
      return { VersionId, CopySourceVersionId };
    };
    await bucket('copy-suspended-only');
    await put('copy-suspended-only', 'k');
    expect(await copyInPlace('copy-suspended-only')).toEqual({ VersionId: undefined, CopySourceVersionId: undefined });
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'copy-suspended-only', VersioningConfiguration: { Status: 'Suspended' } }));
    expect(await copyInPlace('copy-suspended-only')).toEqual({ VersionId: 'null', CopySourceVersionId: undefined });
    expect(await copyInPlace('copy-suspended-only')).toEqual({ VersionId: 'null', CopySourceVersionId: undefined });

    await bucket('copy-versioned', 'Enabled');
    const first = await put('copy-versioned', 'k');
    const second = await copyInPlace('copy-versioned');
    expect(second).toEqual({ VersionId: expect.stringMatching(/^[0-9a-f]{48}$/), CopySourceVersionId: first });
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'copy-versioned', VersioningConfiguration: { Status: 'Suspended' } }));
    expect(await copyInPlace('copy-versioned')).toEqual({ VersionId: 'null', CopySourceVersionId: second.VersionId });
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'copy-versioned', VersioningConfiguration: { Status: 'Enabled' } }));
    const reEnabled = await copyInPlace('copy-versioned');
    expect(reEnabled).toEqual({ VersionId: expect.stringMatching(/^[0-9a-f]{48}$/), CopySourceVersionId: undefined });
    expect(entries(await s3.send(new ListObjectVersionsCommand({ Bucket: 'copy-versioned' })))).toEqual([
      ['V', 'k', reEnabled.VersionId, true],
      ['V', 'k', 'null', false],
      ['V', 'k', second.VersionId, false],
      ['V', 'k', first, false],
    ]);
  });

  test('ListObjectVersions markers: newest first per key, a key marker alone, both markers, a version-id marker alone refused (test_list_objects_versions_markers)', async () => {
    await bucket('version-markers', 'Enabled');
    const keys = ['test_0', 'test_1', 'test_2'];
    const ids: (string | undefined)[] = [];
    for (const key of keys) ids.push(await put('version-markers', key, 'version 1'));
    ids.push(await put('version-markers', 'test_2', 'version 2'));
    for (const key of keys) ids.push((await remove('version-markers', key)).VersionId);
    for (const key of keys.slice(0, 2)) ids.push(await put('version-markers', key, 'version 2'));
    const id = (n: number) => ids[n - 1];
    const list = (input: { MaxKeys?: number; KeyMarker?: string; VersionIdMarker?: string } = {}) => s3.send(new ListObjectVersionsCommand({ Bucket: 'version-markers', ...input }));
    const page = (listed: ListObjectVersionsCommandOutput) => [entries(listed), listed.IsTruncated, listed.NextKeyMarker, listed.NextVersionIdMarker];

    expect(entries(await list())).toEqual([
      ['V', 'test_0', id(8), true],
      ['V', 'test_0', id(1), false],
      ['V', 'test_1', id(9), true],
      ['V', 'test_1', id(2), false],
      ['V', 'test_2', id(4), false],
      ['V', 'test_2', id(3), false],
      ['D', 'test_0', id(5), false],
      ['D', 'test_1', id(6), false],
      ['D', 'test_2', id(7), true],
    ]);
    const first = await list({ MaxKeys: 5 });
    expect(page(first)).toEqual([
      [
        ['V', 'test_0', id(8), true],
        ['V', 'test_0', id(1), false],
        ['V', 'test_1', id(9), true],
        ['D', 'test_0', id(5), false],
        ['D', 'test_1', id(6), false],
      ],
      true,
      'test_1',
      id(6),
    ]);
    expect(page(await list({ MaxKeys: 1, KeyMarker: 'test_1' }))).toEqual([[['D', 'test_2', id(7), true]], true, 'test_2', id(7)]);
    expect(page(await list({ MaxKeys: 1, KeyMarker: 'test_2' }))).toEqual([[], false, undefined, undefined]);
    const refused = await harness.raw({ method: 'GET', path: '/version-markers', query: { versions: '', 'max-keys': '1', 'version-id-marker': id(6)! } });
    expect([refused.status, codeOf(refused.body)]).toEqual([400, 'InvalidArgument']);
    expect(refused.body).toContain(`<Message>A version-id marker cannot be specified without a key marker.</Message><ArgumentName>version-id-marker</ArgumentName><ArgumentValue>${id(6)}</ArgumentValue>`);
    expect(page(await list({ MaxKeys: 1, KeyMarker: 'test_1', VersionIdMarker: id(6) }))).toEqual([[['V', 'test_1', id(2), false]], true, 'test_1', id(2)]);
    expect(page(await list({ MaxKeys: 1, KeyMarker: 'test_2', VersionIdMarker: id(4) }))).toEqual([[['V', 'test_2', id(3), false]], false, undefined, undefined]);
    expect(page(await list({ MaxKeys: 1, KeyMarker: '' }))).toEqual([[['V', 'test_0', id(8), true]], true, 'test_0', id(8)]);
    // A version-id marker this store could not have issued, S3's own format included: InvalidArgument, as S3 answers "invalid" (quoted in versity/versitygw#1811).
    for (const marker of ['invalid', FAKE_VERSION_ID]) {
      const malformed = await harness.raw({ method: 'GET', path: '/version-markers', query: { versions: '', 'key-marker': 'test_1', 'version-id-marker': marker } });
      expect([malformed.status, codeOf(malformed.body)]).toEqual([400, 'InvalidArgument']);
      expect(malformed.body).toContain(`<Message>Invalid version id specified</Message><ArgumentName>version-id-marker</ArgumentName><ArgumentValue>${marker}</ArgumentValue>`);
    }
  });

  test('a version-id marker whose version was deleted since still pages on after it (test_list_objects_versions_with_prefix_only_and_pagination)', async () => {
    await bucket('deleted-marker', 'Enabled');
    for (let i = 0; i < 5; i++) await put('deleted-marker', 'prefixed_key');
    await put('deleted-marker', 'non_prefixed_key');
    const first = await s3.send(new ListObjectVersionsCommand({ Bucket: 'deleted-marker', Prefix: 'prefix', MaxKeys: 3 }));
    const next = { Bucket: 'deleted-marker', Prefix: 'prefix', MaxKeys: 5, KeyMarker: first.NextKeyMarker, VersionIdMarker: first.NextVersionIdMarker };
    const rest = (await s3.send(new ListObjectVersionsCommand(next))).Versions?.map((version) => version.VersionId);
    expect(rest).toHaveLength(2);
    const deleted = await s3.send(
      new DeleteObjectsCommand({ Bucket: 'deleted-marker', Delete: { Objects: (first.Versions ?? []).map((version) => ({ Key: version.Key, VersionId: version.VersionId })) } }),
    );
    expect(deleted.Deleted?.map((entry) => entry.VersionId)).toContain(first.NextVersionIdMarker);
    const after = await s3.send(new ListObjectVersionsCommand(next));
    expect([after.Versions?.map((version) => [version.VersionId, version.IsLatest]), after.IsTruncated]).toEqual([
      [
        [rest![0], true],
        [rest![1], false],
      ],
      false,
    ]);
  });

  test('object tagging by version; on a delete marker, named by id or current, every tagging call is 405 MethodNotAllowed (test_object_tagging_versioned)', async () => {
    await bucket('tag-versions', 'Enabled');
    const first = (await s3.send(new PutObjectCommand({ Bucket: 'tag-versions', Key: 'k', Body: 'test-0', Tagging: 'test_tag=tagv1' }))).VersionId;
    const second = await put('tag-versions', 'k', 'test-1');
    expect((await s3.send(new PutObjectTaggingCommand({ Bucket: 'tag-versions', Key: 'k', Tagging: { TagSet: [{ Key: 'tag3', Value: 'tag3' }] } }))).VersionId).toBe(second);
    const tags = async (VersionId?: string) => {
      const { TagSet, VersionId: answered } = await s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-versions', Key: 'k', VersionId }));
      return [TagSet, answered];
    };
    expect(await tags()).toEqual([[{ Key: 'tag3', Value: 'tag3' }], second]);
    expect(await tags(first)).toEqual([[{ Key: 'test_tag', Value: 'tagv1' }], first]);
    const marker = (await remove('tag-versions', 'k')).VersionId!;
    const body = '<Tagging><TagSet><Tag><Key>tag1</Key><Value>tag1</Value></Tag></TagSet></Tagging>';
    const md5 = createHash('md5').update(body).digest('base64');
    for (const query of [{ tagging: '', versionId: marker }, { tagging: '' }] as Record<string, string>[]) {
      for (const method of ['PUT', 'GET', 'DELETE']) {
        const answer = await harness.raw({ method, path: '/tag-versions/k', query, ...(method === 'PUT' ? { body, headers: { 'content-md5': md5 } } : {}) });
        expect([answer.status, codeOf(answer.body)]).toEqual([405, 'MethodNotAllowed']);
        expect(answer.body).toContain(`<Method>${method}</Method><ResourceType>DeleteMarker</ResourceType>`);
      }
    }
  });

  test('a version id S3 could not have issued is refused for GET, HEAD and DELETE alike, before any lookup', async () => {
    await bucket('malformed-ids', 'Enabled');
    await put('malformed-ids', 'k');
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'malformed-ids', Key: 'k', VersionId: FAKE_VERSION_ID })))).toEqual(['InvalidArgument', 400]);
    const head = await harness.raw({ method: 'HEAD', path: '/malformed-ids/k', query: { versionId: FAKE_VERSION_ID } });
    expect([head.status, head.body]).toEqual([400, '']);
    expect(await failure(s3.send(new DeleteObjectCommand({ Bucket: 'malformed-ids', Key: 'absent', VersionId: FAKE_VERSION_ID })))).toEqual(['InvalidArgument', 400]);
  });
});
