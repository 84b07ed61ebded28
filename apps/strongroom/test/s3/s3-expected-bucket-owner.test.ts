import {
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketAclCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutBucketAclCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { OTHER, OWNER, startS3Harness, type RawRequest, type S3Harness } from './s3-harness';

/** Asserts S3's answer to a failed bucket owner condition: 403 AccessDenied (HEAD answers carry no code). */
async function expectDenied(call: Promise<unknown>, head = false): Promise<void> {
  await expect(call).rejects.toMatchObject({ ...(head ? {} : { name: 'AccessDenied' }), $metadata: { httpStatusCode: 403 } });
}

describe('S3 bucket owner condition through the gateway: x-amz-expected-bucket-owner, x-amz-source-expected-bucket-owner', () => {
  let harness: S3Harness;
  let owner: S3Client;
  const Bucket = 'owned';

  beforeAll(async () => {
    harness = await startS3Harness();
    owner = harness.client();
    const other = harness.client(harness.other);
    await owner.send(new CreateBucketCommand({ Bucket }));
    await owner.send(new PutObjectCommand({ Bucket, Key: 'kept', Body: 'kept' }));
    await other.send(new CreateBucketCommand({ Bucket: 'foreign' }));
    await other.send(
      new PutBucketPolicyCommand({
        Bucket: 'foreign',
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWNER}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::foreign/*' }] }),
      }),
    );
    await other.send(new PutObjectCommand({ Bucket: 'foreign', Key: 'source', Body: 'source bytes' }));
  }, 60_000);
  afterAll(() => harness.close());

  test('the expected owner: every operation proceeds, as it does without the header', async () => {
    for (const ExpectedBucketOwner of [OWNER, undefined]) {
      await owner.send(new HeadBucketCommand({ Bucket, ExpectedBucketOwner }));
      await owner.send(new PutObjectCommand({ Bucket, Key: 'put-right', Body: 'x', ExpectedBucketOwner }));
      const got = await owner.send(new GetObjectCommand({ Bucket, Key: 'put-right', ExpectedBucketOwner }));
      expect(await got.Body!.transformToString()).toBe('x');
      const listed = await owner.send(new ListObjectsV2Command({ Bucket, ExpectedBucketOwner }));
      expect(listed.Contents?.map((entry) => entry.Key)).toEqual(['kept', 'put-right']);
      await owner.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'team', Value: 'a' }] }, ExpectedBucketOwner }));
      await owner.send(new GetBucketAclCommand({ Bucket, ExpectedBucketOwner }));
      await owner.send(new GetPublicAccessBlockCommand({ Bucket, ExpectedBucketOwner }));
    }
  });

  test('another account: 403 AccessDenied on object operations, and nothing changed', async () => {
    const ExpectedBucketOwner = OTHER;
    await expectDenied(owner.send(new PutObjectCommand({ Bucket, Key: 'put-wrong', Body: 'x', ExpectedBucketOwner })));
    await expect(owner.send(new HeadObjectCommand({ Bucket, Key: 'put-wrong' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    await expectDenied(owner.send(new GetObjectCommand({ Bucket, Key: 'kept', ExpectedBucketOwner })));
    await expectDenied(owner.send(new HeadObjectCommand({ Bucket, Key: 'kept', ExpectedBucketOwner })), true);
    await expectDenied(owner.send(new DeleteObjectCommand({ Bucket, Key: 'kept', ExpectedBucketOwner })));
    await expectDenied(owner.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'kept' }] }, ExpectedBucketOwner })));
    await owner.send(new HeadObjectCommand({ Bucket, Key: 'kept' }));
    await expectDenied(owner.send(new CreateMultipartUploadCommand({ Bucket, Key: 'upload', ExpectedBucketOwner })));
    expect((await owner.send(new ListMultipartUploadsCommand({ Bucket }))).Uploads ?? []).toEqual([]);
    await expectDenied(owner.send(new ListObjectsV2Command({ Bucket, ExpectedBucketOwner })));
    await expectDenied(owner.send(new HeadBucketCommand({ Bucket, ExpectedBucketOwner })), true);
  });

  test('a caller refused anyway gets the same answer whichever owner it names: the owner cannot be confirmed by guessing', async () => {
    const asStranger = (owner: string, request: RawRequest) => harness.raw({ ...request, account: null, headers: { ...request.headers, 'x-amz-expected-bucket-owner': owner } });
    const body = '<Delete><Object><Key>kept</Key></Object></Delete>';
    const requests: RawRequest[] = [
      { method: 'GET', path: `/${Bucket}/kept` },
      { method: 'GET', path: `/${Bucket}`, query: { 'list-type': '2' } },
      { method: 'POST', path: `/${Bucket}`, query: { delete: '' }, body, headers: { 'content-md5': createHash('md5').update(body).digest('base64') } },
    ];
    for (const request of requests) {
      const [right, wrong] = [await asStranger(OWNER, request), await asStranger(OTHER, request)];
      const answer = (raw: { status: number; body: string }) => [raw.status, raw.body.replace(/<RequestId>.*$/s, '')];
      expect(answer(wrong)).toEqual(answer(right));
    }
    await owner.send(new HeadObjectCommand({ Bucket, Key: 'kept' }));
  });

  test('a mismatched owner found by one check of several fails the request whole, whichever decision comes back first', async () => {
    // On 'foreign' the owner may GetObject but not DeleteObject: a delete conditional on an ETag asks both.
    for (let attempt = 0; attempt < 5; attempt++) {
      await expectDenied(owner.send(new DeleteObjectsCommand({ Bucket: 'foreign', Delete: { Objects: [{ Key: 'source', ETag: '"0"' }] }, ExpectedBucketOwner: OWNER })));
    }
  });

  test('another account: 403 AccessDenied on bucket sub-resources, storage\'s and policy\'s alike, and nothing changed', async () => {
    const ExpectedBucketOwner = OTHER;
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }] });
    await expectDenied(owner.send(new PutBucketPolicyCommand({ Bucket, Policy: policy, ExpectedBucketOwner })));
    await expect(owner.send(new GetBucketPolicyCommand({ Bucket }))).rejects.toMatchObject({ name: 'NoSuchBucketPolicy' });
    await expectDenied(owner.send(new GetBucketPolicyCommand({ Bucket, ExpectedBucketOwner })));
    await expectDenied(owner.send(new GetBucketPolicyStatusCommand({ Bucket, ExpectedBucketOwner })));
    const open = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };
    await expectDenied(owner.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: open, ExpectedBucketOwner })));
    expect((await owner.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration?.BlockPublicPolicy).toBe(true);
    await expectDenied(owner.send(new GetPublicAccessBlockCommand({ Bucket, ExpectedBucketOwner })));
    await expectDenied(owner.send(new GetBucketAclCommand({ Bucket, ExpectedBucketOwner })));
    await expectDenied(owner.send(new PutBucketAclCommand({ Bucket, ACL: 'private', ExpectedBucketOwner })));
    await expectDenied(owner.send(new GetBucketOwnershipControlsCommand({ Bucket, ExpectedBucketOwner })));
    await expectDenied(owner.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' }, ExpectedBucketOwner })));
    expect((await owner.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBeUndefined();
    await expectDenied(owner.send(new GetBucketVersioningCommand({ Bucket, ExpectedBucketOwner })));
    await expectDenied(owner.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'team', Value: 'b' }] }, ExpectedBucketOwner })));
    expect((await owner.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual([{ Key: 'team', Value: 'a' }]);
    await expectDenied(owner.send(new GetBucketTaggingCommand({ Bucket, ExpectedBucketOwner })));
  });

  test('copies: the source bucket\'s owner is checked against x-amz-source-expected-bucket-owner, the destination\'s against x-amz-expected-bucket-owner', async () => {
    const copy = (Key: string, owners: { ExpectedBucketOwner?: string; ExpectedSourceBucketOwner?: string }) =>
      owner.send(new CopyObjectCommand({ Bucket, Key, CopySource: 'foreign/source', ...owners }));
    await copy('copied', { ExpectedBucketOwner: OWNER, ExpectedSourceBucketOwner: OTHER });
    await expectDenied(copy('copy-wrong-source', { ExpectedSourceBucketOwner: OWNER }));
    await expectDenied(copy('copy-wrong-destination', { ExpectedBucketOwner: OTHER, ExpectedSourceBucketOwner: OTHER }));
    for (const Key of ['copy-wrong-source', 'copy-wrong-destination']) {
      await expect(owner.send(new HeadObjectCommand({ Bucket, Key }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    }
    const { UploadId } = await owner.send(new CreateMultipartUploadCommand({ Bucket, Key: 'assembled' }));
    const partCopy = (ExpectedSourceBucketOwner: string) =>
      owner.send(new UploadPartCopyCommand({ Bucket, Key: 'assembled', UploadId, PartNumber: 1, CopySource: 'foreign/source', ExpectedSourceBucketOwner }));
    await expectDenied(partCopy(OWNER));
    expect((await owner.send(new ListPartsCommand({ Bucket, Key: 'assembled', UploadId }))).Parts ?? []).toEqual([]);
    await partCopy(OTHER);
  });

  test('CreateBucket and ListBuckets ignore the header, as S3 does; a value that is not an account id is 400 InvalidBucketOwnerAWSAccountID', async () => {
    const created = await harness.raw({ method: 'PUT', path: '/ignoring-owner', headers: { 'x-amz-expected-bucket-owner': OTHER } });
    expect(created.status).toBe(200);
    const listed = await harness.raw({ method: 'GET', path: '/', headers: { 'x-amz-expected-bucket-owner': 'not-an-account' } });
    expect(listed.status).toBe(200);
    expect(listed.body).toContain('<Name>ignoring-owner</Name>');
    for (const value of ['not-an-account', '12345', '1234567890123']) {
      await expect(owner.send(new ListObjectsV2Command({ Bucket, ExpectedBucketOwner: value }))).rejects.toMatchObject({
        name: 'InvalidBucketOwnerAWSAccountID',
        $metadata: { httpStatusCode: 400 },
      });
    }
    await expect(owner.send(new CopyObjectCommand({ Bucket, Key: 'never', CopySource: 'foreign/source', ExpectedSourceBucketOwner: 'abc' }))).rejects.toMatchObject({
      name: 'InvalidBucketOwnerAWSAccountID',
    });
  });
});
