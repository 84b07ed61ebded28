import { kmsV1 } from '@strongroom/contracts';
import { createLogger, Secret } from '@strongroom/observability';
import { createTestDatabase, testCredentials } from '@strongroom/testing';
import { randomBytes } from 'node:crypto';
import { rotateRootKey } from '../src/rotate-root-key';
import { startKmsService } from '../src/server';
import { RootKey, rootKeyId } from '../src/root-key';
import { root, startKmsHarness, type KmsHarness } from './kms-harness';
import { createKey, freshAccount } from './kms-expect';

let h: KmsHarness;

beforeAll(async () => {
  h = await startKmsHarness();
});

beforeEach(async () => {
  // Each test starts with no keys, all of them then under the harness's root key.
  await h.database.pool.query('DELETE FROM kms.keys');
});

afterAll(async () => {
  await h.close();
});

const AES_256 = kmsV1.DataKeySpec.AES_256;
const newSecret = () => new Secret(new Uint8Array(randomBytes(32)));

/** Each stored version's root key id and wrapped material (hex), by key and version. */
async function storedVersions(): Promise<Map<string, { rootKeyId: string; wrapped: string }>> {
  const { rows } = await h.database.pool.query<{ key_id: string; version: number; root_key_id: string; wrapped: string }>(
    `SELECT key_id, version, root_key_id, encode(wrapped_material, 'hex') AS wrapped FROM kms.key_versions`,
  );
  return new Map(rows.map((row) => [`${row.key_id}/${row.version}`, { rootKeyId: row.root_key_id, wrapped: row.wrapped }]));
}

describe('rotateRootKey', () => {
  it('re-wraps every key version so that a KMS with the new root key opens old blobs, and one with the old root key refuses to start', async () => {
    const account = freshAccount();
    const A = root(account);
    const oldRootKey = h.rootKey;
    const newRootKey = newSecret();
    const first = await createKey(h.client, account);
    const second = await createKey(h.client, account);
    const v1 = await h.client.generateDataKey({ principal: A, keyId: first.keyId, keySpec: AES_256, encryptionContext: { v: '1' } });
    await h.client.rotateKeyOnDemand({ principal: A, keyId: first.keyId });
    const v2 = await h.client.generateDataKey({ principal: A, keyId: first.keyId, keySpec: AES_256 });
    const other = await h.client.encrypt({ principal: A, keyId: second.keyId, plaintext: Buffer.from('second') });
    const managed = await h.client.generateDataKey({ principal: A, keyId: 'alias/aws/s3', keySpec: AES_256 });

    const before = await storedVersions();
    expect(before.size).toBe(4);
    const rewrapped = await rotateRootKey(h.database.pool, oldRootKey, newRootKey);
    expect(rewrapped).toBe(4);

    const after = await storedVersions();
    const newId = new RootKey(newRootKey).id;
    for (const [version, stored] of after) {
      expect(stored.rootKeyId).toBe(newId);
      expect(stored.wrapped).not.toBe(before.get(version)!.wrapped);
      expect(stored.wrapped).toHaveLength(2 * 60);
    }

    const rotated = await h.startReplica({ rootKey: newRootKey });
    try {
      const opened = await rotated.client.decrypt({ principal: A, ciphertextBlob: v1.ciphertextBlob, encryptionContext: { v: '1' } });
      expect(opened).toEqual(expect.objectContaining({ keyVersion: 1, plaintext: v1.plaintext }));
      expect((await rotated.client.decrypt({ principal: A, ciphertextBlob: v2.ciphertextBlob })).plaintext).toEqual(v2.plaintext);
      expect((await rotated.client.decrypt({ principal: A, ciphertextBlob: other.ciphertextBlob })).plaintext.toString()).toBe('second');
      expect((await rotated.client.decrypt({ principal: A, ciphertextBlob: managed.ciphertextBlob })).plaintext).toEqual(managed.plaintext);
      const fresh = await rotated.client.generateDataKey({ principal: A, keyId: first.keyId, keySpec: AES_256 });
      expect((await rotated.client.decrypt({ principal: A, ciphertextBlob: fresh.ciphertextBlob })).plaintext).toEqual(fresh.plaintext);
    } finally {
      await rotated.close();
    }

    const stale = h.startReplica({ rootKey: oldRootKey });
    await expect(stale).rejects.toThrow(
      `the configured root key (fingerprint ${new RootKey(oldRootKey).id}) is not the one this database's KMS keys are wrapped by (fingerprint ${newId})`,
    );
  });

  it('is harmless to run again: the second run re-wraps nothing', async () => {
    const account = freshAccount();
    const newRootKey = newSecret();
    const key = await createKey(h.client, account);
    await h.client.rotateKeyOnDemand({ principal: root(account), keyId: key.keyId });
    const { ciphertextBlob, plaintext } = await h.client.generateDataKey({ principal: root(account), keyId: key.keyId, keySpec: AES_256 });

    expect(await rotateRootKey(h.database.pool, h.rootKey, newRootKey)).toBe(2);
    const once = await storedVersions();
    expect(await rotateRootKey(h.database.pool, h.rootKey, newRootKey)).toBe(0);
    expect(await storedVersions()).toEqual(once);

    const rotated = await h.startReplica({ rootKey: newRootKey });
    try {
      expect((await rotated.client.decrypt({ principal: root(account), ciphertextBlob })).plaintext).toEqual(plaintext);
    } finally {
      await rotated.close();
    }
  });

  it('refuses, changing nothing, when a version is under neither the old nor the new root key', async () => {
    const account = freshAccount();
    await createKey(h.client, account);
    await createKey(h.client, account);
    const before = await storedVersions();
    await expect(rotateRootKey(h.database.pool, newSecret(), newSecret())).rejects.toThrow(/neither the old root key \(\w+\) nor the new one/);
    expect(await storedVersions()).toEqual(before);
  });

  it('wipes its copies of both root keys once done, whether it re-wrapped or refused', async () => {
    await createKey(h.client, freshAccount());
    const wipe = jest.spyOn(RootKey.prototype, 'wipe');
    try {
      const [oldKey, newKey] = [h.rootKey, newSecret()];
      const ids = [rootKeyId(oldKey), rootKeyId(newKey)];
      expect(await rotateRootKey(h.database.pool, oldKey, newKey)).toBe(1);
      expect(wipe.mock.contexts.map((rootKey) => (rootKey as RootKey).id).sort()).toEqual([...ids].sort());
      wipe.mockClear();
      await expect(rotateRootKey(h.database.pool, newSecret(), newSecret())).rejects.toThrow(/neither the old root key \(\w+\) nor the new one/);
      expect(wipe).toHaveBeenCalledTimes(2);
    } finally {
      wipe.mockRestore();
    }
  });

  it('a KMS on a database whose migration has not run yet starts (Kubernetes runs the Job beside it), with nothing to compare its root key with', async () => {
    const database = await createTestDatabase();
    try {
      const early = await startKmsService({
        pool: database.pool,
        databaseUrl: database.url,
        region: 'us-east-1',
        rootKey: newSecret(),
        credentials: testCredentials().registry,
        logger: createLogger({ name: 'kms-test', level: 'silent' }),
        address: '127.0.0.1:0',
        healthAddress: '127.0.0.1:0',
      });
      await early.shutdown();
    } finally {
      await database.drop();
    }
  });
});
