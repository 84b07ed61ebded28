import { CreateBucketCommand, GetBucketPolicyCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { bucketPolicy, failure, OWNER, type S3Harness, startS3Harness } from './s3-harness';

const BUCKET = 'bound-users';
const CAROL = `arn:aws:iam::${OWNER}:user/carol`;
const grant = (aws: string) => ({ Effect: 'Allow', Principal: { AWS: aws }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` });

/**
 * Over S3, a bucket policy granting an IAM user grants the user that had
 * the name when the policy was put, not one re-created with it, and
 * GetBucketPolicy then shows the old user's unique id (IAM User Guide,
 * "AWS JSON policy elements: Principal"; AWS Knowledge Center,
 * iam-resource-policy-format).
 */
describe('S3: a bucket policy naming a user does not grant a user re-created with its name', () => {
  let harness: S3Harness;
  const principal = { accountId: OWNER, arn: '' };

  /** A new user `carol` of the owner account with no identity policy, its SDK client, and its unique id. */
  async function carol(): Promise<{ client: S3Client; userId: string }> {
    const { user } = await harness.backend.policy.createUser({ principal, userName: 'carol' });
    const { accessKey, secretAccessKey } = await harness.backend.policy.createAccessKey({ principal, userName: 'carol' });
    return { client: harness.client({ ...harness.owner, accessKeyId: accessKey!.accessKeyId, secretAccessKey }), userId: user!.userId };
  }

  beforeAll(async () => {
    harness = await startS3Harness();
  }, 60_000);
  afterAll(() => harness.close());

  test('the first carol reads; after she is deleted and re-created, the new carol gets AccessDenied and the policy shows the old id', async () => {
    const owner = harness.client();
    await owner.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'secret' }));
    const first = await carol();
    await owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: bucketPolicy(grant(CAROL)) }));
    expect(await (await first.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }))).Body!.transformToString()).toBe('secret');

    await harness.backend.policy.deleteUser({ principal, userName: 'carol' });
    const second = await carol();
    expect(await failure(second.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' })))).toEqual(['AccessDenied', 403]);
    const shown = JSON.parse((await owner.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy!);
    expect(shown.Statement[0].Principal).toEqual({ AWS: first.userId });
  });
});
