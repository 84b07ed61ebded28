import {
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { bucketPolicy, codeOf, failure, OTHER, OWNER, type S3Harness, startS3Harness } from './s3-harness';

const BUCKET = 'guarded';
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;

describe("S3 bucket operations are authorized by their own action, as S3's are", () => {
  let harness: S3Harness;
  let owner: S3Client;

  /** An SDK client for a new IAM user of the owner account with one identity policy of these statements (none without statements). */
  async function user(name: string, ...statements: object[]): Promise<S3Client> {
    const principal = { accountId: OWNER, arn: '' };
    await harness.backend.policy.createUser({ principal, userName: name });
    if (statements.length > 0) {
      await harness.backend.policy.putUserPolicy({ principal, userName: name, policyName: 'only-this', policyDocument: bucketPolicy(...statements) });
    }
    const { accessKey, secretAccessKey } = await harness.backend.policy.createAccessKey({ principal, userName: name });
    return harness.client({ ...harness.owner, accessKeyId: accessKey!.accessKeyId, secretAccessKey });
  }

  beforeAll(async () => {
    harness = await startS3Harness();
    owner = harness.client();
    await owner.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await owner.send(new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }));
    await owner.send(
      new PutBucketPolicyCommand({
        Bucket: BUCKET,
        Policy: bucketPolicy({ Sid: 'PartnerReads', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 's3:GetObject', Resource: `${BUCKET_ARN}/*` }),
      }),
    );
  }, 60_000);
  afterAll(() => harness.close());

  test('Allow s3:ListBucket does not open GetBucketVersioning or GetBucketLocation that a Deny closes', async () => {
    const denied = await user(
      'lister-denied',
      { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketVersioning', 's3:GetBucketLocation'], Resource: BUCKET_ARN },
      { Effect: 'Deny', Action: ['s3:GetBucketVersioning', 's3:GetBucketLocation'], Resource: BUCKET_ARN },
    );
    expect((await denied.send(new ListObjectsV2Command({ Bucket: BUCKET }))).KeyCount).toBe(0);
    await denied.send(new HeadBucketCommand({ Bucket: BUCKET }));
    expect(await failure(denied.send(new GetBucketVersioningCommand({ Bucket: BUCKET })))).toEqual(['AccessDenied', 403]);
    expect(await failure(denied.send(new GetBucketLocationCommand({ Bucket: BUCKET })))).toEqual(['AccessDenied', 403]);

    const listOnly = await user('lister-only', { Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET_ARN });
    expect(await failure(listOnly.send(new GetBucketVersioningCommand({ Bucket: BUCKET })))).toEqual(['AccessDenied', 403]);
    expect(await failure(listOnly.send(new GetBucketLocationCommand({ Bucket: BUCKET })))).toEqual(['AccessDenied', 403]);
  });

  test('GetBucketVersioning and GetBucketLocation need only their own action, not s3:ListBucket', async () => {
    const reader = await user('versioning-reader', { Effect: 'Allow', Action: ['s3:GetBucketVersioning', 's3:GetBucketLocation'], Resource: BUCKET_ARN });
    expect((await reader.send(new GetBucketVersioningCommand({ Bucket: BUCKET }))).Status).toBe('Enabled');
    expect((await reader.send(new GetBucketLocationCommand({ Bucket: BUCKET }))).LocationConstraint).toBeUndefined();
    expect(await failure(reader.send(new ListObjectsV2Command({ Bucket: BUCKET })))).toEqual(['AccessDenied', 403]);
  });

  test('the settings the policy service keeps need only their own action, not s3:ListBucket', async () => {
    const reader = await user('settings-reader', {
      Effect: 'Allow',
      Action: ['s3:GetBucketPolicyStatus', 's3:GetBucketAcl', 's3:GetBucketPolicy', 's3:GetBucketPublicAccessBlock', 's3:GetBucketOwnershipControls'],
      Resource: BUCKET_ARN,
    });
    expect((await reader.send(new GetBucketPolicyStatusCommand({ Bucket: BUCKET }))).PolicyStatus).toEqual({ IsPublic: false });
    expect((await reader.send(new GetBucketAclCommand({ Bucket: BUCKET }))).Owner?.ID).toBe(harness.owner.canonicalUserId);
    expect(JSON.parse((await reader.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy!).Statement[0].Sid).toBe('PartnerReads');
    expect((await reader.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }))).PublicAccessBlockConfiguration?.BlockPublicPolicy).toBe(true);
    expect((await reader.send(new GetBucketOwnershipControlsCommand({ Bucket: BUCKET }))).OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    await expect(reader.send(new HeadBucketCommand({ Bucket: BUCKET }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  });

  test("another account that a bucket policy lets manage the policy gets 405 MethodNotAllowed, as in S3; one it does not, 403", async () => {
    const grant = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'], Resource: 'arn:aws:s3:::foreign-managed' };
    await owner.send(new CreateBucketCommand({ Bucket: 'foreign-managed' }));
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'foreign-managed', Policy: bucketPolicy(grant) }));
    const other = harness.client(harness.other);
    expect(await failure(other.send(new GetBucketPolicyCommand({ Bucket: 'foreign-managed' })))).toEqual(['MethodNotAllowed', 405]);
    expect(await failure(other.send(new DeleteBucketPolicyCommand({ Bucket: 'foreign-managed' })))).toEqual(['MethodNotAllowed', 405]);
    expect(await failure(other.send(new GetBucketPolicyCommand({ Bucket: BUCKET })))).toEqual(['AccessDenied', 403]);
    const raw = await harness.raw({ method: 'GET', path: '/foreign-managed', query: { policy: '' }, account: harness.other });
    expect([raw.status, codeOf(raw.body), /[0-9a-f]{8}-[0-9a-f]{4}-/.test(raw.body)]).toEqual([405, 'MethodNotAllowed', false]);
    expect((await owner.send(new GetBucketPolicyCommand({ Bucket: 'foreign-managed' }))).Policy).toBe(bucketPolicy(grant));
  });

  test('each setting is authorized as its own action: one allowed is not another, and a Deny of it wins over s3:*', async () => {
    const statusOnly = await user('status-only', { Effect: 'Allow', Action: 's3:GetBucketPolicyStatus', Resource: BUCKET_ARN });
    expect((await statusOnly.send(new GetBucketPolicyStatusCommand({ Bucket: BUCKET }))).PolicyStatus).toEqual({ IsPublic: false });
    expect(await failure(statusOnly.send(new GetBucketPolicyCommand({ Bucket: BUCKET })))).toEqual(['AccessDenied', 403]);
    expect(await failure(statusOnly.send(new GetBucketAclCommand({ Bucket: BUCKET })))).toEqual(['AccessDenied', 403]);

    const allButStatus = await user(
      'all-but-status',
      { Effect: 'Allow', Action: 's3:*', Resource: BUCKET_ARN },
      { Effect: 'Deny', Action: ['s3:GetBucketPolicyStatus', 's3:GetBucketAcl'], Resource: BUCKET_ARN },
    );
    expect(await failure(allButStatus.send(new GetBucketPolicyStatusCommand({ Bucket: BUCKET })))).toEqual(['AccessDenied', 403]);
    expect(await failure(allButStatus.send(new GetBucketAclCommand({ Bucket: BUCKET })))).toEqual(['AccessDenied', 403]);
    expect((await allButStatus.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy).toBeDefined();
  });

  test('a missing bucket is NoSuchBucket to anyone; an existing one is AccessDenied to whoever may not', async () => {
    const prober = await user('prober', { Effect: 'Allow', Action: 's3:GetBucketPolicyStatus', Resource: 'arn:aws:s3:::*' });
    const other = harness.client(harness.other);
    for (const client of [owner, prober, other]) {
      expect(await failure(client.send(new GetBucketPolicyStatusCommand({ Bucket: 'no-such-bucket' })))).toEqual(['NoSuchBucket', 404]);
      expect(await failure(client.send(new GetBucketAclCommand({ Bucket: 'no-such-bucket' })))).toEqual(['NoSuchBucket', 404]);
    }
    const anonymous = await harness.raw({ method: 'GET', path: '/no-such-bucket', query: { policyStatus: '' }, account: null });
    expect([anonymous.status, codeOf(anonymous.body)]).toEqual([404, 'NoSuchBucket']);
    expect(await failure(other.send(new GetBucketPolicyStatusCommand({ Bucket: BUCKET })))).toEqual(['AccessDenied', 403]);
    expect(await failure(other.send(new GetBucketAclCommand({ Bucket: BUCKET })))).toEqual(['AccessDenied', 403]);
    const anonymousExisting = await harness.raw({ method: 'GET', path: `/${BUCKET}`, query: { policyStatus: '' }, account: null });
    expect([anonymousExisting.status, codeOf(anonymousExisting.body)]).toEqual([403, 'AccessDenied']);
  });

  test("the owner's root still manages its bucket's policy when the bucket policy denies everything, and only that", async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'locked-out' }));
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'locked-out', Policy: bucketPolicy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::locked-out' }) }));
    expect(await failure(owner.send(new ListObjectsV2Command({ Bucket: 'locked-out' })))).toEqual(['AccessDenied', 403]);
    expect(await failure(owner.send(new GetBucketPolicyStatusCommand({ Bucket: 'locked-out' })))).toEqual(['AccessDenied', 403]);
    expect(await failure(owner.send(new GetBucketAclCommand({ Bucket: 'locked-out' })))).toEqual(['AccessDenied', 403]);
    expect(JSON.parse((await owner.send(new GetBucketPolicyCommand({ Bucket: 'locked-out' }))).Policy!).Statement[0].Effect).toBe('Deny');
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'locked-out', Policy: bucketPolicy({ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::locked-out/*' }) }));
    expect((await owner.send(new ListObjectsV2Command({ Bucket: 'locked-out' }))).KeyCount).toBe(0);
  });

  test("an ACL grants accounts, not their users: the owner account's full control lets none of its users without a policy in, as in S3", async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'acl-owned', ObjectOwnership: 'ObjectWriter' }));
    await owner.send(new PutObjectCommand({ Bucket: 'acl-owned', Key: 'k', Body: 'x' }));
    const unrelated = await user('unrelated', { Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: 'arn:aws:s3:::elsewhere' });
    const reader = await user('reader', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acl-owned/*' });

    expect(await failure(unrelated.send(new ListObjectsV2Command({ Bucket: 'acl-owned' })))).toEqual(['AccessDenied', 403]);
    expect(await failure(unrelated.send(new GetObjectCommand({ Bucket: 'acl-owned', Key: 'k' })))).toEqual(['AccessDenied', 403]);
    expect(await failure(unrelated.send(new PutObjectCommand({ Bucket: 'acl-owned', Key: 'k', Body: 'overwritten' })))).toEqual(['AccessDenied', 403]);
    expect(await failure(unrelated.send(new GetBucketAclCommand({ Bucket: 'acl-owned' })))).toEqual(['AccessDenied', 403]);
    expect(await (await reader.send(new GetObjectCommand({ Bucket: 'acl-owned', Key: 'k' }))).Body!.transformToString()).toBe('x');
    expect(await failure(reader.send(new PutObjectCommand({ Bucket: 'acl-owned', Key: 'k', Body: 'overwritten' })))).toEqual(['AccessDenied', 403]);
    expect((await owner.send(new ListObjectsV2Command({ Bucket: 'acl-owned' }))).KeyCount).toBe(1);
  });

  test('a bucket policy naming the owner account grants the account, not its users: a user with no policy needs the policy to name it, as in S3', async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'account-named' }));
    await owner.send(new PutObjectCommand({ Bucket: 'account-named', Key: 'k', Body: 'x' }));
    const unnamed = await user('unnamed');
    const named = await user('named');
    const denied = await user('denied', { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::account-named/*' });
    const objects = 'arn:aws:s3:::account-named/*';
    await owner.send(
      new PutBucketPolicyCommand({
        Bucket: 'account-named',
        Policy: bucketPolicy(
          { Sid: 'AccountRootArn', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWNER}:root` }, Action: 's3:GetObject', Resource: objects },
          { Sid: 'AccountId', Effect: 'Allow', Principal: { AWS: OWNER }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::account-named' },
          { Sid: 'TheUser', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWNER}:user/named` }, Action: 's3:GetObject', Resource: objects },
          { Sid: 'NoDeletes', Effect: 'Deny', Principal: { AWS: OWNER }, Action: 's3:DeleteObject', Resource: objects },
        ),
      }),
    );

    expect(await failure(unnamed.send(new GetObjectCommand({ Bucket: 'account-named', Key: 'k' })))).toEqual(['AccessDenied', 403]);
    expect(await failure(unnamed.send(new ListObjectsV2Command({ Bucket: 'account-named' })))).toEqual(['AccessDenied', 403]);
    expect(await (await named.send(new GetObjectCommand({ Bucket: 'account-named', Key: 'k' }))).Body!.transformToString()).toBe('x');
    expect(await (await owner.send(new GetObjectCommand({ Bucket: 'account-named', Key: 'k' }))).Body!.transformToString()).toBe('x');
    expect((await owner.send(new ListObjectsV2Command({ Bucket: 'account-named' }))).KeyCount).toBe(1);
    expect(await failure(denied.send(new DeleteObjectCommand({ Bucket: 'account-named', Key: 'k' })))).toEqual(['AccessDenied', 403]);
  });
});
