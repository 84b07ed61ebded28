import { ErrorReason, policyV1 } from '@strongroom/contracts';
import { as, root, startPolicyHarness, type PolicyHarness } from './policy-harness';

const OWNER = '111111111111';
const { Decision } = policyV1;
const CAROL = `arn:aws:iam::${OWNER}:user/carol`;
const READS = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
const grant = (principal: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::stated/*' }] });

/** An Authorize principal of an ARN of OWNER with a stated user id. */
const withUserId = (arn: string, userId: string): policyV1.RequestPrincipal => ({ kind: { $case: 'aws', value: { accountId: OWNER, arn, userId } } });

/**
 * Authorize's `AwsPrincipal.user_id`: a caller that knows the id of the user
 * it authenticated (the gateway, from GetSigningKey) states it, and a user
 * that no longer has it (deleted, or deleted and re-created with the name)
 * is a user that does not exist: no identity policies, no bucket policy
 * grant bound to the re-created user's id. Without it, the user is whoever
 * has the name now.
 */
describe('Authorize: a principal stating a user id is that user, or no user', () => {
  let harness: PolicyHarness;
  let bucketId: string;
  const createCarol = async () => {
    const { user } = await harness.client.createUser({ principal: root(OWNER), userName: 'carol' });
    await harness.client.putUserPolicy({ principal: root(OWNER), userName: 'carol', policyName: 'reads', policyDocument: READS });
    return user!.userId;
  };
  const read = async (principal: policyV1.RequestPrincipal) =>
    (await harness.client.authorize({ principal, action: 's3:GetObject', resource: 'arn:aws:s3:::stated/k', bucketId, context: {} })).decision;

  beforeAll(async () => {
    harness = await startPolicyHarness();
    await harness.account(OWNER, 'owner@example.com');
    bucketId = await harness.bucket(OWNER, 'stated');
    await harness.client.deleteBucketPublicAccessBlock({ principal: root(OWNER), bucketId });
  });
  afterAll(() => harness.close());
  afterEach(async () => {
    await harness.client.deleteBucketPolicy({ principal: root(OWNER), bucketId });
    const users = await harness.client.listUsers({ principal: root(OWNER) });
    if (users.users.some((user) => user.userName === 'carol')) await harness.client.deleteUser({ principal: root(OWNER), userName: 'carol' });
  });

  test('the current id is the user; another id is no user; no id is the user by name', async () => {
    const userId = await createCarol();
    expect(await read(withUserId(CAROL, userId))).toBe(Decision.ALLOW);
    expect(await read(withUserId(CAROL, 'AIDAOTHERUSERID00000'))).toBe(Decision.IMPLICIT_DENY);
    expect(await read(as.user(OWNER, 'carol'))).toBe(Decision.ALLOW);
  });

  test('the id of a user deleted and re-created gets neither the new user\'s identity policies nor a bucket policy grant bound to it', async () => {
    const oldId = await createCarol();
    await harness.client.deleteUser({ principal: root(OWNER), userName: 'carol' });
    const newId = await createCarol();
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: grant({ AWS: CAROL }) });
    await harness.client.deleteUserPolicy({ principal: root(OWNER), userName: 'carol', policyName: 'reads' });
    expect(await read(withUserId(CAROL, newId))).toBe(Decision.ALLOW);
    expect(await read(withUserId(CAROL, oldId))).toBe(Decision.IMPLICIT_DENY);
    await harness.client.deleteBucketPolicy({ principal: root(OWNER), bucketId });
    await harness.client.putUserPolicy({ principal: root(OWNER), userName: 'carol', policyName: 'reads', policyDocument: READS });
    expect(await read(withUserId(CAROL, newId))).toBe(Decision.ALLOW);
    expect(await read(withUserId(CAROL, oldId))).toBe(Decision.IMPLICIT_DENY);
  });

  test('the id of a deleted user has no identity policies, is allowed only by what grants everyone (not by a grant to its account), and is still refused by a Deny naming it', async () => {
    const oldId = await createCarol();
    const allowAccountDenyCarol = JSON.stringify({
      Version: '2012-10-17',
      Statement: [JSON.parse(grant({ AWS: OWNER })).Statement[0], { Effect: 'Deny', Principal: { AWS: CAROL }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::stated/*' }],
    });
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: allowAccountDenyCarol });
    await harness.client.deleteUser({ principal: root(OWNER), userName: 'carol' });
    expect(await read(withUserId(CAROL, oldId))).toBe(Decision.EXPLICIT_DENY);
    await harness.client.deleteBucketPolicy({ principal: root(OWNER), bucketId });
    expect(await read(withUserId(CAROL, oldId))).toBe(Decision.IMPLICIT_DENY);
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: grant('*') });
    expect(await read(withUserId(CAROL, oldId))).toBe(Decision.ALLOW);
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: grant({ AWS: OWNER }) });
    expect(await read(withUserId(CAROL, oldId))).toBe(Decision.IMPLICIT_DENY);
  });

  test('a user id stated for the root or a role session, or empty, is INVALID_ARGUMENT', async () => {
    const userId = await createCarol();
    for (const arn of ['', `arn:aws:iam::${OWNER}:root`, `arn:aws:sts::${OWNER}:assumed-role/reader/session`]) {
      await expect(read(withUserId(arn, userId))).rejects.toMatchObject({ reason: ErrorReason.INVALID_ARGUMENT });
    }
    await expect(read(withUserId(CAROL, ''))).rejects.toMatchObject({ reason: ErrorReason.INVALID_ARGUMENT });
  });
});
