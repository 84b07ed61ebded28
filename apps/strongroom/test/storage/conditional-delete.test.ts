import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { as, createBucket, expectReason, getObject, OTHER, OWNER, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

describe('storage conditional deletes: If-Match on DeleteObject, <ETag> on DeleteObjects', () => {
  let harness: StorageHarness;
  const requester = as.root(OWNER);
  beforeAll(async () => {
    harness = await startStorageHarness();
    await createBucket(harness.client, 'plain');
    await createBucket(harness.client, 'versioned');
    await harness.client.putBucketVersioning({ requester, bucket: 'versioned', status: storageV1.VersioningStatus.ENABLED });
  });
  afterAll(() => harness.close());

  const ifMatch = (value: string) => ({ ifMatch: value, ifNoneMatch: '' });
  const deleteIf = (bucket: string, key: string, condition: string, versionId = '') =>
    harness.client.deleteObject({ requester, bucket, key, versionId, preconditions: ifMatch(condition) });
  const text = async (bucket: string, key: string) => (await getObject(harness.client, { bucket, key })).body.toString();

  test('a matching ETag (quoted or not) or * deletes; a wrong one is PRECONDITION_FAILED and the object stays', async () => {
    const put = await putObject(harness.client, 'plain', 'doc', Buffer.from('kept'));
    await expectReason(deleteIf('plain', 'doc', '"abc"'), ErrorReason.PRECONDITION_FAILED);
    expect(await text('plain', 'doc')).toBe('kept');
    expect(await deleteIf('plain', 'doc', put.etag)).toEqual({ deleteMarker: false, versionId: '' });
    await expectReason(getObject(harness.client, { bucket: 'plain', key: 'doc' }), ErrorReason.NO_SUCH_KEY);

    const again = await putObject(harness.client, 'plain', 'bare', Buffer.from('x'));
    await deleteIf('plain', 'bare', again.etag.replace(/"/g, ''));
    await putObject(harness.client, 'plain', 'any', Buffer.from('x'));
    await deleteIf('plain', 'any', '*');
    expect((await harness.client.listObjects({ requester, bucket: 'plain', maxKeys: 1000 })).contents).toEqual([]);
  });

  test('without a current version, If-Match (even *) is NO_SUCH_KEY, where an unconditional delete succeeds', async () => {
    await expectReason(deleteIf('plain', 'never', '*'), ErrorReason.NO_SUCH_KEY);
    await expectReason(deleteIf('plain', 'never', '"abc"'), ErrorReason.NO_SUCH_KEY);
    expect(await harness.client.deleteObject({ requester, bucket: 'plain', key: 'never' })).toEqual({ deleteMarker: false, versionId: '' });
  });

  test('versioned: a matching If-Match adds a delete marker; over a delete marker it is NO_SUCH_KEY, even with the hidden version\'s ETag', async () => {
    const put = await putObject(harness.client, 'versioned', 'doc', Buffer.from('v1'));
    await expectReason(deleteIf('versioned', 'doc', '"abc"'), ErrorReason.PRECONDITION_FAILED);
    const marker = await deleteIf('versioned', 'doc', put.etag);
    expect(marker.deleteMarker).toBe(true);
    expect(marker.versionId).toMatch(/^[0-9a-f]{48}$/);
    await expectReason(deleteIf('versioned', 'doc', put.etag), ErrorReason.NO_SUCH_KEY);
    await expectReason(deleteIf('versioned', 'doc', '*'), ErrorReason.NO_SUCH_KEY);
    expect((await getObject(harness.client, { bucket: 'versioned', key: 'doc', versionId: put.versionId })).body.toString()).toBe('v1');
  });

  test('If-Match applies to the current version only: not with a version id; a delete takes no other condition', async () => {
    const put = await putObject(harness.client, 'versioned', 'named', Buffer.from('n'));
    await expectReason(deleteIf('versioned', 'named', put.etag, put.versionId), ErrorReason.INVALID_ARGUMENT);
    const withNoneMatch = { ifMatch: '', ifNoneMatch: '*' };
    await expectReason(harness.client.deleteObject({ requester, bucket: 'versioned', key: 'named', preconditions: withNoneMatch }), ErrorReason.INVALID_ARGUMENT);
    expect(await text('versioned', 'named')).toBe('n');
  });

  test('racing conditional deletes of one version: exactly one passes', async () => {
    const put = await putObject(harness.client, 'versioned', 'raced', Buffer.from('r'));
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => deleteIf('versioned', 'raced', put.etag)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) if (result.status === 'rejected') expect((result.reason as { reasonName: string }).reasonName).toBe('NO_SUCH_KEY');
    const versions = await harness.client.listObjectVersions({ requester, bucket: 'versioned', prefix: 'raced', maxKeys: 1000 });
    expect(versions.versions.filter((version) => version.deleteMarker)).toHaveLength(1);
  });

  test('DeleteObjects: each <ETag> is checked on its own; a mismatch is a per-key PRECONDITION_FAILED and the rest are deleted', async () => {
    const one = await putObject(harness.client, 'plain', 'b1', Buffer.from('1'));
    await putObject(harness.client, 'plain', 'b2', Buffer.from('2'));
    await putObject(harness.client, 'plain', 'b3', Buffer.from('3'));
    const named = await putObject(harness.client, 'versioned', 'b4', Buffer.from('4'));
    const result = await harness.client.deleteObjects({
      requester,
      bucket: 'plain',
      objects: [
        { key: 'b1', versionId: '', ifMatch: one.etag },
        { key: 'b2', versionId: '', ifMatch: '"abc"' },
        { key: 'b3', versionId: '', ifMatch: '' },
        { key: 'gone', versionId: '', ifMatch: '*' },
      ],
    });
    expect(result.deleted.map((deleted) => deleted.key)).toEqual(['b1', 'b3']);
    expect(result.errors).toEqual([
      { key: 'b2', versionId: '', reason: 'PRECONDITION_FAILED', message: expect.any(String) },
      { key: 'gone', versionId: '', reason: 'NO_SUCH_KEY', message: expect.any(String) },
    ]);
    expect(await text('plain', 'b2')).toBe('2');
    await expectReason(getObject(harness.client, { bucket: 'plain', key: 'b1' }), ErrorReason.NO_SUCH_KEY);

    const versioned = await harness.client.deleteObjects({ requester, bucket: 'versioned', objects: [{ key: 'b4', versionId: named.versionId, ifMatch: named.etag }] });
    expect(versioned.errors.map((error) => error.reason)).toEqual(['INVALID_ARGUMENT']);
    expect(await text('versioned', 'b4')).toBe('4');
  });

  test('who may: an ETag condition also needs s3:GetObject, `*` does not; s3:if-match is a condition key', async () => {
    await createBucket(harness.client, 'shared');
    const put = await putObject(harness.client, 'shared', 'doc', Buffer.from('shared'));
    await putObject(harness.client, 'shared', 'other', Buffer.from('other'));
    const bucketId = (await harness.client.getBucket({ requester, bucket: 'shared' })).bucket!.bucketId;
    const statement = { Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::shared/*', Condition: { Null: { 's3:if-match': 'false' } } };
    await harness.policy.putBucketPolicy({ principal: { accountId: OWNER, arn: '' }, bucketId, policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) });
    const deleteAsOther = (key: string, condition?: string) =>
      harness.client.deleteObject({ requester: as.root(OTHER), bucket: 'shared', key, versionId: '', ...(condition === undefined ? {} : { preconditions: ifMatch(condition) }) });
    await expectReason(deleteAsOther('doc'), ErrorReason.ACCESS_DENIED);
    await expectReason(deleteAsOther('doc', put.etag), ErrorReason.ACCESS_DENIED);
    expect(await text('shared', 'doc')).toBe('shared');
    expect(await deleteAsOther('other', '*')).toEqual({ deleteMarker: false, versionId: '' });
  });
});
