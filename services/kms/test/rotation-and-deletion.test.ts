import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { FakeClock } from './fake-clock';
import { ACCOUNT_A, ACCOUNT_B, root, startKmsHarness, type KmsHarness } from './kms-harness';
import { createKey, expectReason, freshAccount } from './kms-expect';

const clock = new FakeClock();
let h: KmsHarness;

beforeAll(async () => {
  h = await startKmsHarness({ clock: clock.now });
});

afterAll(async () => {
  await h.close();
});

const DAY_MS = 86_400_000;
const A = root(ACCOUNT_A);
const AES_256 = kmsV1.DataKeySpec.AES_256;

/** Milliseconds from the fake now to `date`, in days. */
const daysUntil = (date: Date | undefined) => (date!.getTime() - clock.now().getTime()) / DAY_MS;

describe('rotation settings', () => {
  it('starts with rotation off, and EnableKeyRotation / DisableKeyRotation switch it', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    expect((await h.client.getKeyRotationStatus({ principal: A, keyId: key.keyId })).rotationStatus).toEqual({
      keyId: key.arn,
      keyRotationEnabled: false,
      rotationPeriodInDays: 365,
      nextRotationDate: undefined,
    });

    const enabled = (await h.client.enableKeyRotation({ principal: A, keyId: key.keyId, rotationPeriodInDays: 180 })).rotationStatus!;
    expect(enabled).toEqual(expect.objectContaining({ keyId: key.arn, keyRotationEnabled: true, rotationPeriodInDays: 180 }));
    expect(daysUntil(enabled.nextRotationDate)).toBeCloseTo(180, 2);
    expect((await h.client.getKeyRotationStatus({ principal: A, keyId: key.arn })).rotationStatus).toEqual(enabled);

    const disabled = (await h.client.disableKeyRotation({ principal: A, keyId: key.keyId })).rotationStatus!;
    expect(disabled).toEqual({ keyId: key.arn, keyRotationEnabled: false, rotationPeriodInDays: 180, nextRotationDate: undefined });
  });

  it('accepts 90 to 2560 days (0 meaning 365) and refuses 89 and 2561', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    for (const days of [1, 89, 2561, 10_000]) {
      const error = await expectReason(h.client.enableKeyRotation({ principal: A, keyId: key.keyId, rotationPeriodInDays: days }), ErrorReason.INVALID_ARGUMENT);
      expect(error.fieldViolations).toEqual([expect.objectContaining({ field: 'rotation_period_in_days' })]);
    }
    for (const [days, expected] of [[90, 90], [2560, 2560], [0, 365]] as const) {
      const status = (await h.client.enableKeyRotation({ principal: A, keyId: key.keyId, rotationPeriodInDays: days })).rotationStatus!;
      expect(status.rotationPeriodInDays).toBe(expected);
    }
  });

  it('lets only the owner change rotation; a grantee with DESCRIBE_KEY may read it', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const B = root(ACCOUNT_B);
    await expectReason(h.client.enableKeyRotation({ principal: B, keyId: key.arn }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.rotateKeyOnDemand({ principal: B, keyId: key.arn }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.getKeyRotationStatus({ principal: B, keyId: key.arn }), ErrorReason.ACCESS_DENIED);
    await h.client.createGrant({ principal: A, keyId: key.keyId, granteePrincipal: ACCOUNT_B, operations: [kmsV1.GrantOperation.DESCRIBE_KEY] });
    expect((await h.client.getKeyRotationStatus({ principal: B, keyId: key.arn })).rotationStatus!.keyRotationEnabled).toBe(false);
    expect((await h.client.listKeyRotations({ principal: B, keyId: key.arn })).rotations).toEqual([]);
  });
});

