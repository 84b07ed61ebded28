import { ErrorReason, policyV1 } from '@strongroom/contracts';
import {
  ACTION_NOT_APPLICABLE,
  DUPLICATE_SID,
  INVALID_ACTION,
  INVALID_RESOURCE,
  INVALID_VERSION,
  MISSING_PRINCIPAL,
  MISSING_STATEMENT,
  NON_ALPHANUMERIC_SID,
  NOT_PRINCIPAL_WITH_ALLOW,
  STATEMENT_MISSING_ELEMENT,
} from '@strongroom/iam-policy';
import { as, root, startPolicyHarness, type PolicyHarness } from './policy-harness';

const OWNER = '111111111111';
const OTHER = '222222222222';
const { AclPermission, Decision, GranteeType, ObjectOwnership } = policyV1;

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
    ['a statement without Principal', { Principal: undefined }, MISSING_PRINCIPAL, 'Statement[0]'],
    ['a statement without Resource', { Resource: undefined }, STATEMENT_MISSING_ELEMENT, 'Statement[0]'],
  ])('PutBucketPolicy: %s is MALFORMED_POLICY with S3 message, and where in metadata', async (_name, overrides, message, path) => {
    await expect(harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: policyOf(overrides) })).rejects.toMatchObject({
      reason: ErrorReason.MALFORMED_POLICY,
      message,
      metadata: { path },
    });
  });

  test.each([
    ['a document without Statement', '{}', MISSING_STATEMENT, 'Statement'],
    ['a Version AWS does not define', JSON.stringify({ Version: '2012-10-18', Statement: [statement({})] }), INVALID_VERSION, 'Version'],
  ])('PutBucketPolicy: %s is MALFORMED_POLICY with S3 message, and where in metadata', async (_name, policy, message, path) => {
    await expect(harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy })).rejects.toMatchObject({
      reason: ErrorReason.MALFORMED_POLICY,
      message,
      metadata: { path },
    });
  });

  test.each([
    ['NotPrincipal in an Allow statement', { Principal: undefined, NotPrincipal: { AWS: OTHER } }, `Statement[0].NotPrincipal: ${NOT_PRINCIPAL_WITH_ALLOW}`, 'Statement[0].NotPrincipal'],
    [
      'a Date value on a day the calendar lacks',
      { Condition: { DateLessThan: { 'aws:CurrentTime': '2026-02-30' } } },
      'Statement[0].Condition.DateLessThan.aws:CurrentTime: "2026-02-30" is not a day of the calendar',
      'Statement[0].Condition.DateLessThan.aws:CurrentTime',
    ],
  ])('PutBucketPolicy: %s is MALFORMED_POLICY, and where in metadata', async (_name, overrides, message, path) => {
    await expect(harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: policyOf(overrides) })).rejects.toMatchObject({
      reason: ErrorReason.MALFORMED_POLICY,
      message,
      metadata: { path },
    });
  });

  test('PutBucketPolicy takes NotPrincipal in a Deny statement, a Sid used twice and a Sid with spaces and dots (S3 does; IAM does not)', async () => {
    const deny = { Sid: 'Same', Effect: 'Deny', NotPrincipal: { AWS: OTHER }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::scoped/*' };
    const spaced = statement({ Sid: 'Allow get requests from www.example.com.', Action: 's3:GetObjectVersion' });
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [statement({ Sid: 'Same' }), deny, spaced] });
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy });
    expect((await harness.client.getBucketPolicy({ principal: root(OWNER), bucketId })).policy).toBe(policy);
    await harness.client.deleteBucketPolicy({ principal: root(OWNER), bucketId });
  });

  test('PutUserPolicy: a Sid used twice or with a character other than a letter or digit is MALFORMED_POLICY with IAM\'s message, and so is a Date value on a day the calendar lacks', async () => {
    await harness.client.createUser({ principal: root(OWNER), userName: 'sids' });
    const allow = (overrides: object) => ({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...overrides });
    const put = (statements: object[]) =>
      harness.client.putUserPolicy({ principal: root(OWNER), userName: 'sids', policyName: 'p', policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
    await expect(put([allow({}), allow({ Action: 's3:PutObject' })])).rejects.toMatchObject({
      reason: ErrorReason.MALFORMED_POLICY,
      message: `Statement[1].Sid: ${DUPLICATE_SID}`,
      metadata: { path: 'Statement[1].Sid' },
    });
    await expect(put([allow({ Sid: 'Read-Only' })])).rejects.toMatchObject({
      reason: ErrorReason.MALFORMED_POLICY,
      message: `Statement[0].Sid: ${NON_ALPHANUMERIC_SID}`,
      metadata: { path: 'Statement[0].Sid' },
    });
    await expect(put([allow({ Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-13-01T00:00:00Z' } } })])).rejects.toMatchObject({
      reason: ErrorReason.MALFORMED_POLICY,
      metadata: { path: 'Statement[0].Condition.DateGreaterThan.aws:CurrentTime' },
    });
    await put([allow({}), allow({ Sid: 'Write2', Action: 's3:PutObject' }), allow({ Sid: '' }), allow({ Sid: undefined }), allow({ Sid: undefined, Action: 's3:PutObject' })]);
  });

  test('a policy stored before these checks (NotPrincipal with Allow, 30 February) still loads and evaluates as it did: the date rolls over into March', async () => {
    const storedId = await harness.bucket(OWNER, 'stored');
    await harness.client.deleteBucketPublicAccessBlock({ principal: root(OWNER), bucketId: storedId });
    const stored = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          NotPrincipal: { AWS: '999999999999' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::stored/*',
          Condition: { DateGreaterThanEquals: { 'aws:CurrentTime': '2026-02-30' } },
        },
      ],
    });
    await harness.database.pool.query('UPDATE policy.buckets SET policy = $1 WHERE bucket_id = $2', [stored, storedId]);
    const replica = await harness.startReplica();
    try {
      const at = (time: string) =>
        replica.client.authorize({ principal: as.root(OTHER), action: 's3:GetObject', resource: 'arn:aws:s3:::stored/k', bucketId: storedId, context: { 'aws:CurrentTime': { values: [time] } } });
      expect((await at('2026-03-01T23:59:59Z')).decision).toBe(Decision.IMPLICIT_DENY);
      expect((await at('2026-03-02T00:00:00Z')).decision).toBe(Decision.ALLOW);
      expect((await replica.client.getBucketPolicy({ principal: root(OWNER), bucketId: storedId })).policy).toBe(stored);
    } finally {
      await replica.close();
    }
  });

  test.each([
    ['a Bool value that is a policy variable holds when the variable resolves to the same boolean', { Bool: { 'aws:SecureTransport': '${aws:ViaAWSService}' } }, [
      [{ 'aws:SecureTransport': 'true', 'aws:ViaAWSService': 'true' }, Decision.ALLOW],
      [{ 'aws:SecureTransport': 'true', 'aws:ViaAWSService': 'false' }, Decision.IMPLICIT_DENY],
      [{ 'aws:SecureTransport': 'false', 'aws:ViaAWSService': 'false' }, Decision.ALLOW],
      [{ 'aws:SecureTransport': 'true' }, Decision.IMPLICIT_DENY],
    ]],
    ['a Date value of the year-and-month form is the first of the month, 00:00 UTC', { DateGreaterThanEquals: { 'aws:CurrentTime': '2026-02' } }, [
      [{ 'aws:CurrentTime': '2026-01-31T23:59:59Z' }, Decision.IMPLICIT_DENY],
      [{ 'aws:CurrentTime': '2026-02-01T00:00:00Z' }, Decision.ALLOW],
    ]],
    ['an IPv4-mapped IPv6 range as the IPv4 range it holds', { IpAddress: { 'aws:SourceIp': '::ffff:192.0.2.0/120' } }, [
      [{ 'aws:SourceIp': '192.0.2.7' }, Decision.ALLOW],
      [{ 'aws:SourceIp': '::ffff:192.0.2.7' }, Decision.ALLOW],
      [{ 'aws:SourceIp': '192.0.3.7' }, Decision.IMPLICIT_DENY],
    ]],
  ] as const)('PutBucketPolicy takes and Authorize evaluates %s', async (_name, condition, cases) => {
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: policyOf({ Condition: condition }) });
    for (const [context, decision] of cases) {
      const values = Object.fromEntries(Object.entries(context).map(([key, value]) => [key, { values: [value] }]));
      const request = { principal: as.root(OTHER), action: 's3:GetObject', resource: 'arn:aws:s3:::scoped/k', bucketId, context: values };
      expect([context, (await harness.client.authorize(request)).decision]).toEqual([context, decision]);
    }
    await harness.client.deleteBucketPolicy({ principal: root(OWNER), bucketId });
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
