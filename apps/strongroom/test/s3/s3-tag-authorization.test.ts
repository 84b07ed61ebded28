import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { bucketPolicy, failure, OTHER, type S3Harness, startS3Harness } from './s3-harness';

describe('S3 tag-based authorization through the gateway', () => {
  let harness: S3Harness;
  let owner: S3Client;
  let other: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    owner = harness.client();
    other = harness.client(harness.other);
  }, 60_000);
  afterAll(() => harness.close());

  const toOther = (bucket: string, statement: object) => ({ Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Resource: `arn:aws:s3:::${bucket}/*`, ...statement });

  test('s3:ExistingObjectTag is no condition of a delete, as S3 documents: a policy can neither grant nor deny DeleteObject or DeleteObjectVersion by the tags', async () => {
    const Bucket = 'tag-deletes';
    await owner.send(new CreateBucketCommand({ Bucket }));
    await owner.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const put = async (Key: string, Tagging: string) => (await owner.send(new PutObjectCommand({ Bucket, Key, Body: 'x', Tagging }))).VersionId;
    const onTag = (tag: string) => ({ StringEquals: { [`s3:ExistingObjectTag/${tag}`]: 'yes' } });
    const deletes = ['s3:DeleteObject', 's3:DeleteObjectVersion'];

    await owner.send(new PutBucketPolicyCommand({ Bucket, Policy: bucketPolicy(toOther(Bucket, { Effect: 'Allow', Action: deletes, Condition: onTag('disposable') })) }));
    const disposable = await put('disposable', 'disposable=yes');
    expect(await failure(other.send(new DeleteObjectCommand({ Bucket, Key: 'disposable' })))).toEqual(['AccessDenied', 403]);
    expect(await failure(other.send(new DeleteObjectCommand({ Bucket, Key: 'disposable', VersionId: disposable })))).toEqual(['AccessDenied', 403]);
    const batch = await other.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'disposable' }, { Key: 'disposable', VersionId: disposable }] } }));
    expect([batch.Deleted ?? [], batch.Errors?.map((error) => error.Code)]).toEqual([[], ['AccessDenied', 'AccessDenied']]);
    expect((await owner.send(new HeadObjectCommand({ Bucket, Key: 'disposable' }))).VersionId).toBe(disposable);

    const allowDeletes = toOther(Bucket, { Effect: 'Allow', Action: deletes });
    const denyProtected = toOther(Bucket, { Effect: 'Deny', Action: deletes, Condition: onTag('protected') });
    await owner.send(new PutBucketPolicyCommand({ Bucket, Policy: bucketPolicy(allowDeletes, denyProtected) }));
    const versions = [await put('protected', 'protected=yes'), await put('protected', 'protected=yes')];
    await other.send(new DeleteObjectCommand({ Bucket, Key: 'protected', VersionId: versions[0] }));
    const batched = await other.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'protected' }] } }));
    expect(batched.Deleted?.map((deleted) => deleted.DeleteMarker)).toEqual([true]);
    await other.send(new DeleteObjectCommand({ Bucket, Key: 'protected', VersionId: versions[1] }));
  });

  test('tags whose keys differ only in case are both seen by a condition on either (condition key names are case-insensitive; tag keys are not)', async () => {
    const Bucket = 'tag-cases';
    await owner.send(new CreateBucketCommand({ Bucket }));
    const allowPuts = toOther(Bucket, { Effect: 'Allow', Action: ['s3:PutObject', 's3:PutObjectTagging', 's3:GetObject'] });
    const denyProd = toOther(Bucket, { Effect: 'Deny', Action: 's3:PutObject', Condition: { StringEquals: { 's3:RequestObjectTag/env': 'prod' } } });
    const denySecret = toOther(Bucket, { Effect: 'Deny', Action: 's3:GetObject', Condition: { StringEquals: { 's3:ExistingObjectTag/class': 'secret' } } });
    await owner.send(new PutBucketPolicyCommand({ Bucket, Policy: bucketPolicy(allowPuts, denyProd, denySecret) }));
    for (const Tagging of ['env=prod', 'env=prod&Env=dev', 'Env=dev&env=prod']) {
      expect([Tagging, await failure(other.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', Tagging })))]).toEqual([Tagging, ['AccessDenied', 403]]);
    }
    await owner.send(new PutObjectCommand({ Bucket, Key: 'secret', Body: 'x', Tagging: 'class=secret&Class=public' }));
    expect(await failure(other.send(new GetObjectCommand({ Bucket, Key: 'secret' })))).toEqual(['AccessDenied', 403]);
  });
});