describe('RotateKeyOnDemand', () => {
  it('creates version 2: new blobs use it, blobs made before still decrypt with version 1', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const context = { object: 'before' };
    const before = await h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256, encryptionContext: context });
    expect(before.keyVersion).toBe(1);
    expect((await h.client.listKeyRotations({ principal: A, keyId: key.keyId })).rotations).toEqual([]);

    expect(await h.client.rotateKeyOnDemand({ principal: A, keyId: key.keyId })).toEqual({ keyId: key.arn, keyVersion: 2 });
    expect((await h.client.describeKey({ principal: A, keyId: key.keyId })).keyMetadata!.currentKeyVersion).toBe(2);
    const { rotations } = await h.client.listKeyRotations({ principal: A, keyId: key.keyId });
    expect(rotations).toEqual([{ keyId: key.arn, keyVersion: 2, rotationDate: expect.any(Date) as Date, rotationType: 'ON_DEMAND' }]);

    const old = await h.client.decrypt({ principal: A, ciphertextBlob: before.ciphertextBlob, encryptionContext: context });
    expect(old).toEqual({ keyId: key.arn, keyVersion: 1, plaintext: before.plaintext });
    const after = await h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256 });
    expect(after.keyVersion).toBe(2);
    expect(after.ciphertextBlob.readUInt32BE(17)).toBe(2);
    expect((await h.client.decrypt({ principal: A, ciphertextBlob: after.ciphertextBlob })).keyVersion).toBe(2);

    await h.client.rotateKeyOnDemand({ principal: A, keyId: key.keyId });
    const versions = (await h.client.listKeyRotations({ principal: A, keyId: key.keyId })).rotations.map((rotation) => rotation.keyVersion);
    expect(versions).toEqual([2, 3]);
    expect((await h.client.decrypt({ principal: A, ciphertextBlob: before.ciphertextBlob, encryptionContext: context })).plaintext).toEqual(before.plaintext);
  });
});

describe('rotation of keys that are not enabled', () => {
  it('refuses RotateKeyOnDemand and EnableKeyRotation on a disabled key (KEY_DISABLED) and a key pending deletion (KEY_INVALID_STATE)', async () => {
    const disabled = await createKey(h.client, ACCOUNT_A);
    await h.client.disableKey({ principal: A, keyId: disabled.keyId });
    await expectReason(h.client.rotateKeyOnDemand({ principal: A, keyId: disabled.keyId }), ErrorReason.KEY_DISABLED);
    await expectReason(h.client.enableKeyRotation({ principal: A, keyId: disabled.keyId }), ErrorReason.KEY_DISABLED);
    const pending = await createKey(h.client, ACCOUNT_A);
    await h.client.scheduleKeyDeletion({ principal: A, keyId: pending.keyId, pendingWindowInDays: 7 });
    await expectReason(h.client.rotateKeyOnDemand({ principal: A, keyId: pending.keyId }), ErrorReason.KEY_INVALID_STATE);
    await expectReason(h.client.enableKeyRotation({ principal: A, keyId: pending.keyId }), ErrorReason.KEY_INVALID_STATE);
    expect((await h.client.describeKey({ principal: A, keyId: disabled.keyId })).keyMetadata!.currentKeyVersion).toBe(1);
    expect((await h.client.disableKeyRotation({ principal: A, keyId: disabled.keyId })).rotationStatus!.keyRotationEnabled).toBe(false);
  });
});

