import { ErrorReason, policyV1, storageV1 } from '@strongroom/contracts';
import { AUTHENTICATED_USERS_URI } from '@strongroom/iam-policy';
import { createHash, randomBytes } from 'node:crypto';
import { blobFiles } from './blob-files';
import { as, createBucket, expectReason, getObject, OTHER, OWNER, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

const { ObjectOwnership, GranteeType, AclPermission } = policyV1;
const REPLACE = storageV1.CopyDirective.REPLACE;
const owner = { accountId: OWNER, arn: '' };

describe('storage object features: tagging, ACLs and ownership, copies, batch deletes', () => {
  let harness: StorageHarness;
  const requester = as.root(OWNER);
  beforeAll(async () => {
    harness = await startStorageHarness();
    await createBucket(harness.client, 'features');
    await createBucket(harness.client, 'writers', { objectOwnership: ObjectOwnership.OBJECT_WRITER });
    await createBucket(harness.client, 'elsewhere');
  });
  afterAll(() => harness.close());

  test('object tagging: at write time, put, get, delete, by version; at most 10 tags; tags feed s3:ExistingObjectTag', async () => {
    await putObject(harness.client, 'features', 'tagged', Buffer.from('t'), { options: storageV1.WriteOptions.fromPartial({ tags: [{ key: 'class', value: 'secret' }] }) });
    expect((await harness.client.headObject({ requester, bucket: 'features', key: 'tagged' })).object?.tagCount).toBe(1);
    expect(await harness.client.getObjectTagging({ requester, bucket: 'features', key: 'tagged' })).toEqual({ tags: [{ key: 'class', value: 'secret' }], versionId: '' });
    await harness.client.putObjectTagging({ requester, bucket: 'features', key: 'tagged', tags: [{ key: 'class', value: 'public' }, { key: 'team', value: 'a' }] });
    expect((await harness.client.getObjectTagging({ requester, bucket: 'features', key: 'tagged', versionId: 'null' })).tags).toHaveLength(2);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: '' }));
    await expectReason(harness.client.putObjectTagging({ requester, bucket: 'features', key: 'tagged', tags: eleven }), ErrorReason.TOO_MANY_TAGS);
    // More tags than a write may carry are refused before they become condition keys of its authorization, to anyone: their number says nothing of what the caller may do.
    const spellings = Array.from({ length: 20_000 }, (_, i) => ({ key: [...'abcdefghijklmnop'].map((letter, bit) => ((i >> bit) & 1 ? letter.toUpperCase() : letter)).join(''), value: '' }));
    await expectReason(harness.client.putObjectTagging({ requester: as.root(OTHER), bucket: 'features', key: 'tagged', tags: spellings }), ErrorReason.TOO_MANY_TAGS);
    await expectReason(putObject(harness.client, 'features', 'many-tags', Buffer.from('t'), { requester: as.root(OTHER), options: storageV1.WriteOptions.fromPartial({ tags: spellings }) }), ErrorReason.TOO_MANY_TAGS);
    await expectReason(harness.client.getObjectTagging({ requester, bucket: 'features', key: 'missing' }), ErrorReason.NO_SUCH_KEY);

    const bucketId = (await harness.client.getBucket({ requester, bucket: 'features' })).bucket!.bucketId;
    const readPublicTagged = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::features/*', Condition: { StringEquals: { 's3:ExistingObjectTag/class': 'public' } } }],
    });
    await harness.policy.putBucketPolicy({ principal: owner, bucketId, policy: readPublicTagged });
    expect((await getObject(harness.client, { bucket: 'features', key: 'tagged', requester: as.root(OTHER) })).body.toString()).toBe('t');
    await harness.client.deleteObjectTagging({ requester, bucket: 'features', key: 'tagged' });
    expect((await harness.client.getObjectTagging({ requester, bucket: 'features', key: 'tagged' })).tags).toEqual([]);
    await expectReason(getObject(harness.client, { bucket: 'features', key: 'tagged', requester: as.root(OTHER) }), ErrorReason.ACCESS_DENIED);
    await harness.policy.deleteBucketPolicy({ principal: owner, bucketId });
  });

  test("BucketOwnerEnforced: the bucket owner owns every object; ACLs other than bucket-owner-full-control (or the owner's own private) are ACLS_NOT_SUPPORTED", async () => {
    await putObject(harness.client, 'features', 'enforced', Buffer.from('e'), { options: storageV1.WriteOptions.fromPartial({ acl: { acl: { $case: 'cannedAcl', value: 'private' } } }) });
    await putObject(harness.client, 'features', 'enforced', Buffer.from('e'), { options: storageV1.WriteOptions.fromPartial({ acl: { acl: { $case: 'cannedAcl', value: 'bucket-owner-full-control' } } }) });
    await expectReason(
      putObject(harness.client, 'features', 'enforced', Buffer.from('e'), { options: storageV1.WriteOptions.fromPartial({ acl: { acl: { $case: 'cannedAcl', value: 'public-read' } } }) }),
      ErrorReason.ACLS_NOT_SUPPORTED,
    );
    await expectReason(harness.client.putObjectAcl({ requester, bucket: 'features', key: 'enforced', acl: { acl: { $case: 'cannedAcl', value: 'authenticated-read' } } }), ErrorReason.ACLS_NOT_SUPPORTED);
    const { accessControlPolicy } = await harness.client.getObjectAcl({ requester, bucket: 'features', key: 'enforced' });
    expect(accessControlPolicy?.grants).toHaveLength(1);
    expect(accessControlPolicy?.grants[0]).toMatchObject({ permission: AclPermission.FULL_CONTROL, grantee: { type: GranteeType.CANONICAL_USER, id: accessControlPolicy?.ownerId } });
  });

  test('ObjectWriter: object ACLs are stored, validated, blocked when public under BlockPublicAcls, and grant access', async () => {
    const ownerId = (await harness.policy.getAccount({ principal: owner })).account!.canonicalUserId;
    await putObject(harness.client, 'writers', 'doc', Buffer.from('d'));
    const acl = (await harness.client.getObjectAcl({ requester, bucket: 'writers', key: 'doc' })).accessControlPolicy;
    expect(acl?.ownerId).toBe(ownerId);
    await expectReason(harness.client.putObjectAcl({ requester, bucket: 'writers', key: 'doc', acl: { acl: { $case: 'cannedAcl', value: 'not-a-canned-acl' } } }), ErrorReason.MALFORMED_ACL);
    const badGroup = { ownerId: '', ownerDisplayName: '', grants: [{ grantee: { type: GranteeType.GROUP, id: '', emailAddress: '', uri: 'http://example.com/group', displayName: '' }, permission: AclPermission.READ }] };
    await expectReason(harness.client.putObjectAcl({ requester, bucket: 'writers', key: 'doc', acl: { acl: { $case: 'accessControlPolicy', value: badGroup } } }), ErrorReason.MALFORMED_ACL);
    const givenAway = { ...badGroup, ownerId: 'f'.repeat(64), grants: [] };
    await expectReason(harness.client.putObjectAcl({ requester, bucket: 'writers', key: 'doc', acl: { acl: { $case: 'accessControlPolicy', value: givenAway } } }), ErrorReason.ACCESS_DENIED);
    const authenticatedRead = { acl: { $case: 'cannedAcl' as const, value: 'authenticated-read' } };
    await expectReason(harness.client.putObjectAcl({ requester, bucket: 'writers', key: 'doc', acl: authenticatedRead }), ErrorReason.PUBLIC_ACCESS_BLOCKED);
    await expectReason(getObject(harness.client, { bucket: 'writers', key: 'doc', requester: as.root(OTHER) }), ErrorReason.ACCESS_DENIED);
    const bucketId = (await harness.client.getBucket({ requester, bucket: 'writers' })).bucket!.bucketId;
    await harness.policy.deleteBucketPublicAccessBlock({ principal: owner, bucketId });
    await harness.client.putObjectAcl({ requester, bucket: 'writers', key: 'doc', acl: authenticatedRead });
    const stored = (await harness.client.getObjectAcl({ requester, bucket: 'writers', key: 'doc' })).accessControlPolicy;
    expect(stored?.grants.map((g) => [g.grantee?.uri || g.grantee?.id, g.permission])).toEqual([
      [ownerId, AclPermission.FULL_CONTROL],
      [AUTHENTICATED_USERS_URI, AclPermission.READ],
    ]);
    expect((await getObject(harness.client, { bucket: 'writers', key: 'doc', requester: as.root(OTHER) })).body.toString()).toBe('d');
    await expectReason(getObject(harness.client, { bucket: 'writers', key: 'doc', requester: as.anonymous() }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.getObjectAcl({ requester: as.root(OTHER), bucket: 'writers', key: 'doc' }), ErrorReason.ACCESS_DENIED);
  });

  test('CopyObject shares the ciphertext (one more reference, no new file) and re-wraps only the data key', async () => {
    const body = randomBytes(200_000);
    const source = await putObject(harness.client, 'features', 'original', body, {
      options: storageV1.WriteOptions.fromPartial({ headers: { contentType: 'text/plain' }, userMetadata: { origin: 'yes', place: '東京' }, tags: [{ key: 'a', value: '1' }] }),
    });
    const files = blobFiles(harness.storage.blobDirectory).length;
    const copied = await harness.client.copyObject({ requester, sourceBucket: 'features', sourceKey: 'original', bucket: 'elsewhere', key: 'copy' });
    expect(copied).toMatchObject({ etag: source.etag, versionId: '', sourceVersionId: '', encryption: { algorithm: storageV1.SseAlgorithm.AES256 } });
    expect(blobFiles(harness.storage.blobDirectory).length).toBe(files);
    const { rows } = await harness.database.pool.query<{ ref_count: number; keys: string[]; wrapped: number }>(
      `SELECT b.ref_count, array_agg(v.key ORDER BY v.key) AS keys, count(DISTINCT v.wrapped_data_key)::int AS wrapped
       FROM storage.blobs b JOIN storage.object_versions v USING (blob_id) WHERE v.key IN ('original', 'copy') GROUP BY b.ref_count`,
    );
    expect(rows).toEqual([{ ref_count: 2, keys: ['copy', 'original'], wrapped: 2 }]);
    const copy = await getObject(harness.client, { bucket: 'elsewhere', key: 'copy' });
    expect(copy.body.equals(body)).toBe(true);
    expect(copy.metadata.object).toMatchObject({ userMetadata: { origin: 'yes', place: '東京' }, tagCount: 1, headers: { contentType: 'text/plain' } });

    await harness.client.deleteObject({ requester, bucket: 'features', key: 'original' });
    expect((await getObject(harness.client, { bucket: 'elsewhere', key: 'copy' })).body.equals(body)).toBe(true);
    await harness.client.deleteObject({ requester, bucket: 'elsewhere', key: 'copy' });
    expect(blobFiles(harness.storage.blobDirectory).length).toBe(files - 1);
  });

  test('CopyObject directives (an undefined one is INVALID_ARGUMENT), onto itself, source conditions, a new checksum, and who may copy', async () => {
    const put = await putObject(harness.client, 'features', 'src', Buffer.from('source bytes'), {
      options: storageV1.WriteOptions.fromPartial({ userMetadata: { old: '1' }, tags: [{ key: 'old', value: '1' }] }),
    });
    await harness.client.copyObject({
      requester,
      sourceBucket: 'features',
      sourceKey: 'src',
      bucket: 'features',
      key: 'replaced',
      metadataDirective: REPLACE,
      taggingDirective: REPLACE,
      options: storageV1.WriteOptions.fromPartial({ headers: { contentType: 'image/png' }, userMetadata: { new: 'zwei ü 二' }, tags: [] }),
    });
    const replaced = (await harness.client.headObject({ requester, bucket: 'features', key: 'replaced' })).object;
    expect(replaced).toMatchObject({ userMetadata: { new: 'zwei ü 二' }, tagCount: 0, headers: { contentType: 'image/png' }, etag: put.etag });
    await expectReason(harness.client.copyObject({ requester, sourceBucket: 'features', sourceKey: 'src', bucket: 'features', key: 'src' }), ErrorReason.INVALID_REQUEST);
    for (const directives of [{ metadataDirective: 9 as storageV1.CopyDirective }, { taggingDirective: -1 as storageV1.CopyDirective }]) {
      await expectReason(harness.client.copyObject({ requester, sourceBucket: 'features', sourceKey: 'src', bucket: 'features', key: 'undirected', ...directives }), ErrorReason.INVALID_ARGUMENT);
    }
    await harness.client.copyObject({ requester, sourceBucket: 'features', sourceKey: 'src', bucket: 'features', key: 'src', metadataDirective: REPLACE });
    expect((await harness.client.headObject({ requester, bucket: 'features', key: 'src' })).object?.userMetadata).toEqual({});
    const copy = (conditions: Partial<storageV1.Preconditions>) =>
      harness.client.copyObject({ requester, sourceBucket: 'features', sourceKey: 'src', bucket: 'features', key: 'conditional', sourcePreconditions: { ifMatch: '', ifNoneMatch: '', ...conditions } });
    await expectReason(copy({ ifMatch: '"nope"' }), ErrorReason.PRECONDITION_FAILED);
    await expectReason(copy({ ifNoneMatch: put.etag }), ErrorReason.PRECONDITION_FAILED);
    await copy({ ifMatch: put.etag });
    const summed = await harness.client.copyObject({
      requester,
      sourceBucket: 'features',
      sourceKey: 'src',
      bucket: 'features',
      key: 'summed',
      options: storageV1.WriteOptions.fromPartial({ checksumAlgorithm: storageV1.ChecksumAlgorithm.SHA256 }),
    });
    expect(summed.checksum?.value).toBe(createHash('sha256').update('source bytes').digest('base64'));
    expect((await getObject(harness.client, { bucket: 'features', key: 'summed' })).body.toString()).toBe('source bytes');
    await expectReason(harness.client.copyObject({ requester: as.root(OTHER), sourceBucket: 'features', sourceKey: 'src', bucket: 'features', key: 'x' }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.copyObject({ requester, sourceBucket: 'features', sourceKey: 'nope', bucket: 'features', key: 'x' }), ErrorReason.NO_SUCH_KEY);
  });

  test('CopyObject refuses a source above 5 GiB, as S3 does, before anything is written; exactly 5 GiB is copied', async () => {
    const FIVE_GIB = 5 * 1024 ** 3;
    await putObject(harness.client, 'features', 'huge', Buffer.from('stands in for 5 GiB'));
    /** Records the source as `size` bytes long: a copy that shares the source's data reads none of it, so the file need not be that long. */
    const recordSize = (size: number) =>
      harness.database.pool.query(
        `UPDATE storage.object_versions v SET size = $1 FROM storage.buckets b WHERE b.bucket_id = v.bucket_id AND b.name = 'features' AND v.key = 'huge' AND v.is_latest`,
        [size],
      );
    await recordSize(FIVE_GIB + 1);
    const copy = (key: string) => harness.client.copyObject({ requester, sourceBucket: 'features', sourceKey: 'huge', bucket: 'features', key });
    const refused = await expectReason(copy('huge-copy'), ErrorReason.INVALID_REQUEST);
    expect(refused.message).toBe(`The specified copy source is larger than the maximum allowable size for a copy source: ${FIVE_GIB}`);
    await expectReason(harness.client.headObject({ requester, bucket: 'features', key: 'huge-copy' }), ErrorReason.NO_SUCH_KEY);
    await recordSize(FIVE_GIB);
    expect((await copy('huge-copy')).etag).toBe((await harness.client.headObject({ requester, bucket: 'features', key: 'huge' })).object?.etag);
  });

  test('DeleteObjects: each object authorized and deleted on its own; quiet mode; bad requests', async () => {
    for (const key of ['d1', 'd2', 'd3']) await putObject(harness.client, 'features', key, Buffer.from(key));
    const objects = ['d1', 'd2', 'never'].map((key) => ({ key, versionId: '' }));
    const result = await harness.client.deleteObjects({ requester, bucket: 'features', objects });
    expect(result.errors).toEqual([]);
    expect(result.deleted.map((d) => d.key)).toEqual(['d1', 'd2', 'never']);
    const denied = await harness.client.deleteObjects({ requester: as.root(OTHER), bucket: 'features', objects: [{ key: 'd3', versionId: '' }] });
    expect(denied.errors).toEqual([{ key: 'd3', versionId: '', reason: 'ACCESS_DENIED', message: expect.any(String) }]);
    const quiet = await harness.client.deleteObjects({ requester, bucket: 'features', quiet: true, objects: [{ key: 'd3', versionId: '' }, { key: 'k'.repeat(1100), versionId: '' }] });
    expect(quiet.deleted).toEqual([]);
    expect(quiet.errors.map((e) => e.reason)).toEqual(['KEY_TOO_LONG']);
    await expectReason(harness.client.headObject({ requester, bucket: 'features', key: 'd3' }), ErrorReason.NO_SUCH_KEY);
    await expectReason(harness.client.deleteObjects({ requester, bucket: 'features', objects: [] }), ErrorReason.INVALID_ARGUMENT);
  });

  test('DeleteObjects deletes and reports an object named twice once, as S3 does: one delete marker in a versioned bucket', async () => {
    await createBucket(harness.client, 'repeated');
    await harness.client.putBucketVersioning({ requester, bucket: 'repeated', status: storageV1.VersioningStatus.ENABLED });
    await putObject(harness.client, 'repeated', 'twice', Buffer.from('t'));
    const kept = await putObject(harness.client, 'repeated', 'kept', Buffer.from('k'));
    const twice = { key: 'twice', versionId: '', ifMatch: '' };
    const result = await harness.client.deleteObjects({ requester, bucket: 'repeated', objects: [twice, { key: 'kept', versionId: kept.versionId }, twice, { key: 'kept', versionId: kept.versionId }] });
    expect(result.errors).toEqual([]);
    expect(result.deleted.map(({ key, versionId, deleteMarker }) => [key, versionId, deleteMarker])).toEqual([
      ['twice', '', true],
      ['kept', kept.versionId, false],
    ]);
    const versions = await harness.client.listObjectVersions({ requester, bucket: 'repeated', prefix: '', maxKeys: 1000 });
    expect(versions.versions.map(({ key, deleteMarker }) => [key, deleteMarker])).toEqual([
      ['twice', true],
      ['twice', false],
    ]);
  });
});
