import { policyV1 } from '@strongroom/contracts';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { root, startPolicyHarness, type PolicyHarness } from './policy-harness';

/** The library's corpus of named AWS example policies, with the decision each case gets from the bucket policy alone. */
interface FixtureCase {
  readonly name: string;
  readonly principal: { type: 'aws'; accountId: string; arn?: string } | { type: 'anonymous' } | { type: 'service'; service: string } | { type: 'federated'; provider: string };
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
  readonly decision: 'allow' | 'deny' | 'no-match';
  readonly sids?: readonly string[];
}

interface Fixture {
  readonly isPublic: boolean;
  readonly policy: Record<string, unknown>;
  readonly cases: readonly FixtureCase[];
}

const directory = resolve(__dirname, '../../../../libs/iam-policy/test/fixtures/policies');
const fixtures = readdirSync(directory)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(directory, file), 'utf8')) as Fixture] as const);

/**
 * The corpus's principals, placed so that the bucket policy decides exactly
 * as in the library's table: the bucket belongs to a third account, and
 * alice's and bob's accounts let them do anything on their side, so every
 * AWS caller is cross-account and needs the bucket policy's allow (a
 * "no-match" stays an implicit deny). In the corpus's own account alice
 * could not stand for it: an Allow naming her account grants the account,
 * which she reaches only through an identity policy, and one allowing
 * everything would allow the "no-match" cases too.
 */
const ALICE_ACCOUNT = '111122223333';
const PARTNER = '444455556666';
const OWNER = '777788889999';

function toPrincipal(principal: FixtureCase['principal']): policyV1.RequestPrincipal {
  switch (principal.type) {
    case 'aws':
      return { kind: { $case: 'aws', value: { accountId: principal.accountId, arn: principal.arn ?? '' } } };
    case 'anonymous':
      return { kind: { $case: 'anonymous', value: {} } };
    case 'service':
      return { kind: { $case: 'service', value: principal.service } };
    case 'federated':
      return { kind: { $case: 'federated', value: principal.provider } };
  }
}

const EXPECTED = { allow: policyV1.Decision.ALLOW, deny: policyV1.Decision.EXPLICIT_DENY, 'no-match': policyV1.Decision.IMPLICIT_DENY } as const;

describe('the fixture corpus through the gRPC contract', () => {
  let harness: PolicyHarness;
  const buckets = new Map<string, string>();

  beforeAll(async () => {
    harness = await startPolicyHarness();
    await harness.account(OWNER);
    const everything = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    for (const [accountId, userName] of [
      [ALICE_ACCOUNT, 'alice'],
      [PARTNER, 'bob'],
    ] as const) {
      await harness.account(accountId);
      await harness.client.createUser({ principal: root(accountId), userName });
      await harness.client.putUserPolicy({ principal: root(accountId), userName, policyName: 'everything', policyDocument: everything });
    }
    for (const [name, fixture] of fixtures) {
      const bucketId = await harness.bucket(OWNER, 'amzn-s3-demo-bucket');
      await harness.client.deleteBucketPublicAccessBlock({ principal: root(OWNER), bucketId });
      await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: JSON.stringify(fixture.policy) });
      buckets.set(name, bucketId);
    }
  });
  afterAll(() => harness.close());

  it('has a corpus', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });

  describe.each(fixtures)('%s', (name, fixture) => {
    it(`GetBucketPolicyStatus says ${fixture.isPublic ? 'public' : 'not public'}`, async () => {
      const status = await harness.client.getBucketPolicyStatus({ principal: root(OWNER), bucketId: buckets.get(name)! });
      expect(status.isPublic).toBe(fixture.isPublic);
      expect(status.publicStatements.length > 0).toBe(fixture.isPublic);
    });

    it.each(fixture.cases.map((testCase) => [testCase.name, testCase] as const))('Authorize: %s', async (_caseName, testCase) => {
      const context = Object.fromEntries(Object.entries(testCase.context ?? {}).map(([key, value]) => [key, { values: typeof value === 'string' ? [value] : value }]));
      const response = await harness.client.authorize({
        principal: toPrincipal(testCase.principal),
        action: testCase.action,
        resource: testCase.resource,
        bucketId: buckets.get(name)!,
        context,
      });
      expect(policyV1.Decision[response.decision]).toBe(policyV1.Decision[EXPECTED[testCase.decision]]);
      if (testCase.sids !== undefined) {
        const policyReasons = response.reasons.filter((reason) => reason.basis === policyV1.DecisionBasis.BUCKET_POLICY);
        expect(policyReasons.map((reason) => reason.sid)).toEqual(testCase.sids);
      }
    });
  });
});
