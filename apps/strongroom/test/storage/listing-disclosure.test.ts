import { storageV1 } from '@strongroom/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { as, createBucket, OTHER, OWNER, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

const { ChecksumAlgorithm, ChecksumType, SseAlgorithm } = storageV1;

/** What S3 lists of an object: nothing that only s3:GetObject (and, for SSE-C, the key) may read. */
function listedOnly(info: storageV1.ObjectInfo | undefined) {
  return {
    headers: info?.headers,
    userMetadata: info?.userMetadata,
    tagCount: info?.tagCount,
    encryption: info?.encryption,
    checksumValue: info?.checksum?.value,
    partsCount: info?.partsCount,
  };
}
const NOTHING_READ = { headers: undefined, userMetadata: {}, tagCount: 0, encryption: undefined, checksumValue: '', partsCount: 0 };

describe('storage listings reveal what S3 lists, not what only a read may see', () => {
  let harness: StorageHarness;
  const requester = as.root(OWNER);
  const customerKey = randomBytes(32);
  beforeAll(async () => {
    harness = await startStorageHarness({ legacyBucketDefaults: true });
    const { bucketId } = await createBucket(harness.client, 'disclosed');
    await harness.client.putBucketVersioning({ requester, bucket: 'disclosed', status: storageV1.VersioningStatus.ENABLED });
    const listOnly = { Effect: 'Allow', Principal: { AWS: OTHER }, Action: ['s3:ListBucket', 's3:ListBucketVersions'], Resource: 'arn:aws:s3:::disclosed' };
    await harness.policy.putBucketPolicy({ principal: { accountId: OWNER, arn: '' }, bucketId, policy: JSON.stringify({ Version: '2012-10-17', Statement: [listOnly] }) });
    await putObject(harness.client, 'disclosed', 'plain', Buffer.from('salary: 120000'), {
      options: storageV1.WriteOptions.fromPartial({
        headers: { contentType: 'text/plain', contentDisposition: 'attachment; filename="salaries.txt"' },
        userMetadata: { patient: 'Jane Doe' },
        tags: [{ key: 'classification', value: 'secret' }],
        checksumAlgorithm: ChecksumAlgorithm.SHA256,
      }),
    });
    await putObject(harness.client, 'disclosed', 'sealed', Buffer.from('PIN 1234'), {
      options: storageV1.WriteOptions.fromPartial({
        checksumAlgorithm: ChecksumAlgorithm.SHA256,
        customerKey: { algorithm: 'AES256', key: Buffer.from(customerKey), keyMd5: createHash('md5').update(customerKey).digest('base64') },
      }),
    });
  });
  afterAll(() => harness.close());

  test('a requester allowed only to list sees keys, sizes, ETags and the checksum algorithm, but no metadata, headers, tags, encryption or checksum value', async () => {
    const listed = await harness.client.listObjects({ requester: as.root(OTHER), bucket: 'disclosed' });
    const versions = await harness.client.listObjectVersions({ requester: as.root(OTHER), bucket: 'disclosed' });
    for (const entries of [listed.contents, versions.versions]) {
      expect(entries.map((entry) => entry.key)).toEqual(['plain', 'sealed']);
      for (const entry of entries) {
        expect(listedOnly(entry)).toEqual(NOTHING_READ);
        expect(entry).toMatchObject({ size: expect.any(Number), etag: expect.stringMatching(/^"/), checksum: { algorithm: ChecksumAlgorithm.SHA256, type: ChecksumType.FULL_OBJECT } });
      }
    }
  });

  test("an SSE-C object's checksum, of its plaintext, is not listed even to its owner, who reads it with the key", async () => {
    const sealed = (await harness.client.listObjects({ requester, bucket: 'disclosed', prefix: 'sealed' })).contents[0];
    expect(sealed?.checksum?.value).toBe('');
    const withKey = await harness.client.headObject({
      requester,
      bucket: 'disclosed',
      key: 'sealed',
      customerKey: { algorithm: 'AES256', key: Buffer.from(customerKey), keyMd5: createHash('md5').update(customerKey).digest('base64') },
    });
    expect(withKey.object?.checksum?.value).toBe(createHash('sha256').update('PIN 1234').digest('base64'));
    expect(withKey.object?.encryption?.algorithm).toBe(SseAlgorithm.CUSTOMER);
  });
});
