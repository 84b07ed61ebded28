import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  DeleteObjectTaggingCommand,
  GetBucketEncryptionCommand,
  GetObjectAclCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  ListPartsCommand,
  PutBucketAclCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { bucketPolicy, failure, OTHER, type S3Harness, startS3Harness } from './s3-harness';

const BUCKET = 'authorized-ops';
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const OBJECTS_ARN = `${BUCKET_ARN}/*`;
const DENIED: [string, number] = ['AccessDenied', 403];

/**
 * Each S3 operation through the gateway, by a user of another account whom
 * the bucket policy lets do anything: the user's own identity policy then
 * decides, so one that allows only the action AWS documents for the
 * operation ("Required permissions for Amazon S3 API operations") must
 * succeed, and one that allows everything but denies that action must not.
 * By version id, the actions are the by-version ones (s3:GetObjectVersion,
 * s3:GetObjectVersionTagging, ...), as AWS documents them.
 */
describe('each S3 operation is authorized as the action AWS documents for it, by version id its by-version action', () => {
  let harness: S3Harness;
  let owner: S3Client;
  let firstVersion: string;
  let users = 0;

  /** An SDK client for a new user of the other account with one identity policy of these statements. */
  async function otherUser(...statements: object[]): Promise<S3Client> {
    const principal = { accountId: OTHER, arn: '' };
    const userName = `user-${++users}`;
    await harness.backend.policy.createUser({ principal, userName });
    await harness.backend.policy.putUserPolicy({ principal, userName, policyName: 'only-this', policyDocument: bucketPolicy(...statements) });
    const { accessKey, secretAccessKey } = await harness.backend.policy.createAccessKey({ principal, userName });
    return harness.client({ ...harness.other, accessKeyId: accessKey!.accessKeyId, secretAccessKey });
  }

  /** A user allowed only `actions` on the bucket and its objects. */
  const allowedOnly = (...actions: string[]) => otherUser({ Effect: 'Allow', Action: actions, Resource: [BUCKET_ARN, OBJECTS_ARN] });
  /** A user allowed everything on the bucket and its objects but `actions`, which it is denied. */
  const deniedOnly = (...actions: string[]) =>
    otherUser({ Effect: 'Allow', Action: 's3:*', Resource: [BUCKET_ARN, OBJECTS_ARN] }, { Effect: 'Deny', Action: actions, Resource: [BUCKET_ARN, OBJECTS_ARN] });

  /** A new version of `key` with a tag, by the owner; its version id. */
  async function putVersion(key: string): Promise<string> {
    return (await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'content', Tagging: 'team=blue' }))).VersionId!;
  }

  beforeAll(async () => {
    harness = await startS3Harness();
    owner = harness.client();
    await owner.send(new CreateBucketCommand({ Bucket: BUCKET, ObjectOwnership: 'BucketOwnerPreferred' }));
    await owner.send(new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }));
    const everythingToOther = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 's3:*', Resource: [BUCKET_ARN, OBJECTS_ARN] };
    await owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: bucketPolicy(everythingToOther) }));
    firstVersion = await putVersion('k');
    await putVersion('k');
  }, 60_000);
  afterAll(() => harness.close());

  test('GetObject and HeadObject by version id need s3:GetObjectVersion; without one, s3:GetObject', async () => {
    const versionReader = await allowedOnly('s3:GetObjectVersion');
    expect(await (await versionReader.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k', VersionId: firstVersion }))).Body!.transformToString()).toBe('content');
    expect((await versionReader.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'k', VersionId: firstVersion }))).VersionId).toBe(firstVersion);
    expect(await failure(versionReader.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' })))).toEqual(DENIED);

    const noVersions = await deniedOnly('s3:GetObjectVersion');
    expect(await failure(noVersions.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k', VersionId: firstVersion })))).toEqual(DENIED);
    await expect(noVersions.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'k', VersionId: firstVersion }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    expect(await (await noVersions.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }))).Body!.transformToString()).toBe('content');
  });

  test('the object tagging operations by version id need their by-version actions', async () => {
    const versionTagger = await allowedOnly('s3:GetObjectVersionTagging', 's3:PutObjectVersionTagging', 's3:DeleteObjectVersionTagging');
    const key = 'tagged';
    const version = await putVersion(key);
    expect((await versionTagger.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: key, VersionId: version }))).TagSet).toEqual([{ Key: 'team', Value: 'blue' }]);
    await versionTagger.send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: key, VersionId: version, Tagging: { TagSet: [{ Key: 'team', Value: 'red' }] } }));
    await versionTagger.send(new DeleteObjectTaggingCommand({ Bucket: BUCKET, Key: key, VersionId: version }));
    expect(await failure(versionTagger.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: key })))).toEqual(DENIED);

    const noVersionTags = await deniedOnly('s3:GetObjectVersionTagging', 's3:PutObjectVersionTagging', 's3:DeleteObjectVersionTagging');
    expect(await failure(noVersionTags.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: key, VersionId: version })))).toEqual(DENIED);
    expect(
      await failure(noVersionTags.send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: key, VersionId: version, Tagging: { TagSet: [{ Key: 'team', Value: 'red' }] } }))),
    ).toEqual(DENIED);
    expect(await failure(noVersionTags.send(new DeleteObjectTaggingCommand({ Bucket: BUCKET, Key: key, VersionId: version })))).toEqual(DENIED);
    expect((await noVersionTags.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: key }))).TagSet).toEqual([]);
  });

  test('the object ACL operations by version id need s3:GetObjectVersionAcl and s3:PutObjectVersionAcl', async () => {
    const versionAcl = await allowedOnly('s3:GetObjectVersionAcl', 's3:PutObjectVersionAcl');
    expect((await versionAcl.send(new GetObjectAclCommand({ Bucket: BUCKET, Key: 'k', VersionId: firstVersion }))).Owner?.ID).toBe(harness.owner.canonicalUserId);
    await versionAcl.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: 'k', VersionId: firstVersion, ACL: 'private' }));
    expect(await failure(versionAcl.send(new GetObjectAclCommand({ Bucket: BUCKET, Key: 'k' })))).toEqual(DENIED);

    const noVersionAcl = await deniedOnly('s3:GetObjectVersionAcl', 's3:PutObjectVersionAcl');
    expect(await failure(noVersionAcl.send(new GetObjectAclCommand({ Bucket: BUCKET, Key: 'k', VersionId: firstVersion })))).toEqual(DENIED);
    expect(await failure(noVersionAcl.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: 'k', VersionId: firstVersion, ACL: 'private' })))).toEqual(DENIED);
    await noVersionAcl.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: 'k', ACL: 'private' }));
  });

  test('GetObjectAttributes by version id needs s3:GetObjectVersionAttributes and s3:GetObjectVersion', async () => {
    const attributes = { Bucket: BUCKET, Key: 'k', VersionId: firstVersion, ObjectAttributes: ['ObjectSize' as const] };
    const versionAttributes = await allowedOnly('s3:GetObjectVersionAttributes', 's3:GetObjectVersion');
    expect((await versionAttributes.send(new GetObjectAttributesCommand(attributes))).ObjectSize).toBe(7);
    for (const denied of ['s3:GetObjectVersionAttributes', 's3:GetObjectVersion']) {
      expect(await failure((await deniedOnly(denied)).send(new GetObjectAttributesCommand(attributes)))).toEqual(DENIED);
    }
  });

  test('DeleteObject and DeleteObjects by version id need s3:DeleteObjectVersion, checked for each key', async () => {
    const keep = await putVersion('kept');
    const remove = await putVersion('removed');
    const versionDeleter = await allowedOnly('s3:DeleteObjectVersion');
    await versionDeleter.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'removed', VersionId: remove }));
    expect(await failure(versionDeleter.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'kept' })))).toEqual(DENIED);

    const noVersionDeletes = await deniedOnly('s3:DeleteObjectVersion');
    expect(await failure(noVersionDeletes.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'kept', VersionId: keep })))).toEqual(DENIED);
    const batch = await noVersionDeletes.send(
      new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'kept', VersionId: keep }, { Key: 'marked' }] } }),
    );
    expect(batch.Errors?.map((error) => [error.Key, error.Code])).toEqual([['kept', 'AccessDenied']]);
    expect(batch.Deleted?.map((deleted) => deleted.Key)).toEqual(['marked']);
    expect((await owner.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'kept', VersionId: keep }))).VersionId).toBe(keep);
  });

  test('CopyObject and UploadPartCopy from a version need s3:GetObjectVersion on the source and s3:PutObject on the destination', async () => {
    const source = `${BUCKET}/k?versionId=${firstVersion}`;
    const copier = await allowedOnly('s3:GetObjectVersion', 's3:PutObject');
    await copier.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copy', CopySource: source, TaggingDirective: 'REPLACE' }));
    const { UploadId } = await owner.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'assembled' }));
    await copier.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: 'assembled', UploadId, PartNumber: 1, CopySource: source }));

    for (const denied of ['s3:GetObjectVersion', 's3:PutObject']) {
      const user = await deniedOnly(denied);
      expect(await failure(user.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copy', CopySource: source, TaggingDirective: 'REPLACE' })))).toEqual(DENIED);
      expect(await failure(user.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: 'assembled', UploadId, PartNumber: 2, CopySource: source })))).toEqual(DENIED);
    }
  });

  test('the multipart listings and abort need s3:ListBucketMultipartUploads, s3:ListMultipartUploadParts and s3:AbortMultipartUpload', async () => {
    const { UploadId } = await owner.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'pending' }));
    const lister = await allowedOnly('s3:ListBucketMultipartUploads', 's3:ListMultipartUploadParts');
    expect((await lister.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: 'pending' }))).Uploads?.map((upload) => upload.UploadId)).toEqual([UploadId]);
    expect((await lister.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'pending', UploadId }))).Parts ?? []).toEqual([]);
    expect(await failure(lister.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'pending', UploadId })))).toEqual(DENIED);

    const noListings = await deniedOnly('s3:ListBucketMultipartUploads', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload');
    expect(await failure(noListings.send(new ListMultipartUploadsCommand({ Bucket: BUCKET })))).toEqual(DENIED);
    expect(await failure(noListings.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'pending', UploadId })))).toEqual(DENIED);
    expect(await failure(noListings.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'pending', UploadId })))).toEqual(DENIED);
    await (await allowedOnly('s3:AbortMultipartUpload')).send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'pending', UploadId }));
  });

  test('ListObjectVersions needs s3:ListBucketVersions, not s3:ListBucket; GetBucketEncryption s3:GetEncryptionConfiguration', async () => {
    const versionLister = await allowedOnly('s3:ListBucketVersions', 's3:GetEncryptionConfiguration');
    expect((await versionLister.send(new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: 'k' }))).Versions?.length).toBeGreaterThanOrEqual(2);
    expect((await versionLister.send(new GetBucketEncryptionCommand({ Bucket: BUCKET }))).ServerSideEncryptionConfiguration?.Rules).toHaveLength(1);

    const noVersionListing = await deniedOnly('s3:ListBucketVersions', 's3:GetEncryptionConfiguration');
    expect(await failure(noVersionListing.send(new ListObjectVersionsCommand({ Bucket: BUCKET })))).toEqual(DENIED);
    expect(await failure(noVersionListing.send(new GetBucketEncryptionCommand({ Bucket: BUCKET })))).toEqual(DENIED);
  });

  test("CreateBucket with the canned ACL private needs s3:CreateBucket alone, as S3 documents; any other ACL s3:PutBucketAcl too", async () => {
    const principal = { accountId: harness.owner.accountId, arn: '' };
    await harness.backend.policy.createUser({ principal, userName: 'creator' });
    const creatorPolicy = bucketPolicy({ Effect: 'Allow', Action: ['s3:CreateBucket', 's3:PutBucketOwnershipControls'], Resource: 'arn:aws:s3:::*' });
    await harness.backend.policy.putUserPolicy({ principal, userName: 'creator', policyName: 'create', policyDocument: creatorPolicy });
    const { accessKey, secretAccessKey } = await harness.backend.policy.createAccessKey({ principal, userName: 'creator' });
    const creator = harness.client({ ...harness.owner, accessKeyId: accessKey!.accessKeyId, secretAccessKey });

    await creator.send(new CreateBucketCommand({ Bucket: 'created-private', ACL: 'private' }));
    expect(await failure(creator.send(new CreateBucketCommand({ Bucket: 'created-readable', ACL: 'authenticated-read', ObjectOwnership: 'ObjectWriter' })))).toEqual(DENIED);
  });

  test("a bucket ACL's WRITE lets another account write and delete objects, but not delete versions: S3 maps WRITE to s3:DeleteObjectVersion only for the bucket owner", async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'acl-writable', ObjectOwnership: 'ObjectWriter' }));
    await owner.send(new PutBucketVersioningCommand({ Bucket: 'acl-writable', VersioningConfiguration: { Status: 'Enabled' } }));
    const kept = (await owner.send(new PutObjectCommand({ Bucket: 'acl-writable', Key: 'kept', Body: 'owner' }))).VersionId!;
    const grant = (id: string, permission: 'FULL_CONTROL' | 'WRITE') => ({ Grantee: { Type: 'CanonicalUser' as const, ID: id }, Permission: permission });
    const grants = [grant(harness.owner.canonicalUserId, 'FULL_CONTROL'), grant(harness.other.canonicalUserId, 'WRITE')];
    await owner.send(new PutBucketAclCommand({ Bucket: 'acl-writable', AccessControlPolicy: { Owner: { ID: harness.owner.canonicalUserId }, Grants: grants } }));
    const writer = harness.client(harness.other);

    await writer.send(new PutObjectCommand({ Bucket: 'acl-writable', Key: 'theirs', Body: 'other' }));
    expect((await writer.send(new DeleteObjectCommand({ Bucket: 'acl-writable', Key: 'kept' }))).DeleteMarker).toBe(true);
    expect(await failure(writer.send(new DeleteObjectCommand({ Bucket: 'acl-writable', Key: 'kept', VersionId: kept })))).toEqual(DENIED);
    const batch = await writer.send(new DeleteObjectsCommand({ Bucket: 'acl-writable', Delete: { Objects: [{ Key: 'kept', VersionId: kept }] } }));
    expect(batch.Errors?.map((error) => [error.Key, error.Code])).toEqual([['kept', 'AccessDenied']]);
    expect((await owner.send(new HeadObjectCommand({ Bucket: 'acl-writable', Key: 'kept', VersionId: kept }))).VersionId).toBe(kept);
    await owner.send(new DeleteObjectCommand({ Bucket: 'acl-writable', Key: 'kept', VersionId: kept }));
  });

  test("GetObject and HeadObject tell an object's tag count only to a requester who may read its tags, as S3 documents x-amz-tagging-count", async () => {
    const reader = await allowedOnly('s3:GetObject', 's3:GetObjectVersion');
    expect((await reader.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }))).TagCount).toBeUndefined();
    expect((await reader.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'k' }))).TagCount).toBeUndefined();
    expect((await reader.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k', VersionId: firstVersion }))).TagCount).toBeUndefined();

    const tagReader = await allowedOnly('s3:GetObject', 's3:GetObjectTagging', 's3:GetObjectVersion', 's3:GetObjectVersionTagging');
    expect((await tagReader.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }))).TagCount).toBe(1);
    expect((await tagReader.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'k' }))).TagCount).toBe(1);
    expect((await tagReader.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'k', VersionId: firstVersion }))).TagCount).toBe(1);

    const currentTagsOnly = await allowedOnly('s3:GetObjectVersion', 's3:GetObjectTagging');
    expect((await currentTagsOnly.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'k', VersionId: firstVersion }))).TagCount).toBeUndefined();
  });
});
