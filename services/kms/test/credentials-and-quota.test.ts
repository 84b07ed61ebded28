import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { Status } from 'nice-grpc-common';
import { RichClientError } from 'nice-grpc-error-details';
import { SERVICE_ACCOUNT_ID, SSE_S3_ALIAS } from '../src';
import { ACCOUNT_A, ACCOUNT_B, root, startKmsHarness, type KmsClient, type KmsHarness } from './kms-harness';
import { createKey, expectReason, freshAccount } from './kms-expect';

const A = root(ACCOUNT_A);
const B = root(ACCOUNT_B);
const AES_256 = kmsV1.DataKeySpec.AES_256;

describe('service credentials', () => {
  const TENANT_A_TOKEN = 'tenant-a-token-0123456789abcdef';
  const GATEWAY_TOKEN = 'gateway-token-0123456789abcdef';
  let h: KmsHarness;
  let tenantA: KmsClient;
  let gateway: KmsClient;

  beforeAll(async () => {
    h = await startKmsHarness({
      extraCredentials: [
        { name: 'tenant-a', token: TENANT_A_TOKEN, accounts: [ACCOUNT_A], serviceKeys: false },
        { name: 'gateway', token: GATEWAY_TOKEN, accounts: '*', serviceKeys: false },
      ],
    });
    tenantA = h.clientFor(TENANT_A_TOKEN);
    gateway = h.clientFor(GATEWAY_TOKEN);
  });

  afterAll(async () => {
    await h.close();
  });

  it('answers UNAUTHENTICATED to a token the server does not know, and to no token', async () => {
    for (const token of ['not-a-known-token', `${h.token}x`, '']) {
      const client = h.clientFor(token);
      await expectReason(client.createKey({ principal: A }), ErrorReason.UNAUTHENTICATED);
      await expectReason(client.listAuditEvents({ principal: A }), ErrorReason.UNAUTHENTICATED);
    }
  });

  it('lets a credential limited to ACCOUNT_A act for it, and answers PRINCIPAL_NOT_ALLOWED for ACCOUNT_B', async () => {
    const key = await createKey(tenantA, ACCOUNT_A);
    await expect(tenantA.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256 })).resolves.toBeDefined();
    const asRole = { accountId: ACCOUNT_A, arn: `arn:aws:iam::${ACCOUNT_A}:role/app` };
    await expect(tenantA.describeKey({ principal: asRole, keyId: key.keyId })).resolves.toBeDefined();

    const keyOfB = await createKey(h.client, ACCOUNT_B);
    const error = await expectReason(tenantA.createKey({ principal: B }), ErrorReason.PRINCIPAL_NOT_ALLOWED);
    expect((error.cause as RichClientError).code).toBe(Status.PERMISSION_DENIED);
    await expectReason(tenantA.describeKey({ principal: B, keyId: keyOfB.keyId }), ErrorReason.PRINCIPAL_NOT_ALLOWED);
    await expectReason(tenantA.generateDataKey({ principal: B, keyId: keyOfB.keyId, keySpec: AES_256 }), ErrorReason.PRINCIPAL_NOT_ALLOWED);
    await expectReason(tenantA.listAuditEvents({ principal: B }), ErrorReason.PRINCIPAL_NOT_ALLOWED);
    expect((await h.client.listKeys({ principal: B })).keys.map((listed) => listed.keyId)).toEqual([keyOfB.keyId]);
  });

  it.each([
    ['no principal', undefined],
    ['an empty account id', { accountId: '', arn: '' }],
    ['an 11-digit account id', { accountId: '12345678901', arn: '' }],
    ['a 13-digit account id', { accountId: '1234567890123', arn: '' }],
    ['a non-numeric account id', { accountId: 'abcdefghijkl', arn: '' }],
    ['an ARN of another account', { accountId: ACCOUNT_A, arn: `arn:aws:iam::${ACCOUNT_B}:root` }],
    ['an STS ARN of another account', { accountId: ACCOUNT_A, arn: `arn:aws:sts::${ACCOUNT_B}:assumed-role/r/s` }],
    ['an ARN that is not IAM or STS', { accountId: ACCOUNT_A, arn: `arn:aws:s3:::${ACCOUNT_A}` }],
    ['an ARN with a control character', { accountId: ACCOUNT_A, arn: `arn:aws:iam::${ACCOUNT_A}:user/a\u0000b` }],
    ['an ARN with a space', { accountId: ACCOUNT_A, arn: `arn:aws:iam::${ACCOUNT_A}:user/a b` }],
  ])('answers INVALID_ARGUMENT to %s', async (_name, principal) => {
    const error = await expectReason(h.client.createKey({ principal }), ErrorReason.INVALID_ARGUMENT);
    expect(error.fieldViolations[0]!.field).toMatch(/^principal\./);
    await expectReason(h.client.generateDataKey({ principal, keyId: 'alias/aws/s3', keySpec: AES_256 }), ErrorReason.INVALID_ARGUMENT);
  });

  it(`serves ${SSE_S3_ALIAS} only to a credential with service keys`, async () => {
    const generated = await h.client.generateDataKey({ principal: A, keyId: SSE_S3_ALIAS, keySpec: AES_256, encryptionContext: { bucket: 'b' } });
    expect(generated.keyId).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${SERVICE_ACCOUNT_ID}:key/`));
    const forB = await h.client.generateDataKey({ principal: B, keyId: SSE_S3_ALIAS, keySpec: AES_256 });
    expect(forB.keyId).toBe(generated.keyId);
    const decrypted = await h.client.decrypt({ principal: B, ciphertextBlob: generated.ciphertextBlob, encryptionContext: { bucket: 'b' } });
    expect(decrypted.plaintext).toEqual(generated.plaintext);

    await expectReason(gateway.generateDataKey({ principal: A, keyId: SSE_S3_ALIAS, keySpec: AES_256 }), ErrorReason.KEY_NOT_FOUND);
    await expectReason(gateway.describeKey({ principal: A, keyId: SSE_S3_ALIAS }), ErrorReason.KEY_NOT_FOUND);
    await expectReason(tenantA.generateDataKey({ principal: A, keyId: SSE_S3_ALIAS, keySpec: AES_256 }), ErrorReason.KEY_NOT_FOUND);
    await expectReason(gateway.generateDataKey({ principal: A, keyId: generated.keyId, keySpec: AES_256 }), ErrorReason.ACCESS_DENIED);
    await expectReason(gateway.decrypt({ principal: A, ciphertextBlob: generated.ciphertextBlob, encryptionContext: { bucket: 'b' } }), ErrorReason.ACCESS_DENIED);
  });

  it("refuses a credential without service keys that asserts the service account (its trail holds every tenant's SSE-S3 use)", async () => {
    const context = { 'aws:s3:arn': 'arn:aws:s3:::tenant-bucket/payroll.xlsx' };
    await h.client.generateDataKey({ principal: A, keyId: SSE_S3_ALIAS, keySpec: AES_256, encryptionContext: context });
    const service = root(SERVICE_ACCOUNT_ID);
    await expectReason(gateway.listAuditEvents({ principal: service }), ErrorReason.PRINCIPAL_NOT_ALLOWED);
    await expectReason(gateway.listKeys({ principal: service }), ErrorReason.PRINCIPAL_NOT_ALLOWED);
    await expectReason(gateway.createKey({ principal: service }), ErrorReason.PRINCIPAL_NOT_ALLOWED);
    await expectReason(tenantA.listAuditEvents({ principal: service }), ErrorReason.PRINCIPAL_NOT_ALLOWED);
    const trail = await h.client.listAuditEvents({ principal: service });
    expect(trail.events.map((event) => event.encryptionContext)).toContainEqual(context);
  });

  it('creates only the known service keys on first use: another alias/strongroom/ name is not found', async () => {
    await expectReason(h.client.describeKey({ principal: A, keyId: 'alias/strongroom/sse-s4' }), ErrorReason.KEY_NOT_FOUND);
    await expectReason(h.client.generateDataKey({ principal: A, keyId: 'alias/strongroom/typo', keySpec: AES_256 }), ErrorReason.KEY_NOT_FOUND);
    const { keyId } = await h.client.generateDataKey({ principal: A, keyId: 'alias/strongroom/access-key-secrets', keySpec: AES_256 });
    expect(keyId).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${SERVICE_ACCOUNT_ID}:key/`));
  });

  it('keeps the SSE-S3 key out of every account and unmanageable', async () => {
    const { keyId } = await h.client.generateDataKey({ principal: A, keyId: SSE_S3_ALIAS, keySpec: AES_256 });
    expect((await h.client.listKeys({ principal: A })).keys.map((key) => key.arn)).not.toContain(keyId);
    expect((await h.client.listAliases({ principal: A })).aliases.map((alias) => alias.aliasName)).not.toContain(SSE_S3_ALIAS);
    await expectReason(h.client.disableKey({ principal: A, keyId }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.disableKey({ principal: A, keyId: SSE_S3_ALIAS }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.scheduleKeyDeletion({ principal: A, keyId }), ErrorReason.ACCESS_DENIED);
    await expectReason(
      h.client.createGrant({ principal: A, keyId, granteePrincipal: ACCOUNT_B, operations: [kmsV1.GrantOperation.DECRYPT] }),
      ErrorReason.ACCESS_DENIED,
    );
  });
});

