import { createHash, randomBytes } from 'node:crypto';
import { ErrorReason, storageV1, type policyV1 } from '@strongroom/contracts';
import { nonLoopbackAddress, testCertificate } from '@strongroom/testing';
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
    await bucketReadableOn('tls-only', { AWS: `arn:aws:iam::${OWNER}:root` }, { Bool: { 'aws:SecureTransport': 'true' } });
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

  test('a credential scoped to an account is not believed about TLS: from loopback its call never left the machine (secure); from another host it crossed the network in plaintext', async () => {
    const claimingPlaintext = stating(as.root(OWNER), { 'aws:SecureTransport': 'false', 's3:TlsVersion': '1.0' });
    expect((await getObject(harness.ownerOnlyClient, { requester: claimingPlaintext, bucket: 'tls-only', key: 'secret' })).body.toString()).toBe('secret of OTHER');
    await expectReason(getObject(harness.client, { requester: claimingPlaintext, bucket: 'tls-only', key: 'secret' }), ErrorReason.ACCESS_DENIED);
    const host = nonLoopbackAddress();
    if (host === undefined) {
      console.warn('skipped the call from another host: this machine has no IPv4 address beyond loopback');
      return;
    }
    const replica = await harness.startReplica({ address: '0.0.0.0:0' });
    try {
      const remote = harness.ownerOnlyClientTo(host, replica.storage.port);
      const claimingTls = stating(as.root(OWNER), { 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.3' });
      await expectReason(getObject(remote, { requester: claimingTls, bucket: 'tls-only', key: 'secret' }), ErrorReason.ACCESS_DENIED);
      const customerKey = randomBytes(32);
      const sseC = { customerKey: { algorithm: 'AES256', key: customerKey, keyMd5: createHash('md5').update(customerKey).digest('base64') } };
      await harness.client.createBucket({ requester: as.root(OWNER), bucket: 'remote-sse-c' });
      const unblocked = { algorithm: storageV1.SseAlgorithm.AES256, kmsMasterKeyId: '', bucketKeyEnabled: false, sseCBlocked: false };
      await harness.client.putBucketEncryption({ requester: as.root(OWNER), bucket: 'remote-sse-c', encryption: unblocked });
      await putObject(harness.ownerOnlyClient, 'remote-sse-c', 'k', Buffer.from('data'), { requester: as.root(OWNER), options: storageV1.WriteOptions.fromPartial(sseC) });
      await expectReason(
        putObject(remote, 'remote-sse-c', 'k', Buffer.from('data'), { requester: claimingTls, options: storageV1.WriteOptions.fromPartial(sseC) }),
        ErrorReason.INVALID_REQUEST,
      );
    } finally {
      await replica.close();
    }
  });

  test('a credential scoped to an account calling a TLS API port from another host did not cross the network in the clear: TLS-only policies and SSE-C serve it', async () => {
    const host = nonLoopbackAddress();
    if (host === undefined) {
      console.warn('skipped the call from another host: this machine has no IPv4 address beyond loopback');
      return;
    }
    const certificate = await testCertificate();
    const replica = await harness.startReplica({ address: '0.0.0.0:0', tls: certificate });
    try {
      const remote = harness.ownerOnlyClientTo(host, replica.storage.port, { ca: Buffer.from(certificate.cert) });
      const claimingPlaintext = stating(as.root(OWNER), { 'aws:SecureTransport': 'false' });
      expect((await getObject(remote, { requester: claimingPlaintext, bucket: 'tls-only', key: 'secret' })).body.toString()).toBe('secret of OTHER');
      await expectReason(getObject(remote, { requester: as.root(OWNER), bucket: 'loopback-only', key: 'secret' }), ErrorReason.ACCESS_DENIED);
      const customerKey = randomBytes(32);
      const sseC = { customerKey: { algorithm: 'AES256', key: customerKey, keyMd5: createHash('md5').update(customerKey).digest('base64') } };
      await harness.client.createBucket({ requester: as.root(OWNER), bucket: 'tls-sse-c' });
      const unblocked = { algorithm: storageV1.SseAlgorithm.AES256, kmsMasterKeyId: '', bucketKeyEnabled: false, sseCBlocked: false };
      await harness.client.putBucketEncryption({ requester: as.root(OWNER), bucket: 'tls-sse-c', encryption: unblocked });
      await putObject(remote, 'tls-sse-c', 'k', Buffer.from('data'), { requester: as.root(OWNER), options: storageV1.WriteOptions.fromPartial(sseC) });
      const read = await getObject(remote, { requester: as.root(OWNER), bucket: 'tls-sse-c', key: 'k', customerKey: sseC.customerKey });
      expect(read.body.toString()).toBe('data');
    } finally {
      await replica.close();
    }
  });
});
