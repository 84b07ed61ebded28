import { ErrorReason, policyV1 } from '@strongroom/contracts';
import { INVALID_PRINCIPAL } from '@strongroom/iam-policy';
import { Status } from 'nice-grpc';
import { as, root, startPolicyHarness, type PolicyHarness } from './policy-harness';

const OWNER = '111111111111';
const OTHER = '222222222222';
const NOBODY = '999999999999';
const { Decision } = policyV1;

const grant = (principal: unknown, overrides: object = {}) => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::named/*', ...overrides });
const policyOf = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/**
 * S3 refuses a bucket policy whose Principal names an account, user or role
 * that does not exist: MalformedPolicy "Invalid principal in policy" (AWS
 * Knowledge Center, s3-invalid-principal-in-policy-error: "confirm that
 * the user or role wasn't deleted").
 */
describe('PutBucketPolicy refuses a Principal naming an account or user this Strongroom does not have', () => {
  let harness: PolicyHarness;
  let bucketId: string;
  const kept = policyOf(grant({ AWS: OTHER }));
  beforeAll(async () => {
    harness = await startPolicyHarness();
    await harness.account(OWNER, 'owner@example.com');
    await harness.account(OTHER, 'other@example.com');
    bucketId = await harness.bucket(OWNER, 'named');
    await harness.client.deleteBucketPublicAccessBlock({ principal: root(OWNER), bucketId });
    await harness.client.createUser({ principal: root(OWNER), userName: 'alice' });
    await harness.client.createUser({ principal: root(OTHER), userName: 'bob' });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: kept }));

  test.each([
    ['an account id no account has', [grant({ AWS: NOBODY })], 'Statement[0].Principal'],
    ['the root ARN of an unknown account', [grant({ AWS: `arn:aws:iam::${NOBODY}:root` })], 'Statement[0].Principal'],
    ['a user the owner account does not have', [grant({ AWS: `arn:aws:iam::${OWNER}:user/mallory` })], 'Statement[0].Principal'],
    ['a user of another account that it does not have', [grant({ AWS: `arn:aws:iam::${OTHER}:user/alice` })], 'Statement[0].Principal'],
    ['a user ARN with a path (Strongroom users have none)', [grant({ AWS: `arn:aws:iam::${OWNER}:user/team/alice` })], 'Statement[0].Principal'],
    ['a role of an unknown account', [grant({ AWS: `arn:aws:iam::${NOBODY}:role/reader` })], 'Statement[0].Principal'],
    ['a role session of an unknown account', [grant({ AWS: `arn:aws:sts::${NOBODY}:assumed-role/reader/s` })], 'Statement[0].Principal'],
    ['an unknown user after a known one, in a Deny', [grant({ AWS: [`arn:aws:iam::${OWNER}:user/alice`, `arn:aws:iam::${OWNER}:user/mallory`] }, { Effect: 'Deny' })], 'Statement[0].Principal'],
    ['an unknown account in the second statement', [grant({ AWS: OTHER }), grant({ AWS: NOBODY })], 'Statement[1].Principal'],
  ])('%s is MALFORMED_POLICY (INVALID_ARGUMENT) "Invalid principal in policy", and the policy stays as it was', async (_name, statements, path) => {
    await expect(harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: policyOf(...statements) })).rejects.toMatchObject({
      reason: ErrorReason.MALFORMED_POLICY,
      message: INVALID_PRINCIPAL,
      metadata: { path },
      cause: { code: Status.INVALID_ARGUMENT },
    });
    expect((await harness.client.getBucketPolicy({ principal: root(OWNER), bucketId })).policy).toBe(kept);
  });

  test.each([
    ['an existing user of the owner account', { AWS: `arn:aws:iam::${OWNER}:user/alice` }],
    ['an existing user of another account', { AWS: `arn:aws:iam::${OTHER}:user/bob` }],
    ['a known account by id and by root ARN', { AWS: [OTHER, `arn:aws:iam::${OWNER}:root`] }],
    ['a role and a role session of a known account (Strongroom keeps no roles to look up)', { AWS: [`arn:aws:iam::${OTHER}:role/reader`, `arn:aws:sts::${OTHER}:assumed-role/reader/s`] }],
    ['everyone', '*'],
    ['a service, an identity provider and a canonical user id (not looked up)', { Service: 'cloudfront.amazonaws.com', Federated: 'cognito-identity.amazonaws.com', CanonicalUser: 'a'.repeat(64) }],
  ])('takes %s', async (_name, principal) => {
    const policy = policyOf(grant(principal));
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy });
    expect((await harness.client.getBucketPolicy({ principal: root(OWNER), bucketId })).policy).toBe(policy);
  });

  test('takes an unknown account in NotPrincipal, which is not looked up', async () => {
    const policy = policyOf(grant(undefined, { Effect: 'Deny', NotPrincipal: { AWS: NOBODY } }));
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy });
    expect((await harness.client.getBucketPolicy({ principal: root(OWNER), bucketId })).policy).toBe(policy);
  });

  test('a stored policy naming a user since deleted still loads and evaluates, showing the id it bound in place of the ARN; putting it again is refused', async () => {
    const carolId = (await harness.client.createUser({ principal: root(OWNER), userName: 'carol' })).user!.userId;
    const policy = policyOf(grant({ AWS: `arn:aws:iam::${OWNER}:user/carol` }), grant({ AWS: OTHER }));
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy });
    await harness.client.deleteUser({ principal: root(OWNER), userName: 'carol' });
    const replica = await harness.startReplica();
    try {
      const read = await replica.client.authorize({ principal: as.root(OTHER), action: 's3:GetObject', resource: 'arn:aws:s3:::named/k', bucketId, context: {} });
      expect(read.decision).toBe(Decision.ALLOW);
      const shown = JSON.parse((await replica.client.getBucketPolicy({ principal: root(OWNER), bucketId })).policy);
      expect(shown).toEqual(JSON.parse(policyOf(grant({ AWS: carolId }), grant({ AWS: OTHER }))));
    } finally {
      await replica.close();
    }
    await expect(harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy })).rejects.toMatchObject({ reason: ErrorReason.MALFORMED_POLICY, message: INVALID_PRINCIPAL });
  });
});
