import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { ACCOUNT_A, ACCOUNT_B, root, startKmsHarness, type KmsHarness } from './kms-harness';
import { createKey, expectReason } from './kms-expect';

let h: KmsHarness;

beforeAll(async () => {
  h = await startKmsHarness();
});

afterAll(async () => {
  await h.close();
});

const A = root(ACCOUNT_A);
const B = root(ACCOUNT_B);
const { DECRYPT, ENCRYPT, GENERATE_DATA_KEY, GENERATE_DATA_KEY_WITHOUT_PLAINTEXT, RE_ENCRYPT_FROM, RE_ENCRYPT_TO, DESCRIBE_KEY } = kmsV1.GrantOperation;
const AES_256 = kmsV1.DataKeySpec.AES_256;

describe('CreateGrant and ListGrants', () => {
  it('creates a grant that ListGrants shows to the owner', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const { grantId } = await h.client.createGrant({
      principal: A,
      keyId: key.keyId,
      granteePrincipal: `arn:aws:iam::${ACCOUNT_B}:role/reader`,
      operations: [DECRYPT, DESCRIBE_KEY, DECRYPT],
      name: 'reader',
    });
    expect(grantId).toMatch(/^[0-9a-f]{64}$/);
    const { grants } = await h.client.listGrants({ principal: A, keyId: key.arn });
    expect(grants).toEqual([
      expect.objectContaining({
        grantId,
        keyId: key.arn,
        granteePrincipal: `arn:aws:iam::${ACCOUNT_B}:role/reader`,
        operations: [DECRYPT, DESCRIBE_KEY],
        name: 'reader',
        issuingAccount: ACCOUNT_A,
      }),
    ]);
    expect(grants[0]!.creationDate).toBeInstanceOf(Date);
  });

  it('lets only the owner create or list grants', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const request = { keyId: key.arn, granteePrincipal: ACCOUNT_B, operations: [DECRYPT] };
    await expectReason(h.client.createGrant({ principal: B, ...request }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.createGrant({ principal: B, ...request, keyId: key.keyId }), ErrorReason.KEY_NOT_FOUND);
    await h.client.createGrant({ principal: A, ...request });
    await expectReason(h.client.listGrants({ principal: B, keyId: key.arn }), ErrorReason.ACCESS_DENIED);
    await expectReason(
      h.client.createGrant({ principal: B, keyId: key.arn, granteePrincipal: ACCOUNT_B, operations: [ENCRYPT] }),
      ErrorReason.ACCESS_DENIED,
    );
  });

  it.each([
    '',
    'bob',
    '12345678901',
    '1234567890123',
    'arn:aws:iam::123:root',
    `arn:aws:s3:::bucket`,
    `arn:aws:iam::${ACCOUNT_B}:group/readers`,
    `arn:aws:iam::${ACCOUNT_B}:`,
    `arn:aws:iam::${ACCOUNT_B}:root `,
  ])('refuses the grantee %j', async (granteePrincipal) => {
    const key = await createKey(h.client, ACCOUNT_A);
    const error = await expectReason(h.client.createGrant({ principal: A, keyId: key.keyId, granteePrincipal, operations: [DECRYPT] }), ErrorReason.INVALID_ARGUMENT);
    expect(error.fieldViolations).toEqual([expect.objectContaining({ field: 'grantee_principal' })]);
  });

  it.each([
    ACCOUNT_B,
    `arn:aws:iam::${ACCOUNT_B}:root`,
    `arn:aws:iam::${ACCOUNT_B}:user/alice`,
    `arn:aws:iam::${ACCOUNT_B}:role/path/reader`,
    `arn:aws:sts::${ACCOUNT_B}:assumed-role/reader/session-1`,
  ])('accepts the grantee %j', async (granteePrincipal) => {
    const key = await createKey(h.client, ACCOUNT_A);
    await expect(h.client.createGrant({ principal: A, keyId: key.keyId, granteePrincipal, operations: [DECRYPT] })).resolves.toBeDefined();
  });

  it('requires at least one known operation and a name of at most 256 characters', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const base = { principal: A, keyId: key.keyId, granteePrincipal: ACCOUNT_B };
    const none = await expectReason(h.client.createGrant({ ...base, operations: [] }), ErrorReason.INVALID_ARGUMENT);
    expect(none.fieldViolations).toEqual([expect.objectContaining({ field: 'operations' })]);
    await expectReason(h.client.createGrant({ ...base, operations: [kmsV1.GrantOperation.UNSPECIFIED] }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(h.client.createGrant({ ...base, operations: [DECRYPT, 99 as kmsV1.GrantOperation] }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(h.client.createGrant({ ...base, operations: [DECRYPT], name: 'n'.repeat(257) }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(h.client.createGrant({ ...base, operations: [DECRYPT], name: 'n\u0000' }), ErrorReason.INVALID_ARGUMENT);
    await expect(h.client.createGrant({ ...base, operations: [DECRYPT], name: 'n'.repeat(256) })).resolves.toBeDefined();
  });
});

describe('what a grant lets another account do', () => {
  it('DECRYPT lets account B decrypt with the blob alone (or naming the key ARN), but not encrypt, generate or describe', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const context = { bucket: 'shared' };
    const generated = await h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256, encryptionContext: context });
    await expectReason(h.client.decrypt({ principal: B, ciphertextBlob: generated.ciphertextBlob, encryptionContext: context }), ErrorReason.ACCESS_DENIED);

    await h.client.createGrant({ principal: A, keyId: key.keyId, granteePrincipal: ACCOUNT_B, operations: [DECRYPT] });
    const decrypted = await h.client.decrypt({ principal: B, ciphertextBlob: generated.ciphertextBlob, encryptionContext: context });
    expect(decrypted).toEqual({ keyId: key.arn, keyVersion: 1, plaintext: generated.plaintext });
    const named = await h.client.decrypt({ principal: B, ciphertextBlob: generated.ciphertextBlob, encryptionContext: context, keyId: key.arn });
    expect(named.plaintext).toEqual(generated.plaintext);

    await expectReason(h.client.encrypt({ principal: B, keyId: key.arn, plaintext: Buffer.from('x') }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.generateDataKey({ principal: B, keyId: key.arn, keySpec: AES_256 }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.describeKey({ principal: B, keyId: key.arn }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.disableKey({ principal: B, keyId: key.arn }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.decrypt({ principal: B, ciphertextBlob: generated.ciphertextBlob, encryptionContext: {} }), ErrorReason.INVALID_CIPHERTEXT);
  });

  it('GENERATE_DATA_KEY lets account B generate by key ARN (not by bare id), and the owner decrypts the result', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    await h.client.createGrant({ principal: A, keyId: key.keyId, granteePrincipal: `arn:aws:iam::${ACCOUNT_B}:root`, operations: [GENERATE_DATA_KEY] });
    const generated = await h.client.generateDataKey({ principal: B, keyId: key.arn, keySpec: AES_256 });
    expect(generated.keyId).toBe(key.arn);
    await expectReason(h.client.generateDataKey({ principal: B, keyId: key.keyId, keySpec: AES_256 }), ErrorReason.KEY_NOT_FOUND);
    await expectReason(h.client.generateDataKeyWithoutPlaintext({ principal: B, keyId: key.arn, keySpec: AES_256 }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.decrypt({ principal: B, ciphertextBlob: generated.ciphertextBlob }), ErrorReason.ACCESS_DENIED);
    expect((await h.client.decrypt({ principal: A, ciphertextBlob: generated.ciphertextBlob })).plaintext).toEqual(generated.plaintext);
  });

  it('ENCRYPT, GENERATE_DATA_KEY_WITHOUT_PLAINTEXT and DESCRIBE_KEY each allow just their operation', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    await h.client.createGrant({ principal: A, keyId: key.keyId, granteePrincipal: ACCOUNT_B, operations: [ENCRYPT, GENERATE_DATA_KEY_WITHOUT_PLAINTEXT, DESCRIBE_KEY] });
    await expect(h.client.encrypt({ principal: B, keyId: key.arn, plaintext: Buffer.from('x') })).resolves.toBeDefined();
    await expect(h.client.generateDataKeyWithoutPlaintext({ principal: B, keyId: key.arn, keySpec: AES_256 })).resolves.toBeDefined();
    expect((await h.client.describeKey({ principal: B, keyId: key.arn })).keyMetadata!.keyId).toBe(key.keyId);
    await expectReason(h.client.generateDataKey({ principal: B, keyId: key.arn, keySpec: AES_256 }), ErrorReason.ACCESS_DENIED);
  });

  it('a grant to one role does not extend to other principals of the account', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const reader = { accountId: ACCOUNT_B, arn: `arn:aws:iam::${ACCOUNT_B}:role/reader` };
    const writer = { accountId: ACCOUNT_B, arn: `arn:aws:iam::${ACCOUNT_B}:role/writer` };
    const { ciphertextBlob } = await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('r') });
    await h.client.createGrant({ principal: A, keyId: key.keyId, granteePrincipal: reader.arn, operations: [DECRYPT] });
    expect((await h.client.decrypt({ principal: reader, ciphertextBlob })).plaintext.toString()).toBe('r');
    await expectReason(h.client.decrypt({ principal: writer, ciphertextBlob }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.decrypt({ principal: B, ciphertextBlob }), ErrorReason.ACCESS_DENIED);
  });

  it('RE_ENCRYPT_FROM on the source lets B move a blob to its own key', async () => {
    const source = await createKey(h.client, ACCOUNT_A);
    const destination = await createKey(h.client, ACCOUNT_B);
    const generated = await h.client.generateDataKey({ principal: A, keyId: source.keyId, keySpec: AES_256 });
    const request = { principal: B, ciphertextBlob: generated.ciphertextBlob, destinationKeyId: destination.keyId };
    await expectReason(h.client.reEncrypt(request), ErrorReason.ACCESS_DENIED);
    await h.client.createGrant({ principal: A, keyId: source.keyId, granteePrincipal: ACCOUNT_B, operations: [RE_ENCRYPT_FROM] });
    const moved = await h.client.reEncrypt(request);
    expect(moved).toEqual(expect.objectContaining({ sourceKeyId: source.arn, keyId: destination.arn }));
    expect((await h.client.decrypt({ principal: B, ciphertextBlob: moved.ciphertextBlob })).plaintext).toEqual(generated.plaintext);
  });

  it("RE_ENCRYPT_TO on the destination lets B move its own blob to A's key", async () => {
    const source = await createKey(h.client, ACCOUNT_B);
    const destination = await createKey(h.client, ACCOUNT_A);
    const { ciphertextBlob } = await h.client.encrypt({ principal: B, keyId: source.keyId, plaintext: Buffer.from('to A') });
    const request = { principal: B, ciphertextBlob, destinationKeyId: destination.arn };
    await expectReason(h.client.reEncrypt(request), ErrorReason.ACCESS_DENIED);
    await h.client.createGrant({ principal: A, keyId: destination.keyId, granteePrincipal: ACCOUNT_B, operations: [RE_ENCRYPT_TO] });
    const moved = await h.client.reEncrypt(request);
    expect((await h.client.decrypt({ principal: A, ciphertextBlob: moved.ciphertextBlob })).plaintext.toString()).toBe('to A');
  });

  it('a grant does not survive the key being disabled: B gets KEY_DISABLED', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const { ciphertextBlob } = await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('x') });
    await h.client.createGrant({ principal: A, keyId: key.keyId, granteePrincipal: ACCOUNT_B, operations: [DECRYPT] });
    await h.client.disableKey({ principal: A, keyId: key.keyId });
    await expectReason(h.client.decrypt({ principal: B, ciphertextBlob }), ErrorReason.KEY_DISABLED);
  });
});

