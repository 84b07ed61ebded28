import { ErrorReason, policyV1 } from '@strongroom/contracts';
import { ACTION_NOT_APPLICABLE, INVALID_ACTION, INVALID_RESOURCE } from '@strongroom/iam-policy';
import { root, startPolicyHarness, type PolicyHarness } from './policy-harness';

const OWNER = '111111111111';
const OTHER = '222222222222';
const { AclPermission, GranteeType, ObjectOwnership } = policyV1;

const statement = (overrides: object) => ({ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::scoped/*', ...overrides });
const policyOf = (overrides: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement(overrides)] });
const grantTo = (grantee: Partial<policyV1.Grantee>): policyV1.Grant => ({
  grantee: { type: GranteeType.CANONICAL_USER, id: '', emailAddress: '', uri: '', displayName: '', ...grantee },
  permission: AclPermission.READ,
});

describe('the policy service checks bucket policies against their bucket and ACL grantees as S3 does', () => {
  let harness: PolicyHarness;
  let bucketId: string;
  beforeAll(async () => {
    harness = await startPolicyHarness();
    await harness.account(OWNER, 'owner@example.com');
    await harness.account(OTHER, 'other@example.com');
    bucketId = await harness.bucket(OWNER, 'scoped');
    await harness.client.putBucketOwnershipControls({ principal: root(OWNER), bucketId, objectOwnership: ObjectOwnership.OBJECT_WRITER });
  });
  afterAll(() => harness.close());

  test.each([
    ['Resource *', { Resource: '*' }, INVALID_RESOURCE, 'Statement[0].Resource'],
    ['another bucket', { Resource: 'arn:aws:s3:::other/*' }, INVALID_RESOURCE, 'Statement[0].Resource'],
    ['an unknown action', { Action: 's3:Bogus' }, INVALID_ACTION, 'Statement[0].Action'],
    ['an object action on the bucket', { Action: 's3:GetObject', Resource: 'arn:aws:s3:::scoped' }, ACTION_NOT_APPLICABLE, 'Statement[0]'],
  ])('PutBucketPolicy: %s is MALFORMED_POLICY with S3 message, and where in metadata', async (_name, overrides, message, path) => {
    await expect(harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: policyOf(overrides) })).rejects.toMatchObject({
      reason: ErrorReason.MALFORMED_POLICY,
      message,
      metadata: { path },
    });
  });

  test('CheckProposedChange refuses the same policies', async () => {
    const proposal = { $case: 'policy' as const, value: policyOf({ Resource: '*' }) };
    await expect(harness.client.checkProposedChange({ principal: root(OWNER), bucketId, proposal })).rejects.toMatchObject({ reason: ErrorReason.MALFORMED_POLICY, message: INVALID_RESOURCE });
    const fitting = { $case: 'policy' as const, value: policyOf({}) };
    expect((await harness.client.checkProposedChange({ principal: root(OWNER), bucketId, proposal: fitting })).newlyCrossAccount).toBe(true);
  });

  test.each([
    ['an email address, even an account\'s (S3 ended email grantees in 2025)', grantTo({ type: GranteeType.EMAIL, emailAddress: 'other@example.com' }), ErrorReason.METHOD_NOT_ALLOWED],
    ['a canonical user id that names no account', grantTo({ id: 'f'.repeat(64) }), ErrorReason.INVALID_ARGUMENT],
    ['an id that is not a canonical user id', grantTo({ id: 'abcdef' }), ErrorReason.INVALID_ARGUMENT],
    ['a URI that is not an S3 group', grantTo({ type: GranteeType.GROUP, uri: 'http://acs.amazonaws.com/groups/global/Everyone' }), ErrorReason.INVALID_ARGUMENT],
  ])('PutBucketAcl: a grant to %s', async (_name, grant, reason) => {
    const acl = { $case: 'accessControlPolicy' as const, value: { ownerId: '', ownerDisplayName: '', grants: [grant] } };
    await expect(harness.client.putBucketAcl({ principal: root(OWNER), bucketId, acl })).rejects.toMatchObject({ reason });
  });

  test('PutBucketAcl: an unknown canned ACL is INVALID_ARGUMENT', async () => {
    await expect(harness.client.putBucketAcl({ principal: root(OWNER), bucketId, acl: { $case: 'cannedAcl', value: 'bogus' } })).rejects.toMatchObject({
      reason: ErrorReason.INVALID_ARGUMENT,
    });
  });
});
