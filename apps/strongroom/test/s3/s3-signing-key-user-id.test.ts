import { CreateBucketCommand, DeleteBucketPolicyCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { bucketPolicy, failure, OWNER, type S3Harness, startS3Harness } from './s3-harness';

const BUCKET = 'stale-signing-keys';
const CAROL = `arn:aws:iam::${OWNER}:user/carol`;
const READS = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

/**
 * The gateway keeps a signing key, and who it authenticates, for up to 60 s
 * after GetSigningKey: a key of a user deleted in that time still verifies.
 * It authenticates the user it belonged to (its unique id), never a user
 * re-created with the name: not that user's identity policies, nor a
 * bucket policy grant bound to that user's id.
 */
describe('S3: a cached signing key of a deleted user does not act as the user re-created with its name', () => {
  let harness: S3Harness;
  let owner: S3Client;
  const principal = { accountId: OWNER, arn: '' };

  /** A new user `carol` of the owner account allowed to read by an identity policy, and her SDK client. */
  async function carol(): Promise<S3Client> {
    await harness.backend.policy.createUser({ principal, userName: 'carol' });
    await harness.backend.policy.putUserPolicy({ principal, userName: 'carol', policyName: 'reads', policyDocument: READS });
    const { accessKey, secretAccessKey } = await harness.backend.policy.createAccessKey({ principal, userName: 'carol' });
    return harness.client({ ...harness.owner, accessKeyId: accessKey!.accessKeyId, secretAccessKey });
  }
  const read = (client: S3Client) => client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }));

  beforeAll(async () => {
    harness = await startS3Harness();
    owner = harness.client();
    await owner.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'secret' }));
  }, 60_000);
  afterAll(() => harness.close());
  afterEach(async () => {
    await owner.send(new DeleteBucketPolicyCommand({ Bucket: BUCKET }));
    await harness.backend.policy.deleteUser({ principal, userName: 'carol' });
  });

  test('the old key, whose signing key the gateway keeps, gets AccessDenied where the new carol\'s identity policy allows her', async () => {
    const old = await carol();
    expect(await (await read(old)).Body!.transformToString()).toBe('secret');
    await harness.backend.policy.deleteUser({ principal, userName: 'carol' });
    const renewed = await carol();
    expect(await (await read(renewed)).Body!.transformToString()).toBe('secret');
    expect(await failure(read(old))).toEqual(['AccessDenied', 403]);
  });

  test('the old key gets AccessDenied where a bucket policy grants the new carol', async () => {
    const old = await carol();
    expect(await (await read(old)).Body!.transformToString()).toBe('secret');
    await harness.backend.policy.deleteUser({ principal, userName: 'carol' });
    const renewed = await carol();
    await harness.backend.policy.deleteUserPolicy({ principal, userName: 'carol', policyName: 'reads' });
    await owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: bucketPolicy({ Effect: 'Allow', Principal: { AWS: CAROL }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }) }));
    expect(await (await read(renewed)).Body!.transformToString()).toBe('secret');
    expect(await failure(read(old))).toEqual(['AccessDenied', 403]);
  });
});
