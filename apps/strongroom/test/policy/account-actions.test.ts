import { policyV1 } from '@strongroom/contracts';
import { as, root, startPolicyHarness, TENANT_ACCOUNT, type PolicyClient, type PolicyHarness, reasonOf } from './policy-harness';

const ACCOUNT = '444455556666';
const UNKNOWN_ACCOUNT = '777788889999';
const { Decision, DecisionBasis } = policyV1;

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('Authorize without a bucket: account-level actions decided by the caller\'s side alone', () => {
  let harness: PolicyHarness;
  const user = async (name: string, ...documents: string[]) => {
    await harness.client.createUser({ principal: root(ACCOUNT), userName: name });
    for (const [index, policyDocument] of documents.entries()) {
      await harness.client.putUserPolicy({ principal: root(ACCOUNT), userName: name, policyName: `policy-${index}`, policyDocument });
    }
  };
  const listAll = (principal: policyV1.RequestPrincipal, extra: Partial<policyV1.AuthorizeRequest> = {}, client: PolicyClient = harness.client) =>
    client.authorize({ principal, action: 's3:ListAllMyBuckets', resource: 'arn:aws:s3:::*', bucketId: '', ...extra });

  beforeAll(async () => {
    harness = await startPolicyHarness();
    await harness.account(ACCOUNT);
    await harness.account(TENANT_ACCOUNT);
    await user('lister', policy({ Sid: 'List', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }));
    await user('arn-lister', policy({ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'], Resource: 'arn:aws:s3:::*' }));
    await user('bucket-only', policy({ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'] }));
    await user('denied', policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), policy({ Sid: 'NoListing', Effect: 'Deny', Action: 's3:List*', Resource: '*' }));
    await user('office', policy({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } }));
    await user('nobody');
  });
  afterAll(() => harness.close());

  test('the account root is allowed', async () => {
    const response = await listAll(as.root(ACCOUNT));
    expect(response.decision).toBe(Decision.ALLOW);
    expect(response.reasons.map((reason) => reason.basis)).toEqual([DecisionBasis.ACCOUNT_ROOT]);
  });

  test('a user is allowed by an identity policy on `*` or `arn:aws:s3:::*`, not by one on a bucket', async () => {
    const lister = await listAll(as.user(ACCOUNT, 'lister'));
    expect(lister.decision).toBe(Decision.ALLOW);
    expect(lister.reasons).toEqual([expect.objectContaining({ basis: DecisionBasis.IDENTITY_POLICY, policyName: 'policy-0', sid: 'List' })]);
    expect((await listAll(as.user(ACCOUNT, 'arn-lister'))).decision).toBe(Decision.ALLOW);
    expect((await listAll(as.user(ACCOUNT, 'arn-lister'), { action: 's3:listallmybuckets' })).decision).toBe(Decision.ALLOW);
    expect((await listAll(as.user(ACCOUNT, 'bucket-only'))).decision).toBe(Decision.IMPLICIT_DENY);
  });

  test('an explicit deny wins; no policy, an unknown user or account, and anonymous callers are denied', async () => {
    const denied = await listAll(as.user(ACCOUNT, 'denied'));
    expect(denied.decision).toBe(Decision.EXPLICIT_DENY);
    expect(denied.reasons).toEqual([expect.objectContaining({ basis: DecisionBasis.IDENTITY_POLICY, policyName: 'policy-1', sid: 'NoListing' })]);
    expect(await listAll(as.user(ACCOUNT, 'nobody'))).toEqual({ decision: Decision.IMPLICIT_DENY, reasons: [] });
    expect((await listAll(as.user(ACCOUNT, 'ghost'))).decision).toBe(Decision.IMPLICIT_DENY);
    expect((await listAll(as.root(UNKNOWN_ACCOUNT))).decision).toBe(Decision.IMPLICIT_DENY);
    expect(await listAll(as.anonymous())).toEqual({ decision: Decision.IMPLICIT_DENY, reasons: [] });
    expect((await listAll(as.anonymous(), {}, harness.tenantClient)).decision).toBe(Decision.IMPLICIT_DENY);
  });

  test('identity-policy conditions see the request context', async () => {
    const from = (ip: string) => listAll(as.user(ACCOUNT, 'office'), { context: { 'aws:SourceIp': { values: [ip] } } });
    expect((await from('192.0.2.10')).decision).toBe(Decision.ALLOW);
    expect((await from('198.51.100.7')).decision).toBe(Decision.IMPLICIT_DENY);
  });

  test('the credential must be allowed to act for the caller\'s account', async () => {
    expect(await reasonOf(listAll(as.root(ACCOUNT), {}, harness.tenantClient))).toBe('PRINCIPAL_NOT_ALLOWED');
    expect((await listAll(as.root(TENANT_ACCOUNT), {}, harness.tenantClient)).decision).toBe(Decision.ALLOW);
  });

  test('an empty bucket_id is refused for bucket and object actions, and needs the account resource and no object', async () => {
    expect(await reasonOf(listAll(as.root(ACCOUNT), { action: 's3:GetObject', resource: 'arn:aws:s3:::reports/k' }))).toBe('INVALID_ARGUMENT');
    expect(await reasonOf(listAll(as.root(ACCOUNT), { action: 's3:CreateBucket', resource: 'arn:aws:s3:::reports' }))).toBe('INVALID_ARGUMENT');
    expect(await reasonOf(listAll(as.root(ACCOUNT), { resource: 'arn:aws:s3:::reports' }))).toBe('INVALID_ARGUMENT');
    expect(await reasonOf(listAll(as.root(ACCOUNT), { resource: '' }))).toBe('INVALID_ARGUMENT');
    expect(await reasonOf(listAll(as.root(ACCOUNT), { objectOwnerId: 'abc' }))).toBe('INVALID_ARGUMENT');
  });
});
