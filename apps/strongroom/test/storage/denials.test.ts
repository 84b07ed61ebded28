import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { DomainError, reasonFromName } from '@strongroom/errors';
import { Readable } from 'node:stream';
import { as, createBucket, expectReason, getObject, OTHER, OWNER, putObject, startStorageHarness, type StorageClient, type StorageHarness } from './storage-harness';

type Rpc = keyof typeof storageV1.StorageServiceDefinition.methods;
/** One call of an RPC on the owner's bucket, object and upload, as `requester`. */
type DeniedCall = (client: StorageClient, requester: storageV1.Requester) => Promise<unknown>;

const BUCKET = 'guarded';
const BODY = Buffer.from('the owner wrote this');

function uploadPart(client: StorageClient, requester: storageV1.Requester, uploadId: string): Promise<storageV1.UploadPartResponse> {
  const header = storageV1.UploadPartHeader.fromPartial({ requester, bucket: BUCKET, key: 'upload', uploadId, partNumber: 1, contentLength: 1 });
  return client.uploadPart(Readable.from([{ part: { $case: 'header' as const, value: header } }, { part: { $case: 'data' as const, value: Buffer.from('x') } }]));
}

/**
 * Every RPC of StorageService, called through the generated client on
 * another account's bucket: each must refuse a requester that has no
 * permission (ACCESS_DENIED) and, before anything else, a requester that
 * the caller's service credential may not act for (PRINCIPAL_NOT_ALLOWED),
 * and neither may change anything.
 */
