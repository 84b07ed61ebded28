import { ErrorReason, type policyV1, type storageV1 } from '@strongroom/contracts';
import { as, expectReason, getObject, OTHER, OWNER, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

/** `requester` stating the condition keys `facts` about its request. */
function stating(requester: storageV1.Requester, facts: Readonly<Record<string, string>>): storageV1.Requester {
  const context: Record<string, policyV1.ContextValue> = {};
  for (const [key, value] of Object.entries(facts)) context[key] = { values: [value] };
  return { ...requester, context };
}

describe('storage: the condition keys a caller may state (Requester.context)', () => {
  let harness: StorageHarness;

  /** A bucket of OTHER's holding `secret`, whose policy lets `principal` read on `condition`. */
  async function bucketReadableOn(bucket: string, principal: unknown, condition: unknown): Promise<void> {
    const { bucket: created } = await harness.client.createBucket({ requester: as.root(OTHER), bucket });
    await putObject(harness.client, bucket, 'secret', Buffer.from('secret of OTHER'), { requester: as.root(OTHER) });
    const statement = { Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*`, Condition: condition };
    await harness.policy.putBucketPolicy({ principal: { accountId: OTHER, arn: '' }, bucketId: created!.bucketId, policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) });
  }

  beforeAll(async () => {
    harness = await startStorageHarness();
    await bucketReadableOn('org-only', '*', { StringEquals: { 'aws:PrincipalOrgID': 'o-example' } });
    await bucketReadableOn('key-only', '*', { StringEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:222222222222:key/example' } });
    await bucketReadableOn('office-only', { AWS: `arn:aws:iam::${OWNER}:root` }, { IpAddress: { 'aws:SourceIp': '10.1.2.3/32' } });
    await bucketReadableOn('loopback-only', { AWS: `arn:aws:iam::${OWNER}:root` }, { IpAddress: { 'aws:SourceIp': ['127.0.0.1/32', '::1/128'] } });
  });
  afterAll(() => harness.close());

  test('principal, organisation and network facts no caller can vouch for are dropped, in any case: a policy granting everyone in an organisation stays shut', async () => {
    const forged = ['aws:PrincipalOrgID', 'AWS:PRINCIPALORGID'];
    for (const key of forged) {
      await expectReason(getObject(harness.client, { requester: stating(as.root(OWNER), { [key]: 'o-example' }), bucket: 'org-only', key: 'secret' }), ErrorReason.ACCESS_DENIED);
      await expectReason(getObject(harness.ownerOnlyClient, { requester: stating(as.root(OWNER), { [key]: 'o-example' }), bucket: 'org-only', key: 'secret' }), ErrorReason.ACCESS_DENIED);
    }
  });

  test('what a write asks for is derived from the request, not stated: a read stating a KMS key id does not meet a grant on it', async () => {
    const stated = stating(as.root(OWNER), { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:222222222222:key/example' });
    await expectReason(getObject(harness.client, { requester: stated, bucket: 'key-only', key: 'secret' }), ErrorReason.ACCESS_DENIED);
    await expectReason(getObject(harness.ownerOnlyClient, { requester: stated, bucket: 'key-only', key: 'secret' }), ErrorReason.ACCESS_DENIED);
  });

  test('a front end that may act for every account states the client address; a credential scoped to an account is the client, so its own address counts', async () => {
    const fromOffice = stating(as.root(OWNER), { 'aws:SourceIp': '10.1.2.3' });
    expect((await getObject(harness.client, { requester: fromOffice, bucket: 'office-only', key: 'secret' })).body.toString()).toBe('secret of OTHER');
    await expectReason(getObject(harness.ownerOnlyClient, { requester: fromOffice, bucket: 'office-only', key: 'secret' }), ErrorReason.ACCESS_DENIED);
    expect((await getObject(harness.ownerOnlyClient, { requester: fromOffice, bucket: 'loopback-only', key: 'secret' })).body.toString()).toBe('secret of OTHER');
    await expectReason(getObject(harness.client, { requester: fromOffice, bucket: 'loopback-only', key: 'secret' }), ErrorReason.ACCESS_DENIED);
  });
});
