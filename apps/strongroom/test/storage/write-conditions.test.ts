import { ErrorReason, policyV1, storageV1 } from '@strongroom/contracts';
import { Readable } from 'node:stream';
import { as, createBucket, expectReason, OWNER, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

/** Denies every write that does not store with this ACL, this encryption and this storage class, and every PutObjectAcl and PutBucketAcl that does not set this ACL. */
const GUARD = {
  Version: '2012-10-17',
  Statement: [
    ['s3:x-amz-acl', 'bucket-owner-full-control'],
    ['s3:x-amz-server-side-encryption', 'AES256'],
    ['s3:x-amz-storage-class', 'STANDARD_IA'],
  ]
    .map(([key, value]) => ({ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::guarded/*', Condition: { StringNotEquals: { [key!]: value } } }))
    .concat({ Effect: 'Deny', Principal: '*', Action: 's3:PutObjectAcl', Resource: 'arn:aws:s3:::guarded/*', Condition: { StringNotEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } })
    .concat({ Effect: 'Deny', Principal: '*', Action: 's3:PutBucketAcl', Resource: 'arn:aws:s3:::guarded', Condition: { StringNotEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } }),
};

/** What the guard asks for, as request options. */
const TRUTHFUL: Partial<storageV1.WriteOptions> = {
  acl: { acl: { $case: 'cannedAcl', value: 'bucket-owner-full-control' } },
  sseAlgorithm: storageV1.SseAlgorithm.AES256,
  storageClass: 'STANDARD_IA',
};

/** The owner's root, claiming in its context every condition the guard asks for, whatever its request stores. */
const claiming: storageV1.Requester = {
  ...as.root(OWNER),
  context: {
    's3:x-amz-acl': { values: ['bucket-owner-full-control'] },
    's3:x-amz-server-side-encryption': { values: ['AES256'] },
    's3:x-amz-storage-class': { values: ['STANDARD_IA'] },
  },
};

/** The same claims, the key names in other cases (condition key names are case-insensitive), some twice. */
const claimingInOtherCases: storageV1.Requester = {
  ...as.root(OWNER),
  context: {
    's3:x-amz-acl': { values: ['private'] },
    'S3:X-Amz-Acl': { values: ['bucket-owner-full-control'] },
    'S3:X-AMZ-SERVER-SIDE-ENCRYPTION': { values: ['AES256'] },
    's3:X-amz-storage-class': { values: ['STANDARD_IA'] },
  },
};

/** The owner's root, claiming in its context that its writes are conditional. */
const claimingConditions: storageV1.Requester = { ...as.root(OWNER), context: { 's3:if-none-match': { values: ['*'] }, 's3:if-match': { values: ['"x"'] } } };

/** The truthful options less one: each lie leaves one condition claimed but not met. */
const LIES: [string, Partial<storageV1.WriteOptions>][] = [
  ['no ACL', { ...TRUTHFUL, acl: undefined }],
  ['another canned ACL', { ...TRUTHFUL, acl: { acl: { $case: 'cannedAcl', value: 'private' } } }],
  ['the bucket default encryption', { ...TRUTHFUL, sseAlgorithm: storageV1.SseAlgorithm.UNSPECIFIED }],
  ['another storage class', { ...TRUTHFUL, storageClass: 'GLACIER_IR' }],
];

describe('storage: the condition keys of what a write stores come from the request, never from the caller`s context', () => {
  let harness: StorageHarness;

  beforeAll(async () => {
    harness = await startStorageHarness();
    const bucket = await createBucket(harness.client, 'guarded');
    await harness.policy.putBucketPolicy({ principal: { accountId: OWNER, arn: '' }, bucketId: bucket.bucketId, policy: JSON.stringify(GUARD) });
    await putObject(harness.client, 'guarded', 'source', Buffer.from('source'), { requester: claiming, options: storageV1.WriteOptions.fromPartial(TRUTHFUL) });
  });
  afterAll(() => harness.close());

  const absent = (key: string) => expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'guarded', key }), ErrorReason.NO_SUCH_KEY);

  test('a write that stores what the policy asks is allowed: PutObject, CopyObject, CreateMultipartUpload', async () => {
    const options = storageV1.WriteOptions.fromPartial(TRUTHFUL);
    const head = await harness.client.headObject({ requester: as.root(OWNER), bucket: 'guarded', key: 'source' });
    expect(head.object?.storageClass).toBe('STANDARD_IA');
    await harness.client.copyObject({ requester: as.root(OWNER), sourceBucket: 'guarded', sourceKey: 'source', bucket: 'guarded', key: 'copied', options, metadataDirective: storageV1.CopyDirective.REPLACE });
    await harness.client.createMultipartUpload({ requester: as.root(OWNER), bucket: 'guarded', key: 'uploaded', options });
  });

  test('ResolveBucket for PutBucketAcl sees the ACL the request sets, not what the caller claims; an ACL with another action, or none with it, is INVALID_ARGUMENT', async () => {
    const resolve = (requester: storageV1.Requester, cannedAcl: string, action = 's3:PutBucketAcl') =>
      harness.client.resolveBucket({ requester, bucket: 'guarded', action, acl: { acl: { $case: 'cannedAcl', value: cannedAcl } } });
    await expectReason(resolve(claiming, 'private'), ErrorReason.ACCESS_DENIED);
    await expectReason(resolve(claimingInOtherCases, 'private'), ErrorReason.ACCESS_DENIED);
    expect((await resolve(as.root(OWNER), 'bucket-owner-full-control')).bucketId).not.toBe('');
    await expectReason(resolve(as.root(OWNER), 'bucket-owner-full-control', 's3:GetBucketAcl'), ErrorReason.INVALID_ARGUMENT);
    await expectReason(harness.client.resolveBucket({ requester: as.root(OWNER), bucket: 'guarded', action: 's3:PutBucketAcl' }), ErrorReason.INVALID_ARGUMENT);
  });

  test('CreateBucket sees the Object Ownership it asks for (s3:x-amz-object-ownership), absent when it asks for none', async () => {
    const principal = { accountId: OWNER, arn: '' };
    await harness.policy.createUser({ principal, userName: 'builder' });
    const onlyEnforced = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Effect: 'Deny', Action: 's3:CreateBucket', Resource: '*', Condition: { StringNotEquals: { 's3:x-amz-object-ownership': 'BucketOwnerEnforced' } } },
      ],
    };
    await harness.policy.putUserPolicy({ principal, userName: 'builder', policyName: 'enforced', policyDocument: JSON.stringify(onlyEnforced) });
    const create = (bucket: string, objectOwnership: policyV1.ObjectOwnership) => harness.client.createBucket({ requester: as.user(OWNER, 'builder'), bucket, objectOwnership });
    await expectReason(create('writer-owned', policyV1.ObjectOwnership.OBJECT_WRITER), ErrorReason.ACCESS_DENIED);
    await expectReason(create('unsaid', policyV1.ObjectOwnership.UNSPECIFIED), ErrorReason.ACCESS_DENIED);
    expect((await create('enforced', policyV1.ObjectOwnership.BUCKET_OWNER_ENFORCED)).bucket?.name).toBe('enforced');
  });

  test('PutObject and CompleteMultipartUpload see their conditions on the current version (s3:if-none-match, s3:if-match), every write s3:ObjectCreationOperation, PutObject its website redirect location: a policy can require conditional writes, as S3 documents it', async () => {
    const bucket = await createBucket(harness.client, 'conditional');
    const unconditionalCreation = { Null: { 's3:if-none-match': 'true', 's3:if-match': 'true' }, Bool: { 's3:ObjectCreationOperation': 'true' } };
    const requireConditionalWrites = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::conditional/*', Condition: unconditionalCreation },
        { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::conditional/*', Condition: { Null: { 's3:x-amz-website-redirect-location': 'false' } } },
      ],
    };
    await harness.policy.putBucketPolicy({ principal: { accountId: OWNER, arn: '' }, bucketId: bucket.bucketId, policy: JSON.stringify(requireConditionalWrites) });
    const put = (key: string, header: Parameters<typeof putObject>[4]) => putObject(harness.client, 'conditional', key, Buffer.from(key), header);
    await expectReason(put('plain', {}), ErrorReason.ACCESS_DENIED);
    await expectReason(put('plain', { requester: claimingConditions }), ErrorReason.ACCESS_DENIED);
    const created = await put('created', { preconditions: { ifMatch: '', ifNoneMatch: '*' } });
    await put('created', { preconditions: { ifMatch: created.etag, ifNoneMatch: '' } });
    await expectReason(put('redirected', { preconditions: { ifMatch: '', ifNoneMatch: '*' }, options: storageV1.WriteOptions.fromPartial({ headers: { websiteRedirectLocation: '/elsewhere' } }) }), ErrorReason.ACCESS_DENIED);

    // The steps before a completion take no conditional headers, and the policy lets them through; the completion needs one.
    const { uploadId } = await harness.client.createMultipartUpload({ requester: as.root(OWNER), bucket: 'conditional', key: 'assembled' });
    const header = storageV1.UploadPartHeader.fromPartial({ requester: as.root(OWNER), bucket: 'conditional', key: 'assembled', uploadId, partNumber: 1, contentLength: 4 });
    const part = await harness.client.uploadPart(Readable.from([{ part: { $case: 'header' as const, value: header } }, { part: { $case: 'data' as const, value: Buffer.from('part') } }]));
    const complete = (preconditions: Partial<storageV1.Preconditions>) =>
      harness.client.completeMultipartUpload({ requester: as.root(OWNER), bucket: 'conditional', key: 'assembled', uploadId, parts: [{ partNumber: 1, etag: part.etag }], preconditions: storageV1.Preconditions.fromPartial(preconditions) });
    await expectReason(complete({}), ErrorReason.ACCESS_DENIED);
    await complete({ ifNoneMatch: '*' });
  });

  test('PutObjectAcl claiming the ACL the policy asks for while setting another is ACCESS_DENIED', async () => {
    const put = (requester: storageV1.Requester, cannedAcl: string) =>
      harness.client.putObjectAcl({ requester, bucket: 'guarded', key: 'source', versionId: '', acl: { acl: { $case: 'cannedAcl', value: cannedAcl } } });
    await expectReason(put(claiming, 'private'), ErrorReason.ACCESS_DENIED);
    await expectReason(put(claimingInOtherCases, 'private'), ErrorReason.ACCESS_DENIED);
    await put(as.root(OWNER), 'bucket-owner-full-control');
  });

  test.each(LIES)('with %s, claiming the condition is ACCESS_DENIED and stores nothing', async (lie, partial) => {
    const options = storageV1.WriteOptions.fromPartial(partial);
    const key = `lie ${lie}`;
    await expectReason(putObject(harness.client, 'guarded', key, Buffer.from('x'), { requester: claiming, options }), ErrorReason.ACCESS_DENIED);
    await expectReason(
      harness.client.copyObject({ requester: claiming, sourceBucket: 'guarded', sourceKey: 'source', bucket: 'guarded', key, options, metadataDirective: storageV1.CopyDirective.REPLACE }),
      ErrorReason.ACCESS_DENIED,
    );
    await expectReason(harness.client.createMultipartUpload({ requester: claiming, bucket: 'guarded', key, options }), ErrorReason.ACCESS_DENIED);
    await expectReason(putObject(harness.client, 'guarded', key, Buffer.from('x'), { requester: claimingInOtherCases, options }), ErrorReason.ACCESS_DENIED);
    await absent(key);
    expect((await harness.client.listMultipartUploads({ requester: as.root(OWNER), bucket: 'guarded', prefix: key })).uploads).toEqual([]);
  });
});
