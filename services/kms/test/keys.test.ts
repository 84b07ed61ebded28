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

const DAY_MS = 86_400_000;
const A = root(ACCOUNT_A);
const B = root(ACCOUNT_B);

describe('CreateKey', () => {
  it('creates an enabled symmetric customer key in the principal account, with its tags', async () => {
    const before = Date.now();
    const { keyMetadata } = await h.client.createKey({
      principal: A,
      description: 'orders bucket',
      tags: [
        { tagKey: 'team', tagValue: 'storage' },
        { tagKey: 'env', tagValue: '' },
      ],
    });
    expect(keyMetadata).toEqual(
      expect.objectContaining({
        arn: `arn:aws:kms:us-east-1:${ACCOUNT_A}:key/${keyMetadata!.keyId}`,
        awsAccountId: ACCOUNT_A,
        description: 'orders bucket',
        keyState: kmsV1.KeyState.ENABLED,
        keyManager: kmsV1.KeyManager.CUSTOMER,
        enabled: true,
        currentKeyVersion: 1,
        keyUsage: 'ENCRYPT_DECRYPT',
        keySpec: 'SYMMETRIC_DEFAULT',
        deletionDate: undefined,
        tags: [
          { tagKey: 'team', tagValue: 'storage' },
          { tagKey: 'env', tagValue: '' },
        ],
      }),
    );
    expect(keyMetadata!.keyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(keyMetadata!.creationDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('accepts 50 tags and refuses 51', async () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ tagKey: `k${i}`, tagValue: `v${i}` }));
    const { keyMetadata } = await h.client.createKey({ principal: A, tags: tags(50) });
    expect(keyMetadata!.tags).toHaveLength(50);
    const error = await expectReason(h.client.createKey({ principal: A, tags: tags(51) }), ErrorReason.INVALID_ARGUMENT);
    expect(error.fieldViolations).toEqual([expect.objectContaining({ field: 'tags' })]);
  });

  it('refuses duplicate tag keys, an empty or over-long tag key, an over-long tag value, and NUL characters', async () => {
    const duplicate = await expectReason(
      h.client.createKey({ principal: A, tags: [{ tagKey: 'team', tagValue: 'a' }, { tagKey: 'team', tagValue: 'b' }] }),
      ErrorReason.INVALID_ARGUMENT,
    );
    expect(duplicate.fieldViolations).toEqual([expect.objectContaining({ field: 'tags[1].tag_key' })]);
    await expectReason(h.client.createKey({ principal: A, tags: [{ tagKey: '', tagValue: 'a' }] }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(h.client.createKey({ principal: A, tags: [{ tagKey: 'k'.repeat(129), tagValue: '' }] }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(h.client.createKey({ principal: A, tags: [{ tagKey: 'k', tagValue: 'v'.repeat(257) }] }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(h.client.createKey({ principal: A, tags: [{ tagKey: 'k\u0000', tagValue: '' }] }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(h.client.createKey({ principal: A, tags: [{ tagKey: 'k', tagValue: 'v\u0000' }] }), ErrorReason.INVALID_ARGUMENT);
  });

  it('accepts a description of 8192 characters and refuses 8193, or one with a NUL character', async () => {
    await expect(h.client.createKey({ principal: A, description: 'd'.repeat(8192) })).resolves.toBeDefined();
    const error = await expectReason(h.client.createKey({ principal: A, description: 'd'.repeat(8193) }), ErrorReason.INVALID_ARGUMENT);
    expect(error.fieldViolations).toEqual([expect.objectContaining({ field: 'description' })]);
    await expectReason(h.client.createKey({ principal: A, description: 'nul \u0000 inside' }), ErrorReason.INVALID_ARGUMENT);
  });
});

describe('DescribeKey', () => {
  it('finds a key by id, key ARN, alias name and alias ARN', async () => {
    const key = await createKey(h.client, ACCOUNT_A, 'described');
    const aliasName = `alias/describe-${key.keyId.slice(0, 8)}`;
    await h.client.createAlias({ principal: A, aliasName, targetKeyId: key.keyId });
    for (const keyId of [key.keyId, key.keyId.toUpperCase(), key.arn, aliasName, `arn:aws:kms:us-east-1:${ACCOUNT_A}:${aliasName}`]) {
      const { keyMetadata } = await h.client.describeKey({ principal: A, keyId });
      expect(keyMetadata).toEqual(key);
    }
  });

  it("answers KEY_NOT_FOUND for another account's key named by bare id, and ACCESS_DENIED by ARN without a grant", async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    await expectReason(h.client.describeKey({ principal: B, keyId: key.keyId }), ErrorReason.KEY_NOT_FOUND);
    const denied = await expectReason(h.client.describeKey({ principal: B, keyId: key.arn }), ErrorReason.ACCESS_DENIED);
    expect(denied.metadata).toEqual({ key_id: key.arn });
  });

  it('answers KEY_NOT_FOUND for an ARN of another region, an ARN naming the wrong account, unknown ids and malformed references', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const missing = [
      key.arn.replace('us-east-1', 'eu-west-1'),
      `arn:aws:kms:eu-west-1:${ACCOUNT_A}:alias/anything`,
      key.arn.replace(ACCOUNT_A, ACCOUNT_B),
      '00000000-0000-4000-8000-000000000000',
      'alias/does-not-exist',
      'not-a-key',
      '',
      `arn:aws:kms:us-east-1:${ACCOUNT_A}:key/not-a-uuid`,
    ];
    for (const keyId of missing) {
      await expectReason(h.client.describeKey({ principal: A, keyId }), ErrorReason.KEY_NOT_FOUND);
    }
  });
});

describe('ListKeys', () => {
  it("pages through an account's keys oldest first with limit, marker and truncated", async () => {
    const account = freshAccount();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createKey(h.client, account, `k${i}`)).keyId);

    const seen: string[] = [];
    let marker = '';
    const pages: boolean[] = [];
    do {
      const page = await h.client.listKeys({ principal: root(account), limit: 2, marker });
      expect(page.keys.length).toBeLessThanOrEqual(2);
      seen.push(...page.keys.map((key) => key.keyId));
      pages.push(page.truncated);
      expect(page.nextMarker === '').toBe(!page.truncated);
      marker = page.nextMarker;
    } while (marker !== '');
    expect(pages).toEqual([true, true, false]);
    expect([...seen].sort()).toEqual([...created].sort());

    const all = await h.client.listKeys({ principal: root(account) });
    expect(all.keys.map((key) => key.keyId)).toEqual(seen);
    const times = all.keys.map((key) => key.creationDate!.getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(all.truncated).toBe(false);
    const exact = await h.client.listKeys({ principal: root(account), limit: 5 });
    expect(exact).toEqual(expect.objectContaining({ truncated: false, nextMarker: '' }));
  });

  it("lists only the principal account's keys", async () => {
    const [first, second] = [freshAccount(), freshAccount()];
    const mine = await createKey(h.client, first);
    const theirs = await createKey(h.client, second);
    expect((await h.client.listKeys({ principal: root(first) })).keys.map((key) => key.keyId)).toEqual([mine.keyId]);
    expect((await h.client.listKeys({ principal: root(second) })).keys.map((key) => key.keyId)).toEqual([theirs.keyId]);
    expect((await h.client.listKeys({ principal: root(freshAccount()) })).keys).toEqual([]);
  });

  it('refuses a limit above 1000 and a marker it did not issue', async () => {
    await expectReason(h.client.listKeys({ principal: A, limit: 1001 }), ErrorReason.INVALID_ARGUMENT);
    const forged = (text: string) => Buffer.from(text).toString('base64url');
    const markers = [
      'bm90LWEtbWFya2Vy',
      '!!!',
      forged('2024-01-01T00:00:00.000Z'),
      forged(`2024-01-01T00:00:00.000Z|${'-'.repeat(36)}`),
      forged(`2024-01-01T00:00:00.000Z|${'0'.repeat(36)}`),
      forged('-100000-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000'),
      forged('not a time|00000000-0000-4000-8000-000000000000'),
    ];
    for (const marker of markers) {
      const error = await expectReason(h.client.listKeys({ principal: A, marker }), ErrorReason.INVALID_ARGUMENT);
      expect(error.fieldViolations).toEqual([expect.objectContaining({ field: 'marker' })]);
    }
  });
});

describe('EnableKey and DisableKey', () => {
  it('disables a key so that GenerateDataKey, Encrypt and Decrypt answer KEY_DISABLED, and enables it again', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const { ciphertextBlob } = await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('secret') });

    const disabled = await h.client.disableKey({ principal: A, keyId: key.keyId });
    expect(disabled.keyMetadata).toEqual(expect.objectContaining({ keyState: kmsV1.KeyState.DISABLED, enabled: false }));
    const error = await expectReason(
      h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: kmsV1.DataKeySpec.AES_256 }),
      ErrorReason.KEY_DISABLED,
    );
    expect(error.metadata).toEqual({ key_id: key.arn });
    await expectReason(h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('x') }), ErrorReason.KEY_DISABLED);
    await expectReason(h.client.decrypt({ principal: A, ciphertextBlob }), ErrorReason.KEY_DISABLED);
    await expectReason(
      h.client.generateDataKeyWithoutPlaintext({ principal: A, keyId: key.keyId, keySpec: kmsV1.DataKeySpec.AES_256 }),
      ErrorReason.KEY_DISABLED,
    );
    expect((await h.client.describeKey({ principal: A, keyId: key.keyId })).keyMetadata!.keyState).toBe(kmsV1.KeyState.DISABLED);

    const enabled = await h.client.enableKey({ principal: A, keyId: key.keyId });
    expect(enabled.keyMetadata).toEqual(expect.objectContaining({ keyState: kmsV1.KeyState.ENABLED, enabled: true }));
    const { plaintext } = await h.client.decrypt({ principal: A, ciphertextBlob });
    expect(plaintext.toString()).toBe('secret');
  });

  it('lets only the owner enable or disable', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    await expectReason(h.client.disableKey({ principal: B, keyId: key.arn }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.disableKey({ principal: B, keyId: key.keyId }), ErrorReason.KEY_NOT_FOUND);
    await expectReason(h.client.enableKey({ principal: B, keyId: key.arn }), ErrorReason.ACCESS_DENIED);
  });
});

