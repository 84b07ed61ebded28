import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { ACCOUNT_A, ACCOUNT_B, root, startKmsHarness, type KmsHarness } from './kms-harness';
import { createKey, expectReason, freshAccount } from './kms-expect';

let h: KmsHarness;

beforeAll(async () => {
  h = await startKmsHarness();
});

afterAll(async () => {
  await h.close();
});

const A = root(ACCOUNT_A);
const B = root(ACCOUNT_B);
let counter = 0;
/** An alias name no other test uses. */
const aliasName = (prefix = 'test') => `alias/${prefix}-${Date.now().toString(36)}-${counter++}`;

describe('CreateAlias', () => {
  it('points a new alias at a key; the alias then names the key', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const name = aliasName();
    const { alias } = await h.client.createAlias({ principal: A, aliasName: name, targetKeyId: key.arn });
    expect(alias).toEqual(
      expect.objectContaining({ aliasName: name, aliasArn: `arn:aws:kms:us-east-1:${ACCOUNT_A}:${name}`, targetKeyId: key.keyId }),
    );
    expect(alias!.creationDate).toBeInstanceOf(Date);
    expect((await h.client.describeKey({ principal: A, keyId: name })).keyMetadata!.keyId).toBe(key.keyId);
    const generated = await h.client.generateDataKey({ principal: A, keyId: name, keySpec: kmsV1.DataKeySpec.AES_256 });
    expect(generated.keyId).toBe(key.arn);
  });

  it.each(['alias/aws/s3', 'alias/aws/anything', 'alias/strongroom/sse-s3', 'alias/strongroom/mine'])('refuses the reserved name %s', async (name) => {
    const key = await createKey(h.client, ACCOUNT_A);
    const error = await expectReason(h.client.createAlias({ principal: A, aliasName: name, targetKeyId: key.keyId }), ErrorReason.INVALID_ARGUMENT);
    expect(error.fieldViolations).toEqual([expect.objectContaining({ field: 'alias_name' })]);
  });

  it.each(['', 'orders', 'alias/', 'Alias/orders', 'alias/has space', 'alias/dot.name', 'alias/colon:name', 'alias/caf\u00e9', `alias/${'a'.repeat(251)}`])(
    'refuses the malformed name %j',
    async (name) => {
      const key = await createKey(h.client, ACCOUNT_A);
      await expectReason(h.client.createAlias({ principal: A, aliasName: name, targetKeyId: key.keyId }), ErrorReason.INVALID_ARGUMENT);
    },
  );

  it('accepts a 250-character name with digits, slashes, underscores and dashes', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const name = `alias/Team_1/${'x-'.repeat(118)}${counter++}`.slice(0, 256);
    await expect(h.client.createAlias({ principal: A, aliasName: name, targetKeyId: key.keyId })).resolves.toBeDefined();
  });

  it('answers ALIAS_EXISTS for a name already taken in the account, but the same name is free in another account', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const other = await createKey(h.client, ACCOUNT_A);
    const name = aliasName();
    await h.client.createAlias({ principal: A, aliasName: name, targetKeyId: key.keyId });
    await expectReason(h.client.createAlias({ principal: A, aliasName: name, targetKeyId: other.keyId }), ErrorReason.ALIAS_EXISTS);
    expect((await h.client.describeKey({ principal: A, keyId: name })).keyMetadata!.keyId).toBe(key.keyId);

    const keyOfB = await createKey(h.client, ACCOUNT_B);
    await h.client.createAlias({ principal: B, aliasName: name, targetKeyId: keyOfB.keyId });
    expect((await h.client.describeKey({ principal: B, keyId: name })).keyMetadata!.keyId).toBe(keyOfB.keyId);
    expect((await h.client.describeKey({ principal: A, keyId: name })).keyMetadata!.keyId).toBe(key.keyId);
  });

  it('refuses an alias as the target (name or ARN), and a key it may not manage', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const existing = aliasName();
    await h.client.createAlias({ principal: A, aliasName: existing, targetKeyId: key.keyId });
    for (const target of [existing, `arn:aws:kms:us-east-1:${ACCOUNT_A}:${existing}`]) {
      const error = await expectReason(h.client.createAlias({ principal: A, aliasName: aliasName(), targetKeyId: target }), ErrorReason.INVALID_ARGUMENT);
      expect(error.fieldViolations).toEqual([expect.objectContaining({ field: 'target_key_id' })]);
    }
    await expectReason(h.client.createAlias({ principal: B, aliasName: aliasName(), targetKeyId: key.arn }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.createAlias({ principal: B, aliasName: aliasName(), targetKeyId: key.keyId }), ErrorReason.KEY_NOT_FOUND);
    await expectReason(
      h.client.createAlias({ principal: A, aliasName: aliasName(), targetKeyId: '00000000-0000-4000-8000-000000000000' }),
      ErrorReason.KEY_NOT_FOUND,
    );
  });
});

