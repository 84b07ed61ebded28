import { ErrorReason, policyV1 } from '@strongroom/contracts';
import { as, root, startPolicyHarness, type PolicyHarness } from './policy-harness';

const OWNER = '111111111111';
const { Decision } = policyV1;

const everything = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });

describe('Authorize evaluates bucket policies by the IAM policy language', () => {
  let harness: PolicyHarness;
  beforeAll(async () => {
    harness = await startPolicyHarness();
    await harness.account(OWNER, 'owner@example.com');
    for (const userName of ['alice', 'bob']) {
      await harness.client.createUser({ principal: root(OWNER), userName });
      await harness.client.putUserPolicy({ principal: root(OWNER), userName, policyName: 'all', policyDocument: everything });
    }
  });
  afterAll(() => harness.close());

  const decide = async (bucketId: string, principal: policyV1.RequestPrincipal, action: string, resource: string) =>
    (await harness.client.authorize({ principal, action, resource, bucketId })).decision;

  test('NotPrincipal with Deny leaves out only callers named with their account: naming the account alone still denies its users', async () => {
    const bucketId = await harness.bucket(OWNER, 'not-principal');
    const ownerRoot = `arn:aws:iam::${OWNER}:root`;
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'OnlyTheRoot', Effect: 'Deny', NotPrincipal: { AWS: ownerRoot }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::not-principal/*' },
        { Sid: 'OnlyBob', Effect: 'Deny', NotPrincipal: { AWS: [`arn:aws:iam::${OWNER}:user/bob`, ownerRoot] }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::not-principal/*' },
      ],
    });
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy });
    const object = 'arn:aws:s3:::not-principal/k';
    expect(await decide(bucketId, as.root(OWNER), 's3:GetObject', object)).toBe(Decision.ALLOW);
    expect(await decide(bucketId, as.user(OWNER, 'bob'), 's3:GetObject', object)).toBe(Decision.EXPLICIT_DENY);
    expect(await decide(bucketId, as.user(OWNER, 'bob'), 's3:PutObject', object)).toBe(Decision.ALLOW);
    expect(await decide(bucketId, as.user(OWNER, 'alice'), 's3:PutObject', object)).toBe(Decision.EXPLICIT_DENY);
    expect(await decide(bucketId, as.anonymous(), 's3:PutObject', object)).toBe(Decision.EXPLICIT_DENY);
  });

  test('an anonymous caller\'s aws:userid is "anonymous", so a Deny keyed on it applies', async () => {
    const bucketId = await harness.bucket(OWNER, 'no-anonymous');
    const statement = { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::no-anonymous/*', Condition: { StringEquals: { 'aws:userid': 'anonymous' } } };
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) });
    const object = 'arn:aws:s3:::no-anonymous/k';
    expect(await decide(bucketId, as.anonymous(), 's3:GetObject', object)).toBe(Decision.EXPLICIT_DENY);
    expect(await decide(bucketId, as.user(OWNER, 'bob'), 's3:GetObject', object)).toBe(Decision.ALLOW);
  });

  test('an Allow to aws:userid "anonymous" is public: BlockPublicPolicy refuses it', async () => {
    const bucketId = await harness.bucket(OWNER, 'anonymous-only');
    const statement = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::anonymous-only/*', Condition: { StringEquals: { 'aws:userid': 'anonymous' } } };
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
    await expect(harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy })).rejects.toMatchObject({ reason: ErrorReason.PUBLIC_ACCESS_BLOCKED });
  });
});