describe('RevokeGrant', () => {
  it('removes the access the grant gave, at once', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const { ciphertextBlob } = await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('x') });
    const { grantId } = await h.client.createGrant({ principal: A, keyId: key.keyId, granteePrincipal: ACCOUNT_B, operations: [DECRYPT] });
    const kept = await h.client.createGrant({ principal: A, keyId: key.keyId, granteePrincipal: ACCOUNT_B, operations: [DESCRIBE_KEY] });
    await h.client.decrypt({ principal: B, ciphertextBlob });

    await expectReason(h.client.revokeGrant({ principal: B, keyId: key.arn, grantId }), ErrorReason.ACCESS_DENIED);
    await expect(h.client.revokeGrant({ principal: A, keyId: key.keyId, grantId })).resolves.toEqual({});
    await expectReason(h.client.decrypt({ principal: B, ciphertextBlob }), ErrorReason.ACCESS_DENIED);
    expect((await h.client.listGrants({ principal: A, keyId: key.keyId })).grants.map((grant) => grant.grantId)).toEqual([kept.grantId]);
    await expectReason(h.client.revokeGrant({ principal: A, keyId: key.keyId, grantId }), ErrorReason.GRANT_NOT_FOUND);
  });

  it('answers GRANT_NOT_FOUND for an unknown grant, or a grant of another key', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const other = await createKey(h.client, ACCOUNT_A);
    const { grantId } = await h.client.createGrant({ principal: A, keyId: other.keyId, granteePrincipal: ACCOUNT_B, operations: [DECRYPT] });
    for (const unknown of ['f'.repeat(64), '', 'not-a-grant', 'F'.repeat(64), 'a\u0000']) {
      await expectReason(h.client.revokeGrant({ principal: A, keyId: key.keyId, grantId: unknown }), ErrorReason.GRANT_NOT_FOUND);
    }
    await expectReason(h.client.revokeGrant({ principal: root(ACCOUNT_B), keyId: key.arn, grantId: 'not-a-grant' }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.revokeGrant({ principal: A, keyId: key.keyId, grantId }), ErrorReason.GRANT_NOT_FOUND);
    expect((await h.client.listGrants({ principal: A, keyId: other.keyId })).grants).toHaveLength(1);
  });
});
