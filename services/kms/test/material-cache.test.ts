import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { systemRandom, type Random } from '@strongroom/crypto';
import { Envelope } from '../src/envelope';
import { decrypt, encrypt, generateDataKey } from '../src/handlers/cryptography';
import { createKmsDeps } from '../src/server';
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


describe('the cryptographic handlers wipe the plaintext they hold, on the error paths too', () => {
  const call = (): KmsCall => ({
    principal: { accountId: ACCOUNT_A, arn: `arn:aws:iam::${ACCOUNT_A}:root` },
    caller: { name: 'test', accounts: '*', serviceKeys: false },
    audit: new AuditFacts(),
  });
  const request = { keyId: '', encryptionContext: { purpose: 'test' } };

  test("Encrypt wipes the request's plaintext once sealed", async () => {
    const keyId = (await createKey(h.client, ACCOUNT_A)).keyId;
    const deps = createKmsDeps({ pool: h.database.pool, region: 'us-east-1', rootKey: h.rootKey });
    const plaintext = Buffer.from('a secret to seal');
    const { ciphertextBlob } = await encrypt(deps, { ...request, keyId, plaintext }, call());
    expect(wiped(plaintext)).toBe(true);
    const opened = await h.client.decrypt({ principal: call().principal, ciphertextBlob, encryptionContext: request.encryptionContext, keyId: '' });
    expect(opened.plaintext.toString()).toBe('a secret to seal');
    deps.cache.close();
  });

  test('Decrypt naming another key than the blob\'s wipes the plaintext it opened', async () => {
    const [keyId, otherKeyId] = [(await createKey(h.client, ACCOUNT_A)).keyId, (await createKey(h.client, ACCOUNT_A)).keyId];
    const deps = createKmsDeps({ pool: h.database.pool, region: 'us-east-1', rootKey: h.rootKey });
    const opened: Uint8Array[] = [];
    const recording = Object.create(deps.envelope) as Envelope;
    recording.open = async (...args) => {
      const result = await deps.envelope.open(...args);
      opened.push(result.plaintext);
      return result;
    };
    const { ciphertextBlob } = await h.client.encrypt({ principal: call().principal, keyId, plaintext: Buffer.from('a secret'), encryptionContext: request.encryptionContext });
    await expect(decrypt({ ...deps, envelope: recording }, { ciphertextBlob, encryptionContext: request.encryptionContext, keyId: otherKeyId }, call())).rejects.toMatchObject({
      reason: ErrorReason.INCORRECT_KEY,
    });
    expect(opened).toHaveLength(1);
    expect(wiped(opened[0]!)).toBe(true);
    deps.cache.close();
  });

  test('GenerateDataKey wipes the data key it made when sealing it fails', async () => {
    const keyId = (await createKey(h.client, ACCOUNT_A)).keyId;
    const made: Uint8Array[] = [];
    const random: Random = { bytes: (length) => (made.push(systemRandom.bytes(length)), made.at(-1)!) };
    const deps = createKmsDeps({ pool: h.database.pool, region: 'us-east-1', rootKey: h.rootKey, random });
    const failing = Object.create(deps.envelope) as Envelope;
    failing.seal = () => Promise.reject(new Error('the database went away'));
    await expect(
      generateDataKey({ ...deps, envelope: failing }, { ...request, keyId, keySpec: kmsV1.DataKeySpec.AES_256, numberOfBytes: 0 }, call()),
    ).rejects.toThrow('the database went away');
    expect(made).toHaveLength(1);
    expect(wiped(made[0]!)).toBe(true);
    deps.cache.close();
  });
});
