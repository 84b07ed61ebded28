import { ErrorReason, policyV1 } from '@strongroom/contracts';
import { createHmac } from 'node:crypto';
import { root, startPolicyHarness, TENANT_ACCOUNT, today, type PolicyHarness, reasonOf } from './policy-harness';

const ACCOUNT = '111122223333';
const PROVISIONED_ID = 'AKIAIOSFODNN7EXAMPLE';
const PROVISIONED_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** kSigning computed independently, as the AWS SigV4 documentation spells it out. */
function expectedSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  const step = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
  return step(step(step(step(`AWS4${secret}`, date), region), service), 'aws4_request');
}

describe('identity: accounts, users, identity policies, access keys and signing keys', () => {
  let harness: PolicyHarness;
  beforeAll(async () => {
    harness = await startPolicyHarness();
    await harness.account(ACCOUNT, 'owner@example.com');
  });
  afterAll(() => harness.close());

  test('accounts get a 64-hex canonical id and a root ARN; duplicates and tenants are refused', async () => {
    const { account } = await harness.client.getAccount({ principal: root(ACCOUNT) });
    expect(account).toMatchObject({ accountId: ACCOUNT, rootArn: `arn:aws:iam::${ACCOUNT}:root`, email: 'owner@example.com' });
    expect(account!.canonicalUserId).toMatch(/^[0-9a-f]{64}$/);
    expect(await reasonOf(harness.client.createAccount({ accountId: ACCOUNT, displayName: 'again' }))).toBe('ALREADY_EXISTS');
    expect(await reasonOf(harness.tenantClient.createAccount({ accountId: TENANT_ACCOUNT, displayName: 'self-made' }))).toBe('PRINCIPAL_NOT_ALLOWED');
    const generated = await harness.client.createAccount({ displayName: 'generated' });
    expect(generated.account!.accountId).toMatch(/^[1-9]\d{11}$/);
  });

  test('FindUnknownCanonicalUsers names the ids of no account, at most 100 at a time, and only to a credential for every account', async () => {
    const { account } = await harness.client.getAccount({ principal: root(ACCOUNT) });
    const unknown = 'f'.repeat(64);
    const { unknownCanonicalUserIds } = await harness.client.findUnknownCanonicalUsers({ canonicalUserIds: [account!.canonicalUserId, unknown] });
    expect(unknownCanonicalUserIds).toEqual([unknown]);
    expect(await reasonOf(harness.client.findUnknownCanonicalUsers({ canonicalUserIds: Array.from({ length: 101 }, () => unknown) }))).toBe('INVALID_ARGUMENT');
    expect(await reasonOf(harness.tenantClient.findUnknownCanonicalUsers({ canonicalUserIds: [account!.canonicalUserId] }))).toBe('PRINCIPAL_NOT_ALLOWED');
  });

  test('users and inline identity policies; a malformed policy says where it is wrong', async () => {
    const { user } = await harness.client.createUser({ principal: root(ACCOUNT), userName: 'alice' });
    expect(user).toMatchObject({ arn: `arn:aws:iam::${ACCOUNT}:user/alice`, userId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/) });
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    await harness.client.putUserPolicy({ principal: root(ACCOUNT), userName: 'alice', policyName: 's3-all', policyDocument: document });
    expect((await harness.client.getUserPolicy({ principal: root(ACCOUNT), userName: 'alice', policyName: 's3-all' })).policyDocument).toBe(document);
    expect((await harness.client.listUserPolicies({ principal: root(ACCOUNT), userName: 'alice' })).policyNames).toEqual(['s3-all']);
    const bad = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Principal: '*' }] });
    await expect(harness.client.putUserPolicy({ principal: root(ACCOUNT), userName: 'alice', policyName: 'bad', policyDocument: bad })).rejects.toMatchObject({
      reason: ErrorReason.MALFORMED_POLICY,
      message: expect.stringContaining('Statement[0]'),
    });
    await harness.client.deleteUserPolicy({ principal: root(ACCOUNT), userName: 'alice', policyName: 's3-all' });
    expect(await reasonOf(harness.client.getUserPolicy({ principal: root(ACCOUNT), userName: 'alice', policyName: 's3-all' }))).toBe('NO_SUCH_USER_POLICY');
  });

  test('a user needs an identity policy to manage keys; the root always may', async () => {
    await harness.client.createUser({ principal: root(ACCOUNT), userName: 'bob' });
    const bob = { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/bob` };
    expect(await reasonOf(harness.client.createAccessKey({ principal: bob, userName: 'bob' }))).toBe('ACCESS_DENIED');
    const own = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*AccessKey*', Resource: 'arn:aws:iam::*:user/${aws:username}' }] });
    await harness.client.putUserPolicy({ principal: root(ACCOUNT), userName: 'bob', policyName: 'own-keys', policyDocument: own });
    const created = await harness.client.createAccessKey({ principal: bob, userName: 'bob' });
    expect(created.accessKey).toMatchObject({ userName: 'bob', status: policyV1.AccessKeyStatus.ACTIVE });
    expect(await reasonOf(harness.client.createAccessKey({ principal: bob, userName: 'alice' }))).toBe('ACCESS_DENIED');
  });

  test('access keys: generated or provisioned, the secret returned once, the signing key equals SigV4 kSigning', async () => {
    const generated = await harness.client.createAccessKey({ principal: root(ACCOUNT) });
    expect(generated.accessKey!.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(generated.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    const provisioned = await harness.client.createAccessKey({ principal: root(ACCOUNT), accessKeyId: PROVISIONED_ID, secretAccessKey: PROVISIONED_SECRET });
    expect(provisioned.secretAccessKey).toBe(PROVISIONED_SECRET);
    expect(await reasonOf(harness.client.createAccessKey({ principal: root(ACCOUNT), accessKeyId: PROVISIONED_ID, secretAccessKey: PROVISIONED_SECRET }))).toBe(
      'ALREADY_EXISTS',
    );
    const listed = await harness.client.listAccessKeys({ principal: root(ACCOUNT) });
    expect(listed.accessKeys.map((key) => key.accessKeyId).sort()).toEqual([generated.accessKey!.accessKeyId, PROVISIONED_ID].sort());
    expect(JSON.stringify(listed)).not.toContain(PROVISIONED_SECRET);

    const signing = await harness.client.getSigningKey({ accessKeyId: PROVISIONED_ID, date: today(), region: 'us-east-1', service: 's3' });
    expect(Buffer.from(signing.signingKey)).toEqual(expectedSigningKey(PROVISIONED_SECRET, today(), 'us-east-1', 's3'));
    const { account } = await harness.client.getAccount({ principal: root(ACCOUNT) });
    expect(signing.principal).toEqual({ accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, canonicalUserId: account!.canonicalUserId, userName: '', userId: ACCOUNT });
    const other = await harness.client.getSigningKey({ accessKeyId: generated.accessKey!.accessKeyId, date: today(), region: 'eu-west-1', service: 's3' });
    expect(Buffer.from(other.signingKey)).toEqual(expectedSigningKey(generated.secretAccessKey, today(), 'eu-west-1', 's3'));
  });

  test('secrets are stored only sealed: no column of any policy.* row holds one', async () => {
    const tables = await harness.database.pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'policy'");
    let dump = '';
    for (const { table_name } of tables.rows) {
      const rows = await harness.database.pool.query(`SELECT t::text AS row FROM policy.${table_name} t`);
      dump += rows.rows.map((row: { row: string }) => row.row).join('\n');
    }
    const sealed = await harness.database.pool.query<{ sealed_secret: Buffer }>('SELECT sealed_secret FROM policy.access_keys');
    expect(sealed.rows.length).toBeGreaterThan(0);
    expect(dump).toContain(PROVISIONED_ID);
    expect(dump).not.toContain(PROVISIONED_SECRET);
    expect(dump).not.toContain(Buffer.from(PROVISIONED_SECRET).toString('hex'));
    for (const { sealed_secret } of sealed.rows) expect(sealed_secret.includes(Buffer.from(PROVISIONED_SECRET))).toBe(false);
  });

  test('unknown, inactive and deleted keys get distinct reasons at once; a tenant\'s credential gets no signing key', async () => {
    const scope = { date: today(), region: 'us-east-1', service: 's3' };
    expect(await reasonOf(harness.client.getSigningKey({ accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', ...scope }))).toBe('ACCESS_KEY_NOT_FOUND');
    // An id no key can have (a NUL, which PostgreSQL text cannot hold, or another shape) is unknown, not a database error.
    for (const accessKeyId of ['AK\u0000X', 'not-a-key']) expect(await reasonOf(harness.client.getSigningKey({ accessKeyId, ...scope }))).toBe('ACCESS_KEY_NOT_FOUND');
    expect(await reasonOf(harness.client.deleteAccessKey({ principal: root(ACCOUNT), accessKeyId: 'AK\u0000X' }))).toBe('ACCESS_KEY_NOT_FOUND');
    expect(await reasonOf(harness.tenantClient.getSigningKey({ accessKeyId: PROVISIONED_ID, ...scope }))).toBe('PRINCIPAL_NOT_ALLOWED');
    await harness.client.updateAccessKey({ principal: root(ACCOUNT), accessKeyId: PROVISIONED_ID, status: policyV1.AccessKeyStatus.INACTIVE });
    expect(await reasonOf(harness.client.getSigningKey({ accessKeyId: PROVISIONED_ID, ...scope }))).toBe('ACCESS_KEY_INACTIVE');
    await harness.client.updateAccessKey({ principal: root(ACCOUNT), accessKeyId: PROVISIONED_ID, status: policyV1.AccessKeyStatus.ACTIVE });
    await harness.client.getSigningKey({ accessKeyId: PROVISIONED_ID, ...scope });
    await harness.client.deleteAccessKey({ principal: root(ACCOUNT), accessKeyId: PROVISIONED_ID });
    expect(await reasonOf(harness.client.getSigningKey({ accessKeyId: PROVISIONED_ID, ...scope }))).toBe('ACCESS_KEY_NOT_FOUND');
    expect(await reasonOf(harness.client.getSigningKey({ accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', date: '2024-01-01', region: 'us-east-1', service: 's3' }))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  test('a key looked up before it existed works at once after creation, on this replica and another (misses are cached, creations announced)', async () => {
    const replica = await harness.startReplica();
    try {
      const scope = { date: today(), region: 'us-east-1', service: 's3' };
      const accessKeyId = 'AKIAJUSTPROVISIONED2';
      const secretAccessKey = 'j'.repeat(40);
      for (const client of [harness.client, replica.client]) {
        expect(await reasonOf(client.getSigningKey({ accessKeyId, ...scope }))).toBe('ACCESS_KEY_NOT_FOUND');
      }
      await harness.client.createAccessKey({ principal: root(ACCOUNT), accessKeyId, secretAccessKey });
      expect((await harness.client.getSigningKey({ accessKeyId, ...scope })).signingKey).toEqual(expectedSigningKey(secretAccessKey, scope.date, scope.region, scope.service));
      const deadline = Date.now() + 1000;
      let seen = await reasonOf(replica.client.getSigningKey({ accessKeyId, ...scope }));
      while (seen !== 'resolved' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        seen = await reasonOf(replica.client.getSigningKey({ accessKeyId, ...scope }));
      }
      expect(seen).toBe('resolved');
    } finally {
      await replica.close();
    }
  });

  test('deleting a user deletes its keys', async () => {
    const { accessKey } = await harness.client.createAccessKey({ principal: root(ACCOUNT), userName: 'alice' });
    const scope = { date: today(), region: 'us-east-1', service: 's3' };
    const signing = await harness.client.getSigningKey({ accessKeyId: accessKey!.accessKeyId, ...scope });
    expect(signing.principal).toMatchObject({ arn: `arn:aws:iam::${ACCOUNT}:user/alice`, userName: 'alice', userId: expect.stringMatching(/^AIDA/) });
    await harness.client.deleteUser({ principal: root(ACCOUNT), userName: 'alice' });
    expect(await reasonOf(harness.client.getSigningKey({ accessKeyId: accessKey!.accessKeyId, ...scope }))).toBe('ACCESS_KEY_NOT_FOUND');
    expect(await reasonOf(harness.client.getUser({ principal: root(ACCOUNT), userName: 'alice' }))).toBe('USER_NOT_FOUND');
  });
});