describe('UpdateAlias', () => {
  it('repoints an alias; new data keys come from the new key and old blobs still decrypt', async () => {
    const first = await createKey(h.client, ACCOUNT_A);
    const second = await createKey(h.client, ACCOUNT_A);
    const name = aliasName();
    const created = (await h.client.createAlias({ principal: A, aliasName: name, targetKeyId: first.keyId })).alias!;
    const before = await h.client.generateDataKey({ principal: A, keyId: name, keySpec: kmsV1.DataKeySpec.AES_256 });
    expect(before.keyId).toBe(first.arn);

    const { alias } = await h.client.updateAlias({ principal: A, aliasName: name, targetKeyId: second.keyId });
    expect(alias).toEqual(expect.objectContaining({ aliasName: name, targetKeyId: second.keyId, creationDate: created.creationDate }));
    expect(alias!.lastUpdatedDate!.getTime()).toBeGreaterThanOrEqual(created.lastUpdatedDate!.getTime());

    const after = await h.client.generateDataKey({ principal: A, keyId: name, keySpec: kmsV1.DataKeySpec.AES_256 });
    expect(after.keyId).toBe(second.arn);
    expect((await h.client.decrypt({ principal: A, ciphertextBlob: before.ciphertextBlob })).plaintext).toEqual(before.plaintext);
  });

  it('answers ALIAS_NOT_FOUND for an alias that does not exist, and refuses an alias target', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    await expectReason(h.client.updateAlias({ principal: A, aliasName: aliasName(), targetKeyId: key.keyId }), ErrorReason.ALIAS_NOT_FOUND);
    const name = aliasName();
    await h.client.createAlias({ principal: A, aliasName: name, targetKeyId: key.keyId });
    await expectReason(h.client.updateAlias({ principal: A, aliasName: name, targetKeyId: name }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(h.client.updateAlias({ principal: A, aliasName: 'alias/aws/s3', targetKeyId: key.keyId }), ErrorReason.INVALID_ARGUMENT);
  });

  it("does not repoint another account's alias of the same name", async () => {
    const keyOfA = await createKey(h.client, ACCOUNT_A);
    const keyOfB = await createKey(h.client, ACCOUNT_B);
    const name = aliasName();
    await h.client.createAlias({ principal: A, aliasName: name, targetKeyId: keyOfA.keyId });
    await expectReason(h.client.updateAlias({ principal: B, aliasName: name, targetKeyId: keyOfB.keyId }), ErrorReason.ALIAS_NOT_FOUND);
    expect((await h.client.describeKey({ principal: A, keyId: name })).keyMetadata!.keyId).toBe(keyOfA.keyId);
  });
});

describe('DeleteAlias', () => {
  it('deletes the alias and leaves the key alone', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const name = aliasName();
    await h.client.createAlias({ principal: A, aliasName: name, targetKeyId: key.keyId });
    await h.client.describeKey({ principal: A, keyId: name });
    await expect(h.client.deleteAlias({ principal: A, aliasName: name })).resolves.toEqual({});
    await expectReason(h.client.describeKey({ principal: A, keyId: name }), ErrorReason.KEY_NOT_FOUND);
    expect((await h.client.describeKey({ principal: A, keyId: key.keyId })).keyMetadata!.keyState).toBe(kmsV1.KeyState.ENABLED);
    await expectReason(h.client.deleteAlias({ principal: A, aliasName: name }), ErrorReason.ALIAS_NOT_FOUND);
  });

  it('answers ALIAS_NOT_FOUND for a missing alias and INVALID_ARGUMENT for a malformed or reserved one', async () => {
    await expectReason(h.client.deleteAlias({ principal: A, aliasName: aliasName() }), ErrorReason.ALIAS_NOT_FOUND);
    await expectReason(h.client.deleteAlias({ principal: A, aliasName: 'nope' }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(h.client.deleteAlias({ principal: A, aliasName: 'alias/aws/s3' }), ErrorReason.INVALID_ARGUMENT);
  });
});

describe('ListAliases', () => {
  it("lists the account's aliases by name, or only one key's", async () => {
    const account = freshAccount();
    const principal = root(account);
    const first = await createKey(h.client, account);
    const second = await createKey(h.client, account);
    await h.client.createAlias({ principal, aliasName: 'alias/c', targetKeyId: first.keyId });
    await h.client.createAlias({ principal, aliasName: 'alias/a', targetKeyId: second.keyId });
    await h.client.createAlias({ principal, aliasName: 'alias/b', targetKeyId: first.keyId });

    const all = await h.client.listAliases({ principal });
    expect(all.aliases.map((alias) => [alias.aliasName, alias.targetKeyId])).toEqual([
      ['alias/a', second.keyId],
      ['alias/b', first.keyId],
      ['alias/c', first.keyId],
    ]);
    expect(all.aliases[0]!.aliasArn).toBe(`arn:aws:kms:us-east-1:${account}:alias/a`);
    expect((await h.client.listAliases({ principal, keyId: first.keyId })).aliases.map((alias) => alias.aliasName)).toEqual(['alias/b', 'alias/c']);
    expect((await h.client.listAliases({ principal, keyId: 'alias/a' })).aliases.map((alias) => alias.aliasName)).toEqual(['alias/a']);
    expect((await h.client.listAliases({ principal: root(freshAccount()) })).aliases).toEqual([]);
    await expectReason(h.client.listAliases({ principal, keyId: 'alias/none' }), ErrorReason.KEY_NOT_FOUND);
  });
});

describe('alias/aws/s3', () => {
  it('is created on first use by GenerateDataKey as an AWS-managed key, once, and then reused', async () => {
    const account = freshAccount();
    const principal = root(account);
    expect((await h.client.listAliases({ principal })).aliases).toEqual([]);

    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => h.client.generateDataKey({ principal, keyId: 'alias/aws/s3', keySpec: kmsV1.DataKeySpec.AES_256 })),
    );
    const keyArns = new Set(concurrent.map((generated) => generated.keyId));
    expect(keyArns.size).toBe(1);

    const { aliases } = await h.client.listAliases({ principal });
    expect(aliases).toEqual([expect.objectContaining({ aliasName: 'alias/aws/s3', aliasArn: `arn:aws:kms:us-east-1:${account}:alias/aws/s3` })]);
    const key = (await h.client.describeKey({ principal, keyId: 'alias/aws/s3' })).keyMetadata!;
    expect(key).toEqual(expect.objectContaining({ keyManager: kmsV1.KeyManager.AWS, awsAccountId: account, keyState: kmsV1.KeyState.ENABLED }));
    expect([...keyArns]).toEqual([key.arn]);
    expect(aliases[0]!.targetKeyId).toBe(key.keyId);
    expect((await h.client.listKeys({ principal })).keys.map((listed) => listed.keyId)).toEqual([key.keyId]);

    const again = await h.client.generateDataKey({ principal, keyId: 'alias/aws/s3', keySpec: kmsV1.DataKeySpec.AES_256 });
    expect(again.keyId).toBe(key.arn);
    expect((await h.client.decrypt({ principal, ciphertextBlob: concurrent[0]!.ciphertextBlob })).plaintext).toEqual(concurrent[0]!.plaintext);
    const status = (await h.client.getKeyRotationStatus({ principal, keyId: key.keyId })).rotationStatus!;
    expect(status).toEqual(expect.objectContaining({ keyRotationEnabled: true, rotationPeriodInDays: 365 }));
  });

  it('cannot be disabled, scheduled for deletion, rotated by hand, granted or aliased by the account', async () => {
    const account = freshAccount();
    const principal = root(account);
    const { keyId } = await h.client.generateDataKey({ principal, keyId: 'alias/aws/s3', keySpec: kmsV1.DataKeySpec.AES_256 });
    await expectReason(h.client.disableKey({ principal, keyId: 'alias/aws/s3' }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.disableKey({ principal, keyId }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.scheduleKeyDeletion({ principal, keyId }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.rotateKeyOnDemand({ principal, keyId }), ErrorReason.ACCESS_DENIED);
    await expectReason(
      h.client.createGrant({ principal, keyId, granteePrincipal: ACCOUNT_B, operations: [kmsV1.GrantOperation.DECRYPT] }),
      ErrorReason.ACCESS_DENIED,
    );
    await expectReason(h.client.createAlias({ principal, aliasName: 'alias/mine', targetKeyId: keyId }), ErrorReason.ACCESS_DENIED);
    expect((await h.client.describeKey({ principal, keyId })).keyMetadata!.keyState).toBe(kmsV1.KeyState.ENABLED);
  });

  it("is not created in another account by naming that account's alias ARN", async () => {
    const owner = freshAccount();
    const aliasArn = `arn:aws:kms:us-east-1:${owner}:alias/aws/s3`;
    await expectReason(h.client.generateDataKey({ principal: B, keyId: aliasArn, keySpec: kmsV1.DataKeySpec.AES_256 }), ErrorReason.KEY_NOT_FOUND);
    expect((await h.client.listAliases({ principal: root(owner) })).aliases).toEqual([]);
    await h.client.generateDataKey({ principal: root(owner), keyId: 'alias/aws/s3', keySpec: kmsV1.DataKeySpec.AES_256 });
    await expectReason(h.client.generateDataKey({ principal: B, keyId: aliasArn, keySpec: kmsV1.DataKeySpec.AES_256 }), ErrorReason.ACCESS_DENIED);
  });
});