describe('request quota', () => {
  let h: KmsHarness;

  beforeAll(async () => {
    h = await startKmsHarness({ requestRatePerAccount: 5 });
  });

  afterAll(async () => {
    await h.close();
  });

  it('throttles a burst of cryptographic calls after about 5 with KMS_THROTTLED, per account, and never management calls', async () => {
    const account = freshAccount();
    const principal = root(account);
    const key = await createKey(h.client, account);
    const other = freshAccount();
    const keyOfOther = await createKey(h.client, other);

    const { ciphertextBlob } = await h.client.encrypt({ principal, keyId: key.keyId, plaintext: Buffer.from('x') });
    const calls = [
      () => h.client.generateDataKey({ principal, keyId: key.keyId, keySpec: AES_256 }),
      () => h.client.encrypt({ principal, keyId: key.keyId, plaintext: Buffer.from('x') }),
      () => h.client.decrypt({ principal, ciphertextBlob }),
      () => h.client.generateDataKeyWithoutPlaintext({ principal, keyId: key.keyId, keySpec: AES_256 }),
    ];
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        calls[i % calls.length]!().then(
          () => 'ok' as const,
          (error: unknown) => error,
        ),
      ),
    );
    // One token went to the Encrypt above; the bucket holds 5 and refills 5 per second.
    const admitted = 1 + burst.filter((outcome) => outcome === 'ok').length;
    expect(admitted).toBeGreaterThanOrEqual(5);
    expect(admitted).toBeLessThanOrEqual(7);
    const throttled = burst.filter((outcome) => outcome !== 'ok');
    expect(throttled.length).toBeGreaterThanOrEqual(6);
    for (const error of throttled) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).reasonName).toBe('KMS_THROTTLED');
      expect(((error as DomainError).cause as RichClientError).code).toBe(Status.RESOURCE_EXHAUSTED);
    }

    await expect(h.client.generateDataKey({ principal: root(other), keyId: keyOfOther.keyId, keySpec: AES_256 })).resolves.toBeDefined();

    for (let i = 0; i < 10; i++) {
      await expect(h.client.createKey({ principal })).resolves.toBeDefined();
      await expect(h.client.describeKey({ principal, keyId: key.keyId })).resolves.toBeDefined();
    }
    await expect(h.client.listKeys({ principal })).resolves.toBeDefined();
    await expect(h.client.listAliases({ principal })).resolves.toBeDefined();
  });
});
