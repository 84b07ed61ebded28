import { checksumOf, type ChecksumAlgorithm as S3ChecksumAlgorithm } from '@strongroom/checksums';
import { ErrorReason, policyV1, storageV1 } from '@strongroom/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { as, createBucket, expectReason, OTHER, OWNER, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

const { ChecksumAlgorithm, ChecksumType } = storageV1;
const { AclPermission, GranteeType, ObjectOwnership } = policyV1;
const MiB = 1024 * 1024;
const owner = { accountId: OWNER, arn: '' };
const md5Hex = (data: Buffer) => createHash('md5').update(data).digest('hex');
const crc32Of = (data: Buffer) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data));
  return out.toString('base64');
};

describe('storage GetObjectAttributes: metadata, parts pages, versions, delete markers, SSE-C and who may ask', () => {
  let harness: StorageHarness;
  const requester = as.root(OWNER);
  beforeAll(async () => {
    harness = await startStorageHarness();
    await createBucket(harness.client, 'attrs');
  });
  afterAll(() => harness.close());

  const attributes = (request: Partial<storageV1.GetObjectAttributesRequest> & { key: string }) =>
    harness.client.getObjectAttributes({ requester, bucket: 'attrs', ...request });

  /** Uploads `parts` as a multipart object of the checksum algorithm and type, with each part's checksum. */
  async function multipart(key: string, parts: readonly Buffer[], checksumAlgorithm: storageV1.ChecksumAlgorithm, checksumType: storageV1.ChecksumType): Promise<void> {
    const options = storageV1.WriteOptions.fromPartial({ checksumAlgorithm });
    const { uploadId } = await harness.client.createMultipartUpload({ requester, bucket: 'attrs', key, options, checksumType });
    const completed: storageV1.CompletedPart[] = [];
    for (const [index, body] of parts.entries()) {
      const partChecksum = { algorithm: checksumAlgorithm, value: checksumOf(storageV1.ChecksumAlgorithm[checksumAlgorithm] as S3ChecksumAlgorithm, body).toString('base64') };
      const header = storageV1.UploadPartHeader.fromPartial({ requester, bucket: 'attrs', key, uploadId, partNumber: index + 1, contentLength: body.length, checksum: partChecksum });
      const messages: storageV1.UploadPartRequest[] = [{ part: { $case: 'header', value: header } }];
      for (let offset = 0; offset < body.length; offset += MiB) messages.push({ part: { $case: 'data', value: body.subarray(offset, offset + MiB) } });
      const { etag, checksum } = await harness.client.uploadPart(Readable.from(messages));
      completed.push({ partNumber: index + 1, etag, checksum });
    }
    await harness.client.completeMultipartUpload({ requester, bucket: 'attrs', key, uploadId, parts: completed });
  }

  test('a single-part object: its ETag, size, storage class and checksum, no parts, and no version id in a bucket never versioned', async () => {
    const body = Buffer.from('hello attributes');
    await putObject(harness.client, 'attrs', 'single', body, { options: storageV1.WriteOptions.fromPartial({ checksumAlgorithm: ChecksumAlgorithm.SHA256 }) });
    const answer = await attributes({ key: 'single' });
    expect(answer.object).toMatchObject({
      key: 'single',
      versionId: '',
      etag: `"${md5Hex(body)}"`,
      size: body.length,
      storageClass: 'STANDARD',
      partsCount: 0,
      checksum: { algorithm: ChecksumAlgorithm.SHA256, value: createHash('sha256').update(body).digest('base64'), type: ChecksumType.FULL_OBJECT },
    });
    expect(answer.object?.lastModified).toBeInstanceOf(Date);
    expect(answer.parts).toBeUndefined();
    await expectReason(attributes({ key: 'missing' }), ErrorReason.NO_SUCH_KEY);
  });

  test('a COMPOSITE multipart object lists its parts with their checksums, a page at a time; a FULL_OBJECT one only counts them', async () => {
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB + 1), Buffer.from('the last part')];
    await multipart('composite', parts, ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE);
    const expectedParts = parts.map((body, index) => ({
      partNumber: index + 1,
      etag: `"${md5Hex(body)}"`,
      size: body.length,
      checksum: { algorithm: ChecksumAlgorithm.CRC32, value: crc32Of(body), type: ChecksumType.UNSPECIFIED },
    }));

    const whole = await attributes({ key: 'composite' });
    expect(whole.object).toMatchObject({ partsCount: 3, size: parts.reduce((sum, part) => sum + part.length, 0), checksum: { type: ChecksumType.COMPOSITE } });
    expect(whole.object?.checksum?.value).toMatch(/-3$/);
    expect(whole.parts).toEqual({ parts: expectedParts, maxParts: 1000, isTruncated: false, nextPartNumberMarker: 3 });

    const first = await attributes({ key: 'composite', maxParts: 2 });
    expect(first.parts).toEqual({ parts: expectedParts.slice(0, 2), maxParts: 2, isTruncated: true, nextPartNumberMarker: 2 });
    const rest = await attributes({ key: 'composite', maxParts: 2, partNumberMarker: 2 });
    expect(rest.parts).toEqual({ parts: expectedParts.slice(2), maxParts: 2, isTruncated: false, nextPartNumberMarker: 3 });
    const beyond = await attributes({ key: 'composite', partNumberMarker: 3 });
    expect(beyond.parts).toEqual({ parts: [], maxParts: 1000, isTruncated: false, nextPartNumberMarker: 0 });
    expect((await attributes({ key: 'composite', maxParts: 5000 })).parts?.maxParts).toBe(1000);
    // No page at all is not truncated, or a client following its marker (0) would ask for the same page forever.
    expect((await attributes({ key: 'composite', maxParts: 0 })).parts).toEqual({ parts: [], maxParts: 0, isTruncated: false, nextPartNumberMarker: 0 });

    await multipart('full', [randomBytes(5 * MiB), Buffer.from('tail')], ChecksumAlgorithm.CRC32, ChecksumType.FULL_OBJECT);
    const full = await attributes({ key: 'full' });
    expect(full.object).toMatchObject({ partsCount: 2, checksum: { algorithm: ChecksumAlgorithm.CRC32, type: ChecksumType.FULL_OBJECT } });
    expect(full.parts).toBeUndefined();
  });

  test('by version id; a current delete marker is NO_SUCH_KEY and one named by id METHOD_NOT_ALLOWED, both saying so, only to a requester who may also read the object', async () => {
    await createBucket(harness.client, 'attrs-versions');
    await harness.client.putBucketVersioning({ requester, bucket: 'attrs-versions', status: storageV1.VersioningStatus.ENABLED });
    const v1 = await putObject(harness.client, 'attrs-versions', 'doc', Buffer.from('first'));
    const v2 = await putObject(harness.client, 'attrs-versions', 'doc', Buffer.from('second version'));
    const ask = (versionId = '') => harness.client.getObjectAttributes({ requester, bucket: 'attrs-versions', key: 'doc', versionId });
    expect((await ask()).object).toMatchObject({ versionId: v2.versionId, size: 14, etag: v2.etag });
    expect((await ask(v1.versionId)).object).toMatchObject({ versionId: v1.versionId, size: 5, etag: v1.etag });
    await expectReason(ask('f'.repeat(48)), ErrorReason.NO_SUCH_VERSION);
    await expectReason(ask('no-such-version'), ErrorReason.INVALID_ARGUMENT);

    const marker = await harness.client.deleteObject({ requester, bucket: 'attrs-versions', key: 'doc' });
    const current = await expectReason(ask(), ErrorReason.NO_SUCH_KEY);
    expect(current.metadata).toEqual({ delete_marker: 'true', version_id: marker.versionId, last_modified: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const named = await expectReason(ask(marker.versionId), ErrorReason.METHOD_NOT_ALLOWED);
    expect(named.metadata).toMatchObject({ delete_marker: 'true', version_id: marker.versionId });
    expect((await ask(v1.versionId)).object?.size).toBe(5);

    const versionsBucketId = (await harness.client.getBucket({ requester, bucket: 'attrs-versions' })).bucket!.bucketId;
    const statement = { Effect: 'Allow', Principal: { AWS: OTHER }, Action: ['s3:GetObjectAttributes', 's3:GetObjectVersionAttributes'], Resource: 'arn:aws:s3:::attrs-versions/*' };
    await harness.policy.putBucketPolicy({ principal: owner, bucketId: versionsBucketId, policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) });
    const askAsOther = (versionId = '') => harness.client.getObjectAttributes({ requester: as.root(OTHER), bucket: 'attrs-versions', key: 'doc', versionId });
    for (const denied of [await expectReason(askAsOther(), ErrorReason.ACCESS_DENIED), await expectReason(askAsOther(marker.versionId), ErrorReason.ACCESS_DENIED)]) {
      expect(denied.metadata).toEqual({});
    }
  });

  test('an SSE-C object needs its key: none is CUSTOMER_KEY_REQUIRED, a wrong one ACCESS_DENIED', async () => {
    const key = randomBytes(32);
    const customerKey = (raw: Buffer): storageV1.CustomerKey => ({ algorithm: 'AES256', key: Buffer.from(raw), keyMd5: createHash('md5').update(raw).digest('base64') });
    await createBucket(harness.client, 'attrs-ssec');
    const encryption = { algorithm: storageV1.SseAlgorithm.AES256, kmsMasterKeyId: '', bucketKeyEnabled: false, sseCBlocked: false };
    await harness.client.putBucketEncryption({ requester, bucket: 'attrs-ssec', encryption });
    await putObject(harness.client, 'attrs-ssec', 'sealed', Buffer.from('secret'), { options: storageV1.WriteOptions.fromPartial({ customerKey: customerKey(key) }) });
    const sealed = (extra: Partial<storageV1.GetObjectAttributesRequest> = {}) => attributes({ bucket: 'attrs-ssec', key: 'sealed', ...extra });
    expect((await sealed({ customerKey: customerKey(key) })).object?.size).toBe(6);
    await expectReason(sealed(), ErrorReason.CUSTOMER_KEY_REQUIRED);
    await expectReason(sealed({ customerKey: customerKey(randomBytes(32)) }), ErrorReason.ACCESS_DENIED);
    await expectReason(attributes({ key: 'single', customerKey: customerKey(key) }), ErrorReason.CUSTOMER_KEY_NOT_APPLICABLE);
  });

  test('another account is denied, and needs s3:GetObjectAttributes and s3:GetObject (or by version id their version forms); ACL READ grants both', async () => {
    await expectReason(attributes({ key: 'single', requester: as.root(OTHER) }), ErrorReason.ACCESS_DENIED);
    await expectReason(attributes({ key: 'missing', requester: as.root(OTHER) }), ErrorReason.ACCESS_DENIED);
    const bucketId = (await harness.client.getBucket({ requester, bucket: 'attrs' })).bucket!.bucketId;
    const allow = (...actions: string[]) =>
      harness.policy.putBucketPolicy({
        principal: owner,
        bucketId,
        policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: OTHER }, Action: actions, Resource: 'arn:aws:s3:::attrs/*' }] }),
      });
    await allow('s3:GetObject');
    await expectReason(attributes({ key: 'single', requester: as.root(OTHER) }), ErrorReason.ACCESS_DENIED);
    await allow('s3:GetObjectAttributes');
    await expectReason(attributes({ key: 'single', requester: as.root(OTHER) }), ErrorReason.ACCESS_DENIED);
    await allow('s3:GetObject', 's3:GetObjectAttributes');
    expect((await attributes({ key: 'single', requester: as.root(OTHER) })).object?.key).toBe('single');
    await expectReason(attributes({ key: 'single', versionId: 'null', requester: as.root(OTHER) }), ErrorReason.ACCESS_DENIED);
    await allow('s3:GetObjectVersion', 's3:GetObjectVersionAttributes');
    expect((await attributes({ key: 'single', versionId: 'null', requester: as.root(OTHER) })).object?.key).toBe('single');
    await harness.policy.deleteBucketPolicy({ principal: owner, bucketId });

    await createBucket(harness.client, 'attrs-acl', { objectOwnership: ObjectOwnership.OBJECT_WRITER });
    await putObject(harness.client, 'attrs-acl', 'shared', Buffer.from('shared'));
    const ask = () => harness.client.getObjectAttributes({ requester: as.root(OTHER), bucket: 'attrs-acl', key: 'shared', versionId: '' });
    await expectReason(ask(), ErrorReason.ACCESS_DENIED);
    const canonicalId = async (accountId: string) => (await harness.policy.getAccount({ principal: { accountId, arn: '' } })).account!.canonicalUserId;
    const grant = (id: string, permission: policyV1.AclPermission) => ({ grantee: { type: GranteeType.CANONICAL_USER, id, emailAddress: '', uri: '', displayName: '' }, permission });
    const acl = { ownerId: '', ownerDisplayName: '', grants: [grant(await canonicalId(OWNER), AclPermission.FULL_CONTROL), grant(await canonicalId(OTHER), AclPermission.READ)] };
    await harness.client.putObjectAcl({ requester, bucket: 'attrs-acl', key: 'shared', acl: { acl: { $case: 'accessControlPolicy', value: acl } } });
    expect((await ask()).object?.size).toBe(6);
  });
});
