import { systemRandom } from '@strongroom/crypto';
import { Envelope } from '../src/envelope';
import { KeyCache } from '../src/key-cache';
import { Keyring } from '../src/keyring';
import { AuditFacts, type KmsCall } from '../src/kms-call';
import { RootKey } from '../src/root-key';
import { createKey } from './kms-expect';
import { ACCOUNT_A, startKmsHarness, type KmsHarness } from './kms-harness';

let h: KmsHarness;

beforeAll(async () => {
  h = await startKmsHarness();
});

afterAll(async () => {
  await h.close();
});

/** The harness's root key, which keeps every material it unwraps so that the test can see what the cache stored. */
class WatchedRootKey extends RootKey {
  readonly unwrapped: Uint8Array[] = [];

  override unwrapMaterial(keyId: string, version: number, wrapped: Uint8Array): Uint8Array {
    const material = super.unwrapMaterial(keyId, version, wrapped);
    this.unwrapped.push(material);
    return material;
  }
}

const wiped = (bytes: Uint8Array) => bytes.every((byte) => byte === 0);

/** The harness's material cache, which keeps every copy it hands out so that the test can see what its readers did with them. */
class WatchedKeyCache extends KeyCache {
  readonly handedOut: Uint8Array[] = [];

  override async material(keyId: string, version: number): Promise<Uint8Array> {
    const copy = await super.material(keyId, version);
    this.handedOut.push(copy);
    return copy;
  }
}

/** A material cache with room for one key version, over the harness's database and root key. */
function cacheOfOne() {
  const rootKey = new WatchedRootKey(h.rootKey);
  return { rootKey, cache: new KeyCache(h.database.pool, rootKey, 1) };
}

describe('KMS key material cache', () => {
  test('hands out copies and wipes the material it stored when newer material pushes it out', async () => {
    const [first, second] = [(await createKey(h.client, ACCOUNT_A)).keyId, (await createKey(h.client, ACCOUNT_A)).keyId];
    const { rootKey, cache } = cacheOfOne();
    const held = await cache.material(first, 1);
    const stored = rootKey.unwrapped[0]!;
    expect(held).not.toBe(stored);
    await cache.material(second, 1);
    expect(wiped(stored)).toBe(true);
    expect(wiped(held)).toBe(false);
    expect(await cache.material(first, 1)).toEqual(held);
  });

  test('wipes the material it stored when it is closed (the KMS stops)', async () => {
    const key = (await createKey(h.client, ACCOUNT_A)).keyId;
    const { rootKey, cache } = cacheOfOne();
    const held = await cache.material(key, 1);
    cache.close();
    expect(wiped(rootKey.unwrapped[0]!)).toBe(true);
    expect(wiped(held)).toBe(false);
  });

  test('the envelope wipes the copy it sealed or opened a blob with, once done', async () => {
    const keyId = (await createKey(h.client, ACCOUNT_A)).keyId;
    const cache = new WatchedKeyCache(h.database.pool, new RootKey(h.rootKey), 1);
    const keyring = new Keyring('us-east-1', cache, systemRandom, () => Promise.reject(new Error('no managed keys here')));
    const envelope = new Envelope(keyring, systemRandom);
    const call: KmsCall = {
      principal: { accountId: ACCOUNT_A, arn: `arn:aws:iam::${ACCOUNT_A}:root` },
      caller: { name: 'test', accounts: '*', serviceKeys: false },
      audit: new AuditFacts(),
    };
    const plaintext = Buffer.from('data key');
    const { blob } = await envelope.seal(call, await keyring.find(call, keyId, 'Encrypt'), plaintext, { purpose: 'test' });
    expect(Buffer.from((await envelope.open(call, blob, { purpose: 'test' }, 'Decrypt')).plaintext)).toEqual(plaintext);
    await expect(envelope.open(call, blob, { purpose: 'other' }, 'Decrypt')).rejects.toMatchObject({ message: expect.stringContaining('ciphertext is invalid') });
    expect(cache.handedOut).toHaveLength(3);
    expect(cache.handedOut.every(wiped)).toBe(true);
    cache.close();
  });

  test('a missing version is INVALID_CIPHERTEXT and stores nothing', async () => {
    const key = (await createKey(h.client, ACCOUNT_A)).keyId;
    const { rootKey, cache } = cacheOfOne();
    await expect(cache.material(key, 2)).rejects.toMatchObject({ message: expect.stringContaining('ciphertext is invalid') });
    expect(rootKey.unwrapped).toEqual([]);
  });
});