describe('ScheduleKeyDeletion and CancelKeyDeletion', () => {
  it('accepts 7 to 30 days and refuses 6 and 31', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    for (const days of [1, 6, 31, 365]) {
      const error = await expectReason(
        h.client.scheduleKeyDeletion({ principal: A, keyId: key.keyId, pendingWindowInDays: days }),
        ErrorReason.INVALID_ARGUMENT,
      );
      expect(error.fieldViolations).toEqual([expect.objectContaining({ field: 'pending_window_in_days' })]);
    }
    for (const days of [7, 30]) {
      const other = await createKey(h.client, ACCOUNT_A);
      const scheduled = await h.client.scheduleKeyDeletion({ principal: A, keyId: other.keyId, pendingWindowInDays: days });
      expect(scheduled.pendingWindowInDays).toBe(days);
    }
  });

  it('defaults to 30 days, puts the key in PENDING_DELETION, and then refuses crypto and EnableKey with KEY_INVALID_STATE', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const { ciphertextBlob } = await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('x') });
    const before = Date.now();
    const scheduled = await h.client.scheduleKeyDeletion({ principal: A, keyId: key.keyId });
    expect(scheduled).toEqual(expect.objectContaining({ keyId: key.arn, keyState: kmsV1.KeyState.PENDING_DELETION, pendingWindowInDays: 30 }));
    const deletionMs = scheduled.deletionDate!.getTime() - before;
    expect(deletionMs).toBeGreaterThan(30 * DAY_MS - 60_000);
    expect(deletionMs).toBeLessThan(30 * DAY_MS + 60_000);

    const described = (await h.client.describeKey({ principal: A, keyId: key.keyId })).keyMetadata!;
    expect(described).toEqual(expect.objectContaining({ keyState: kmsV1.KeyState.PENDING_DELETION, enabled: false, deletionDate: scheduled.deletionDate }));

    await expectReason(h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: kmsV1.DataKeySpec.AES_256 }), ErrorReason.KEY_INVALID_STATE);
    await expectReason(h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('x') }), ErrorReason.KEY_INVALID_STATE);
    await expectReason(h.client.decrypt({ principal: A, ciphertextBlob }), ErrorReason.KEY_INVALID_STATE);
    await expectReason(h.client.enableKey({ principal: A, keyId: key.keyId }), ErrorReason.KEY_INVALID_STATE);
    await expectReason(h.client.disableKey({ principal: A, keyId: key.keyId }), ErrorReason.KEY_INVALID_STATE);
    await expectReason(h.client.scheduleKeyDeletion({ principal: A, keyId: key.keyId }), ErrorReason.KEY_INVALID_STATE);
  });

  it('cancels a deletion, leaving the key DISABLED until enabled', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    await h.client.scheduleKeyDeletion({ principal: A, keyId: key.keyId, pendingWindowInDays: 7 });
    const cancelled = await h.client.cancelKeyDeletion({ principal: A, keyId: key.keyId });
    expect(cancelled.keyId).toBe(key.arn);
    const described = (await h.client.describeKey({ principal: A, keyId: key.keyId })).keyMetadata!;
    expect(described).toEqual(expect.objectContaining({ keyState: kmsV1.KeyState.DISABLED, deletionDate: undefined }));
    await expectReason(h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('x') }), ErrorReason.KEY_DISABLED);
    await h.client.enableKey({ principal: A, keyId: key.keyId });
    await expect(h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('x') })).resolves.toBeDefined();
  });

  it('refuses to cancel a deletion that was never scheduled, and lets only the owner schedule', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    await expectReason(h.client.cancelKeyDeletion({ principal: A, keyId: key.keyId }), ErrorReason.KEY_INVALID_STATE);
    await expectReason(h.client.scheduleKeyDeletion({ principal: B, keyId: key.arn }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.cancelKeyDeletion({ principal: B, keyId: key.arn }), ErrorReason.ACCESS_DENIED);
  });
});