describe('automatic rotation (maintenance)', () => {
  it('rotates a key once its next rotation date has passed, as AUTOMATIC, and schedules the next one', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const old = await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('old') });
    await h.client.enableKeyRotation({ principal: A, keyId: key.keyId, rotationPeriodInDays: 90 });

    clock.advanceDays(89);
    await h.kms.maintain();
    expect((await h.client.describeKey({ principal: A, keyId: key.keyId })).keyMetadata!.currentKeyVersion).toBe(1);

    clock.advanceDays(2);
    expect((await h.kms.maintain()).rotated).toBeGreaterThanOrEqual(1);
    expect((await h.client.describeKey({ principal: A, keyId: key.keyId })).keyMetadata!.currentKeyVersion).toBe(2);
    const { rotations } = await h.client.listKeyRotations({ principal: A, keyId: key.keyId });
    expect(rotations).toEqual([expect.objectContaining({ keyVersion: 2, rotationType: 'AUTOMATIC' })]);
    const status = (await h.client.getKeyRotationStatus({ principal: A, keyId: key.keyId })).rotationStatus!;
    expect(daysUntil(status.nextRotationDate)).toBeCloseTo(90, 2);

    expect((await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('new') })).keyVersion).toBe(2);
    expect((await h.client.decrypt({ principal: A, ciphertextBlob: old.ciphertextBlob })).plaintext.toString()).toBe('old');

    await h.kms.maintain();
    expect((await h.client.describeKey({ principal: A, keyId: key.keyId })).keyMetadata!.currentKeyVersion).toBe(2);
    clock.advanceDays(91);
    await h.kms.maintain();
    const again = await h.client.listKeyRotations({ principal: A, keyId: key.keyId });
    expect(again.rotations.map((rotation) => [rotation.keyVersion, rotation.rotationType])).toEqual([
      [2, 'AUTOMATIC'],
      [3, 'AUTOMATIC'],
    ]);
  });

  it('leaves keys without rotation, and disabled keys, alone', async () => {
    const plain = await createKey(h.client, ACCOUNT_A);
    const disabled = await createKey(h.client, ACCOUNT_A);
    await h.client.enableKeyRotation({ principal: A, keyId: disabled.keyId, rotationPeriodInDays: 90 });
    await h.client.disableKey({ principal: A, keyId: disabled.keyId });
    clock.advanceDays(100);
    await h.kms.maintain();
    expect((await h.client.describeKey({ principal: A, keyId: plain.keyId })).keyMetadata!.currentKeyVersion).toBe(1);
    expect((await h.client.describeKey({ principal: A, keyId: disabled.keyId })).keyMetadata!.currentKeyVersion).toBe(1);
  });

  it('rotates alias/aws/s3 keys yearly', async () => {
    const principal = root(freshAccount());
    const generated = await h.client.generateDataKey({ principal, keyId: 'alias/aws/s3', keySpec: AES_256 });
    clock.advanceDays(366);
    await h.kms.maintain();
    const key = (await h.client.describeKey({ principal, keyId: 'alias/aws/s3' })).keyMetadata!;
    expect(key.currentKeyVersion).toBe(2);
    expect((await h.client.listKeyRotations({ principal, keyId: key.keyId })).rotations).toEqual([expect.objectContaining({ rotationType: 'AUTOMATIC' })]);
    expect((await h.client.decrypt({ principal, ciphertextBlob: generated.ciphertextBlob })).plaintext).toEqual(generated.plaintext);
  });
});

