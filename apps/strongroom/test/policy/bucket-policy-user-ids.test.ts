import { ErrorReason, policyV1 } from '@strongroom/contracts';
import { as, root, startPolicyHarness, type PolicyHarness } from './policy-harness';

const OWNER = '111111111111';
const OTHER = '222222222222';
const { Decision } = policyV1;
const CAROL = `arn:aws:iam::${OWNER}:user/carol`;
const DAVE = `arn:aws:iam::${OTHER}:user/dave`;

const statement = (effect: string, aws: string | string[]) => ({ Effect: effect, Principal: { AWS: aws }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bound/*' });
const policyOf = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const READS_ANYTHING = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

/**
 * A bucket policy's user ARNs are bound to the users they named when it was
 * put, as AWS binds them: "AWS transforms the ARN to a unique principal ID"
 * when a resource-based policy is saved, and a user deleted and re-created
 * with the same name does not match it (IAM User Guide, "AWS JSON policy
 * elements: Principal"); the policy then shows the old id, prefix AIDA for
 * users, as AWS "can't map it back to a valid ARN" (AWS Knowledge Center,
 * iam-resource-policy-format).
 */
describe('a bucket policy naming an IAM user names the user that had the name when it was put', () => {
  let harness: PolicyHarness;
  let bucketId: string;
  const createUser = async (accountId: string, userName: string) => (await harness.client.createUser({ principal: root(accountId), userName })).user!.userId;
  const recreate = async (accountId: string, userName: string) => {
    await harness.client.deleteUser({ principal: root(accountId), userName });
    return createUser(accountId, userName);
  };
  const put = (policy: string) => harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy });
  const shown = async () => (await harness.client.getBucketPolicy({ principal: root(OWNER), bucketId })).policy;
  const read = async (principal: policyV1.RequestPrincipal, client = harness.client) =>
    (await client.authorize({ principal, action: 's3:GetObject', resource: 'arn:aws:s3:::bound/k', bucketId, context: {} })).decision;
  /** The decision on a replica started now, whose cache has loaded nothing. */
  const readOnReplica = async (principal: policyV1.RequestPrincipal) => {
    const replica = await harness.startReplica();
    try {
      return await read(principal, replica.client);
    } finally {
      await replica.close();
    }
  };

  beforeAll(async () => {
    harness = await startPolicyHarness();
    await harness.account(OWNER, 'owner@example.com');
    await harness.account(OTHER, 'other@example.com');
    bucketId = await harness.bucket(OWNER, 'bound');
    await harness.client.deleteBucketPublicAccessBlock({ principal: root(OWNER), bucketId });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await createUser(OWNER, 'carol');
    await createUser(OTHER, 'dave');
    await harness.client.putUserPolicy({ principal: root(OTHER), userName: 'dave', policyName: 'reads', policyDocument: READS_ANYTHING });
  });
  afterEach(async () => {
    await harness.client.deleteUser({ principal: root(OWNER), userName: 'carol' });
    await harness.client.deleteUser({ principal: root(OTHER), userName: 'dave' });
  });

  test('a user of the owner account is allowed; re-created with the same name it is not, here and on another replica', async () => {
    const policy = policyOf(statement('Allow', CAROL));
    await put(policy);
    expect(await read(as.user(OWNER, 'carol'))).toBe(Decision.ALLOW);
    const oldId = (await harness.client.getUser({ principal: root(OWNER), userName: 'carol' })).user!.userId;
    expect(await shown()).toBe(policy);
    await recreate(OWNER, 'carol');
    expect(await read(as.user(OWNER, 'carol'))).toBe(Decision.IMPLICIT_DENY);
    expect(await readOnReplica(as.user(OWNER, 'carol'))).toBe(Decision.IMPLICIT_DENY);
    expect(JSON.parse(await shown())).toEqual({ Version: '2012-10-17', Statement: [statement('Allow', oldId)] });
  });

  test('a user of another account is allowed; re-created with the same name and policies it is not', async () => {
    await put(policyOf(statement('Allow', [DAVE, OWNER])));
    expect(await read(as.user(OTHER, 'dave'))).toBe(Decision.ALLOW);
    await recreate(OTHER, 'dave');
    await harness.client.putUserPolicy({ principal: root(OTHER), userName: 'dave', policyName: 'reads', policyDocument: READS_ANYTHING });
    expect(await read(as.user(OTHER, 'dave'))).toBe(Decision.IMPLICIT_DENY);
    expect(await readOnReplica(as.user(OTHER, 'dave'))).toBe(Decision.IMPLICIT_DENY);
  });

  test('a Deny naming a user no longer names it once re-created, as the ARN it bound is replaced by the old id (AWS)', async () => {
    const allowReads = () => harness.client.putUserPolicy({ principal: root(OWNER), userName: 'carol', policyName: 'reads', policyDocument: READS_ANYTHING });
    await allowReads();
    await put(policyOf(statement('Deny', CAROL)));
    expect(await read(as.user(OWNER, 'carol'))).toBe(Decision.EXPLICIT_DENY);
    await recreate(OWNER, 'carol');
    await allowReads();
    expect(await read(as.user(OWNER, 'carol'))).toBe(Decision.ALLOW);
  });

  test('a policy edited without changing whom it names stays bound to the users of the first put', async () => {
    await put(policyOf(statement('Allow', CAROL)));
    await put(policyOf(statement('Allow', CAROL), { ...statement('Allow', CAROL), Action: 's3:PutObject' }));
    await recreate(OWNER, 'carol');
    expect(await read(as.user(OWNER, 'carol'))).toBe(Decision.IMPLICIT_DENY);
    expect(await readOnReplica(as.user(OWNER, 'carol'))).toBe(Decision.IMPLICIT_DENY);
  });

  test('putting the policy again binds it to the re-created user', async () => {
    const policy = policyOf(statement('Allow', CAROL));
    await put(policy);
    await recreate(OWNER, 'carol');
    await put(policy);
    expect(await read(as.user(OWNER, 'carol'))).toBe(Decision.ALLOW);
    expect(await shown()).toBe(policy);
  });

  test('a policy stored without user ids (put before they were recorded) is bound to the users of its names when first loaded', async () => {
    const policy = policyOf(statement('Allow', [CAROL, DAVE]));
    await put(policy);
    await harness.database.pool.query('UPDATE policy.buckets SET policy_user_ids = NULL WHERE bucket_id = $1', [bucketId]);
    await harness.client.deleteUser({ principal: root(OTHER), userName: 'dave' });
    expect(await readOnReplica(as.user(OWNER, 'carol'))).toBe(Decision.ALLOW);
    await recreate(OWNER, 'carol');
    await createUser(OTHER, 'dave');
    await harness.client.putUserPolicy({ principal: root(OTHER), userName: 'dave', policyName: 'reads', policyDocument: READS_ANYTHING });
    expect(await readOnReplica(as.user(OWNER, 'carol'))).toBe(Decision.IMPLICIT_DENY);
    expect(await readOnReplica(as.user(OTHER, 'dave'))).toBe(Decision.IMPLICIT_DENY);
  });

  test('a Deny stored before user ids were recorded, naming a user not yet created, still denies the user created later', async () => {
    const erin = `arn:aws:iam::${OWNER}:user/erin`;
    await put(policyOf(statement('Allow', OWNER)));
    await harness.database.pool.query('UPDATE policy.buckets SET policy = $2, policy_user_ids = NULL WHERE bucket_id = $1', [bucketId, policyOf(statement('Allow', [CAROL, erin]), statement('Deny', erin))]);
    expect(await readOnReplica(as.user(OWNER, 'carol'))).toBe(Decision.ALLOW);
    await createUser(OWNER, 'erin');
    try {
      expect(await readOnReplica(as.user(OWNER, 'erin'))).toBe(Decision.EXPLICIT_DENY);
    } finally {
      await harness.client.deleteUser({ principal: root(OWNER), userName: 'erin' });
    }
  });

  test('a stored policy naming a user no name could be (a control character) loads, and putting one is refused as an invalid principal', async () => {
    const impossible = `arn:aws:iam::${OWNER}:user/a\u0000b`;
    await harness.database.pool.query('UPDATE policy.buckets SET policy = $2, policy_user_ids = NULL WHERE bucket_id = $1', [bucketId, policyOf(statement('Allow', [CAROL, impossible]))]);
    expect(await readOnReplica(as.user(OWNER, 'carol'))).toBe(Decision.ALLOW);
    expect(await readOnReplica({ kind: { $case: 'aws', value: { accountId: OWNER, arn: impossible } } })).toBe(Decision.IMPLICIT_DENY);
    await expect(put(policyOf(statement('Allow', impossible)))).rejects.toMatchObject({ reason: ErrorReason.MALFORMED_POLICY, message: 'Invalid principal in policy' });
  });

  test('a policy replaced by a replica that records no user ids (before migration 0003) is bound afresh, never to the ids of the policy it replaced', async () => {
    await put(policyOf(statement('Allow', OWNER), statement('Deny', CAROL)));
    await recreate(OWNER, 'carol');
    // What an older replica's PutBucketPolicy writes: the policy, not its ids.
    await harness.database.pool.query('UPDATE policy.buckets SET policy = $2 WHERE bucket_id = $1', [bucketId, policyOf(statement('Allow', OWNER), statement('Deny', [CAROL, DAVE]))]);
    expect(await readOnReplica(as.user(OWNER, 'carol'))).toBe(Decision.EXPLICIT_DENY);
  });
});