describe('storage denials: every RPC refuses a requester without permission, and one its credential may not assert', () => {
  let harness: StorageHarness;
  let uploadId: string;
  const owner = as.root(OWNER);
  beforeAll(async () => {
    harness = await startStorageHarness();
    await createBucket(harness.client, BUCKET);
    await harness.client.putBucketTagging({ requester: owner, bucket: BUCKET, tags: [{ key: 'team', value: 'owners' }] });
    const kms = { algorithm: storageV1.SseAlgorithm.AWS_KMS, kmsMasterKeyId: '', bucketKeyEnabled: true, sseCBlocked: true };
    await harness.client.putBucketEncryption({ requester: owner, bucket: BUCKET, encryption: kms });
    await putObject(harness.client, BUCKET, 'doc', BODY, { options: storageV1.WriteOptions.fromPartial({ tags: [{ key: 'kept', value: 'yes' }] }) });
    ({ uploadId } = await harness.client.createMultipartUpload({ requester: owner, bucket: BUCKET, key: 'upload' }));
    await uploadPart(harness.client, owner, uploadId);
  });
  afterAll(() => harness.close());

  const onDoc = { bucket: BUCKET, key: 'doc' };
  const onUpload = () => ({ bucket: BUCKET, key: 'upload', uploadId });
  /** One call of each RPC on the owner's resources. */
  const calls: Readonly<Record<Rpc, DeniedCall>> = {
    createBucket: (client, requester) => client.createBucket({ requester, bucket: 'guarded-too' }),
    deleteBucket: (client, requester) => client.deleteBucket({ requester, bucket: BUCKET }),
    getBucket: (client, requester) => client.getBucket({ requester, bucket: BUCKET }),
    listBuckets: (client, requester) => client.listBuckets({ requester }),
    putBucketVersioning: (client, requester) => client.putBucketVersioning({ requester, bucket: BUCKET, status: storageV1.VersioningStatus.ENABLED }),
    getBucketVersioning: (client, requester) => client.getBucketVersioning({ requester, bucket: BUCKET }),
    getBucketLocation: (client, requester) => client.getBucketLocation({ requester, bucket: BUCKET }),
    resolveBucket: (client, requester) => client.resolveBucket({ requester, bucket: BUCKET, action: 's3:GetBucketPolicy' }),
    putBucketTagging: (client, requester) => client.putBucketTagging({ requester, bucket: BUCKET, tags: [{ key: 'team', value: 'intruders' }] }),
    getBucketTagging: (client, requester) => client.getBucketTagging({ requester, bucket: BUCKET }),
    deleteBucketTagging: (client, requester) => client.deleteBucketTagging({ requester, bucket: BUCKET }),
    putBucketEncryption: (client, requester) =>
      client.putBucketEncryption({ requester, bucket: BUCKET, encryption: { algorithm: storageV1.SseAlgorithm.AES256, kmsMasterKeyId: '', bucketKeyEnabled: false, sseCBlocked: false } }),
    getBucketEncryption: (client, requester) => client.getBucketEncryption({ requester, bucket: BUCKET }),
    deleteBucketEncryption: (client, requester) => client.deleteBucketEncryption({ requester, bucket: BUCKET }),
    putObject: (client, requester) => putObject(client, BUCKET, 'doc', Buffer.from('overwritten'), { requester }),
    getObject: (client, requester) => getObject(client, { requester, ...onDoc }),
    headObject: (client, requester) => client.headObject({ requester, ...onDoc }),
    getObjectAttributes: (client, requester) => client.getObjectAttributes({ requester, ...onDoc }),
    deleteObject: (client, requester) => client.deleteObject({ requester, ...onDoc }),
    deleteObjects: async (client, requester) => {
      const { errors } = await client.deleteObjects({ requester, bucket: BUCKET, objects: [{ key: 'doc', versionId: '', ifMatch: '' }] });
      const [refused] = errors;
      // DeleteObjects answers each object on its own: a denial is that object's error.
      if (refused !== undefined) throw new DomainError(reasonFromName(refused.reason), refused.message);
    },
    copyObject: (client, requester) => client.copyObject({ requester, sourceBucket: BUCKET, sourceKey: 'doc', bucket: BUCKET, key: 'copied' }),
    listObjects: (client, requester) => client.listObjects({ requester, bucket: BUCKET }),
    listObjectVersions: (client, requester) => client.listObjectVersions({ requester, bucket: BUCKET }),
    getObjectTagging: (client, requester) => client.getObjectTagging({ requester, ...onDoc }),
    putObjectTagging: (client, requester) => client.putObjectTagging({ requester, ...onDoc, tags: [] }),
    deleteObjectTagging: (client, requester) => client.deleteObjectTagging({ requester, ...onDoc }),
    getObjectAcl: (client, requester) => client.getObjectAcl({ requester, ...onDoc }),
    putObjectAcl: (client, requester) => client.putObjectAcl({ requester, ...onDoc, acl: { acl: { $case: 'cannedAcl', value: 'private' } } }),
    createMultipartUpload: (client, requester) => client.createMultipartUpload({ requester, bucket: BUCKET, key: 'another-upload' }),
    uploadPart: (client, requester) => uploadPart(client, requester, uploadId),
    uploadPartCopy: (client, requester) => client.uploadPartCopy({ requester, ...onUpload(), partNumber: 2, sourceBucket: BUCKET, sourceKey: 'doc' }),
    completeMultipartUpload: (client, requester) => client.completeMultipartUpload({ requester, ...onUpload(), parts: [{ partNumber: 1, etag: '"x"' }] }),
    abortMultipartUpload: (client, requester) => client.abortMultipartUpload({ requester, ...onUpload() }),
    listParts: (client, requester) => client.listParts({ requester, ...onUpload() }),
    listMultipartUploads: (client, requester) => client.listMultipartUploads({ requester, bucket: BUCKET }),
  };
  /** The RPCs that act on no bucket of another account, so are denied to an anonymous requester instead. */
  const ACCOUNT_RPCS: ReadonlySet<Rpc> = new Set<Rpc>(['createBucket', 'listBuckets']);

  test('the table names every RPC of the service', () => {
    expect(Object.keys(calls).sort()).toEqual(Object.keys(storageV1.StorageServiceDefinition.methods).sort());
  });

  test.each(Object.keys(storageV1.StorageServiceDefinition.methods) as Rpc[])('%s: ACCESS_DENIED without permission', async (rpc) => {
    await expectReason(calls[rpc](harness.client, ACCOUNT_RPCS.has(rpc) ? as.anonymous() : as.root(OTHER)), ErrorReason.ACCESS_DENIED);
  });

  test.each(Object.keys(storageV1.StorageServiceDefinition.methods) as Rpc[])('%s: PRINCIPAL_NOT_ALLOWED for a requester the credential may not assert', async (rpc) => {
    await expectReason(calls[rpc](harness.ownerOnlyClient, as.root(OTHER)), ErrorReason.PRINCIPAL_NOT_ALLOWED);
  });

  test('nothing a refused call asked for happened', async () => {
    expect((await getObject(harness.client, onDoc)).body.equals(BODY)).toBe(true);
    expect((await harness.client.getObjectTagging({ requester: owner, ...onDoc })).tags).toEqual([{ key: 'kept', value: 'yes' }]);
    expect((await harness.client.getBucketTagging({ requester: owner, bucket: BUCKET })).tags).toEqual([{ key: 'team', value: 'owners' }]);
    expect((await harness.client.getBucketVersioning({ requester: owner, bucket: BUCKET })).status).toBe(storageV1.VersioningStatus.UNSPECIFIED);
    expect((await harness.client.getBucketEncryption({ requester: owner, bucket: BUCKET })).encryption?.algorithm).toBe(storageV1.SseAlgorithm.AWS_KMS);
    await expectReason(harness.client.getBucket({ requester: owner, bucket: 'guarded-too' }), ErrorReason.BUCKET_NOT_FOUND);
    expect((await harness.client.listObjects({ requester: owner, bucket: BUCKET })).contents.map((entry) => entry.key)).toEqual(['doc']);
    expect((await harness.client.listMultipartUploads({ requester: owner, bucket: BUCKET })).uploads.map((upload) => upload.uploadId)).toEqual([uploadId]);
    expect((await harness.client.listParts({ requester: owner, ...onUpload() })).parts.map((part) => part.partNumber)).toEqual([1]);
    expect((await harness.client.listBuckets({ requester: as.root(OTHER) })).buckets).toEqual([]);
  });
});