describe('deletion (maintenance)', () => {
  it('deletes a key when its window has passed: it is gone and its blobs no longer open', async () => {
    const account = freshAccount();
    const principal = root(account);
    const key = await createKey(h.client, account);
    const kept = await createKey(h.client, account);
    await h.client.createAlias({ principal, aliasName: 'alias/doomed', targetKeyId: key.keyId });
    await h.client.createGrant({ principal, keyId: key.keyId, granteePrincipal: ACCOUNT_B, operations: [kmsV1.GrantOperation.DECRYPT] });
    const blob = (await h.client.generateDataKey({ principal, keyId: key.keyId, keySpec: AES_256 })).ciphertextBlob;
    await h.client.rotateKeyOnDemand({ principal, keyId: key.keyId });
    const blobV2 = (await h.client.generateDataKey({ principal, keyId: key.keyId, keySpec: AES_256 })).ciphertextBlob;
    const scheduled = await h.client.scheduleKeyDeletion({ principal, keyId: key.keyId, pendingWindowInDays: 7 });
    expect(daysUntil(scheduled.deletionDate)).toBeCloseTo(7, 2);

    clock.advanceDays(6.9);
    await h.kms.maintain();
    expect((await h.client.describeKey({ principal, keyId: key.keyId })).keyMetadata!.keyState).toBe(kmsV1.KeyState.PENDING_DELETION);

    clock.advanceDays(0.2);
    expect((await h.kms.maintain()).deleted).toBeGreaterThanOrEqual(1);
    await expectReason(h.client.describeKey({ principal, keyId: key.keyId }), ErrorReason.KEY_NOT_FOUND);
    await expectReason(h.client.describeKey({ principal, keyId: key.arn }), ErrorReason.KEY_NOT_FOUND);
    await expectReason(h.client.describeKey({ principal, keyId: 'alias/doomed' }), ErrorReason.KEY_NOT_FOUND);
    await expectReason(h.client.cancelKeyDeletion({ principal, keyId: key.keyId }), ErrorReason.KEY_NOT_FOUND);
    await expectReason(h.client.decrypt({ principal, ciphertextBlob: blob }), ErrorReason.INVALID_CIPHERTEXT);
    await expectReason(h.client.decrypt({ principal, ciphertextBlob: blobV2 }), ErrorReason.INVALID_CIPHERTEXT);
    await expectReason(h.client.decrypt({ principal: root(ACCOUNT_B), ciphertextBlob: blob }), ErrorReason.INVALID_CIPHERTEXT);
    expect((await h.client.listKeys({ principal })).keys.map((listed) => listed.keyId)).toEqual([kept.keyId]);
    expect((await h.client.listAliases({ principal })).aliases).toEqual([]);

    const rows = await h.database.pool.query('SELECT count(*)::int AS n FROM kms.key_versions WHERE key_id = $1', [key.keyId]);
    expect(rows.rows[0]).toEqual({ n: 0 });
  });

  it('does not delete a key whose deletion was cancelled', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    await h.client.scheduleKeyDeletion({ principal: A, keyId: key.keyId, pendingWindowInDays: 7 });
    await h.client.cancelKeyDeletion({ principal: A, keyId: key.keyId });
    clock.advanceDays(31);
    await h.kms.maintain();
    expect((await h.client.describeKey({ principal: A, keyId: key.keyId })).keyMetadata!.keyState).toBe(kmsV1.KeyState.DISABLED);
  });
});

describe('a KMS that stops', () => {
  it('wipes its copy of the root key: a maintenance pass after shutdown wraps nothing, and other KMSs with the same key go on', async () => {
    const replica = await h.startReplica();
    const key = await createKey(replica.client, ACCOUNT_A);
    await replica.client.enableKeyRotation({ principal: A, keyId: key.keyId, rotationPeriodInDays: 90 });
    await replica.close();
    clock.advanceDays(91);

    await expect(replica.kms.maintain()).rejects.toThrow('the root key was wiped');
    const { plaintext } = await h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256, encryptionContext: {} });
    expect(plaintext).toHaveLength(32);
  });

  it('waits for a maintenance pass already running before it wipes the root key: the pass completes its rotations', async () => {
    const replica = await h.startReplica();
    const key = await createKey(replica.client, ACCOUNT_A);
    await replica.client.enableKeyRotation({ principal: A, keyId: key.keyId, rotationPeriodInDays: 90 });
    clock.advanceDays(91);

    const blocker = await h.database.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE kms.keys IN EXCLUSIVE MODE');
      const pass = replica.kms.maintain();
      const stopped = replica.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await blocker.query('COMMIT');
      await stopped;
      expect((await pass).rotated).toBeGreaterThanOrEqual(1);
    } finally {
      blocker.release();
    }
    expect((await h.client.describeKey({ principal: A, keyId: key.keyId })).keyMetadata!.currentKeyVersion).toBe(2);
  });
});
