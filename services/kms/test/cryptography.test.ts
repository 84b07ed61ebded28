import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { ACCOUNT_A, root, startKmsHarness, type KmsHarness } from './kms-harness';
import { createKey, expectReason } from './kms-expect';

let h: KmsHarness;

beforeAll(async () => {
  h = await startKmsHarness();
});

afterAll(async () => {
  await h.close();
});

const A = root(ACCOUNT_A);
const { AES_256, AES_128 } = kmsV1.DataKeySpec;

/** Offsets in a version-1 ciphertext blob (see src/ciphertext-blob.ts). */
const BLOB = { formatVersion: 0, keyId: 1, keyVersion: 17, nonce: 21, payload: 33, tagBytes: 16 } as const;

/** A copy of `blob` with byte `offset` flipped. */
function flipped(blob: Uint8Array, offset: number): Buffer {
  const copy = Buffer.from(blob);
  copy[offset] = copy[offset]! ^ 0x01;
  return copy;
}

/** A copy of `blob` whose header names key version `version`. */
function withKeyVersion(blob: Uint8Array, version: number): Buffer {
  const copy = Buffer.from(blob);
  copy.writeUInt32BE(version, BLOB.keyVersion);
  return copy;
}

describe('GenerateDataKey', () => {
  it('returns a 32-byte AES_256 data key, in plaintext and wrapped, that Decrypt gives back', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const context = { bucket: 'photos', key: 'cat.jpg' };
    const generated = await h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256, encryptionContext: context });
    expect(generated).toEqual(expect.objectContaining({ keyId: key.arn, keyVersion: 1 }));
    expect(generated.plaintext).toHaveLength(32);
    expect(generated.ciphertextBlob).toHaveLength(21 + 12 + 32 + 16);
    expect(generated.ciphertextBlob.includes(generated.plaintext)).toBe(false);

    const decrypted = await h.client.decrypt({ principal: A, ciphertextBlob: generated.ciphertextBlob, encryptionContext: context });
    expect(decrypted).toEqual({ keyId: key.arn, keyVersion: 1, plaintext: generated.plaintext });
  });

  it('returns 16 bytes for AES_128 and 1 to 1024 bytes for number_of_bytes', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const aes128 = await h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_128 });
    expect(aes128.plaintext).toHaveLength(16);
    for (const numberOfBytes of [1, 64, 1024]) {
      const generated = await h.client.generateDataKey({ principal: A, keyId: key.keyId, numberOfBytes });
      expect(generated.plaintext).toHaveLength(numberOfBytes);
      const { plaintext } = await h.client.decrypt({ principal: A, ciphertextBlob: generated.ciphertextBlob });
      expect(plaintext).toEqual(generated.plaintext);
    }
  });

  it('draws a fresh data key and nonce every time', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const first = await h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256 });
    const second = await h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256 });
    expect(first.plaintext).not.toEqual(second.plaintext);
    expect(first.ciphertextBlob.subarray(BLOB.nonce, BLOB.payload)).not.toEqual(second.ciphertextBlob.subarray(BLOB.nonce, BLOB.payload));
  });

  it('refuses both key_spec and number_of_bytes, neither, 0 or 1025 bytes, and an unknown key_spec', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const requests = [
      { keySpec: AES_256, numberOfBytes: 32 },
      {},
      { numberOfBytes: 1025 },
      { numberOfBytes: 100_000 },
      { keySpec: 7 as kmsV1.DataKeySpec },
    ];
    for (const request of requests) {
      await expectReason(h.client.generateDataKey({ principal: A, keyId: key.keyId, ...request }), ErrorReason.INVALID_ARGUMENT);
      await expectReason(h.client.generateDataKeyWithoutPlaintext({ principal: A, keyId: key.keyId, ...request }), ErrorReason.INVALID_ARGUMENT);
    }
  });

  it('refuses an encryption context with an empty key, a NUL character, or more than 8192 characters', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const { ciphertextBlob } = await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('x') });
    const contexts = [{ '': 'x' }, { a: 'b\u0000' }, { 'a\u0000': 'b' }, { big: 'x'.repeat(8190) }];
    for (const encryptionContext of contexts) {
      await expectReason(h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256, encryptionContext }), ErrorReason.INVALID_ARGUMENT);
      await expectReason(h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('x'), encryptionContext }), ErrorReason.INVALID_ARGUMENT);
      await expectReason(h.client.decrypt({ principal: A, ciphertextBlob, encryptionContext }), ErrorReason.INVALID_ARGUMENT);
      await expectReason(
        h.client.reEncrypt({ principal: A, ciphertextBlob, destinationKeyId: key.keyId, destinationEncryptionContext: encryptionContext }),
        ErrorReason.INVALID_ARGUMENT,
      );
      await expectReason(h.client.reEncrypt({ principal: A, ciphertextBlob, destinationKeyId: key.keyId, sourceEncryptionContext: encryptionContext }), ErrorReason.INVALID_ARGUMENT);
    }
    await expect(
      h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256, encryptionContext: { big: 'x'.repeat(8189) } }),
    ).resolves.toBeDefined();
  });

  it('answers KEY_NOT_FOUND for a key that does not exist', async () => {
    await expectReason(
      h.client.generateDataKey({ principal: A, keyId: '00000000-0000-4000-8000-000000000000', keySpec: AES_256 }),
      ErrorReason.KEY_NOT_FOUND,
    );
    await expectReason(h.client.generateDataKey({ principal: A, keyId: 'alias/nothing-here', keySpec: AES_256 }), ErrorReason.KEY_NOT_FOUND);
  });
});

describe('GenerateDataKeyWithoutPlaintext', () => {
  it('returns only the wrapped key, which Decrypt opens to a 32-byte key', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const context = { purpose: 'test' };
    const generated = await h.client.generateDataKeyWithoutPlaintext({ principal: A, keyId: key.arn, keySpec: AES_256, encryptionContext: context });
    expect(Object.keys(generated).sort()).toEqual(['ciphertextBlob', 'keyId', 'keyVersion']);
    expect(generated).toEqual(expect.objectContaining({ keyId: key.arn, keyVersion: 1 }));
    const { plaintext } = await h.client.decrypt({ principal: A, ciphertextBlob: generated.ciphertextBlob, encryptionContext: context });
    expect(plaintext).toHaveLength(32);
    expect(plaintext.equals(Buffer.alloc(32))).toBe(false);
  });
});

describe('Encrypt', () => {
  it('encrypts 1 to 4096 bytes and refuses 0 and 4097', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    for (const length of [1, 4096]) {
      const plaintext = Buffer.alloc(length, 0x5a);
      const encrypted = await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext, encryptionContext: { n: String(length) } });
      expect(encrypted).toEqual(expect.objectContaining({ keyId: key.arn, keyVersion: 1 }));
      expect(encrypted.ciphertextBlob).toHaveLength(21 + 12 + length + 16);
      const decrypted = await h.client.decrypt({ principal: A, ciphertextBlob: encrypted.ciphertextBlob, encryptionContext: { n: String(length) } });
      expect(decrypted.plaintext).toEqual(plaintext);
    }
    for (const length of [0, 4097]) {
      const error = await expectReason(h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.alloc(length) }), ErrorReason.INVALID_ARGUMENT);
      expect(error.fieldViolations).toEqual([expect.objectContaining({ field: 'plaintext' })]);
    }
  });
});

describe('Decrypt', () => {
  it("accepts an optional key_id naming the blob's key (id, ARN or alias), and answers INCORRECT_KEY for another key", async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const other = await createKey(h.client, ACCOUNT_A);
    const aliasName = `alias/decrypt-${key.keyId.slice(0, 8)}`;
    await h.client.createAlias({ principal: A, aliasName, targetKeyId: key.keyId });
    const { ciphertextBlob } = await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('hello') });
    for (const keyId of [key.keyId, key.arn, aliasName]) {
      const { plaintext } = await h.client.decrypt({ principal: A, ciphertextBlob, keyId });
      expect(plaintext.toString()).toBe('hello');
    }
    await expectReason(h.client.decrypt({ principal: A, ciphertextBlob, keyId: other.keyId }), ErrorReason.INCORRECT_KEY);
    await expectReason(h.client.decrypt({ principal: A, ciphertextBlob, keyId: other.arn }), ErrorReason.INCORRECT_KEY);
  });
});

describe('ReEncrypt', () => {
  it('moves a blob to another key and context without changing its plaintext', async () => {
    const source = await createKey(h.client, ACCOUNT_A);
    const destination = await createKey(h.client, ACCOUNT_A);
    const original = await h.client.generateDataKey({ principal: A, keyId: source.keyId, keySpec: AES_256, encryptionContext: { bucket: 'old' } });

    const moved = await h.client.reEncrypt({
      principal: A,
      ciphertextBlob: original.ciphertextBlob,
      sourceEncryptionContext: { bucket: 'old' },
      sourceKeyId: source.keyId,
      destinationKeyId: destination.arn,
      destinationEncryptionContext: { bucket: 'new' },
    });
    expect(moved).toEqual(expect.objectContaining({ sourceKeyId: source.arn, keyId: destination.arn, keyVersion: 1 }));
    expect(moved.ciphertextBlob.subarray(BLOB.keyId, BLOB.keyVersion).toString('hex')).toBe(destination.keyId.replace(/-/g, ''));

    const decrypted = await h.client.decrypt({ principal: A, ciphertextBlob: moved.ciphertextBlob, encryptionContext: { bucket: 'new' } });
    expect(decrypted).toEqual({ keyId: destination.arn, keyVersion: 1, plaintext: original.plaintext });
    await expectReason(h.client.decrypt({ principal: A, ciphertextBlob: moved.ciphertextBlob, encryptionContext: { bucket: 'old' } }), ErrorReason.INVALID_CIPHERTEXT);
    await expectReason(
      h.client.decrypt({ principal: A, ciphertextBlob: moved.ciphertextBlob, encryptionContext: { bucket: 'new' }, keyId: source.keyId }),
      ErrorReason.INCORRECT_KEY,
    );
  });

  it('refuses a wrong source context, a wrong source key id, and a disabled destination', async () => {
    const source = await createKey(h.client, ACCOUNT_A);
    const destination = await createKey(h.client, ACCOUNT_A);
    const { ciphertextBlob } = await h.client.encrypt({ principal: A, keyId: source.keyId, plaintext: Buffer.from('p'), encryptionContext: { a: '1' } });
    const request = { principal: A, ciphertextBlob, sourceEncryptionContext: { a: '1' }, destinationKeyId: destination.keyId };
    await expectReason(h.client.reEncrypt({ ...request, sourceEncryptionContext: { a: '2' } }), ErrorReason.INVALID_CIPHERTEXT);
    await expectReason(h.client.reEncrypt({ ...request, sourceKeyId: destination.keyId }), ErrorReason.INCORRECT_KEY);
    await h.client.disableKey({ principal: A, keyId: destination.keyId });
    await expectReason(h.client.reEncrypt(request), ErrorReason.KEY_DISABLED);
    await expectReason(h.client.reEncrypt({ ...request, destinationKeyId: 'alias/missing' }), ErrorReason.KEY_NOT_FOUND);
  });
});

describe('a ciphertext that does not open gets INVALID_CIPHERTEXT, whatever is wrong with it', () => {
  let blob: Buffer;
  const context = { bucket: 'photos', object: 'Cat.jpg' };

  beforeAll(async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    blob = (await h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256, encryptionContext: context })).ciphertextBlob;
    await expect(h.client.decrypt({ principal: A, ciphertextBlob: blob, encryptionContext: context })).resolves.toBeDefined();
  });

  const tampered: [string, (blob: Buffer) => Buffer][] = [
    ['a flipped format-version byte', (b) => flipped(b, BLOB.formatVersion)],
    ['a flipped key-id byte', (b) => flipped(b, BLOB.keyId + 15)],
    ['a flipped key-version byte', (b) => flipped(b, BLOB.keyVersion + 3)],
    ['a flipped nonce byte', (b) => flipped(b, BLOB.nonce + 4)],
    ['a flipped ciphertext byte', (b) => flipped(b, BLOB.payload + 7)],
    ['a flipped first tag byte', (b) => flipped(b, b.length - BLOB.tagBytes)],
    ['a flipped last tag byte', (b) => flipped(b, b.length - 1)],
    ['the last byte cut off', (b) => b.subarray(0, b.length - 1)],
    ['only the header and nonce', (b) => b.subarray(0, BLOB.payload)],
    ['only the header', (b) => b.subarray(0, BLOB.nonce)],
    ['one byte', (b) => b.subarray(0, 1)],
    ['no bytes at all', () => Buffer.alloc(0)],
    ['a byte appended', (b) => Buffer.concat([b, Buffer.from([0])])],
    ['key version 0', (b) => withKeyVersion(b, 0)],
    ['key version 2 (which does not exist)', (b) => withKeyVersion(b, 2)],
    ['key version 2^31', (b) => withKeyVersion(b, 0x8000_0000)],
    ['key version 2^32 - 1', (b) => withKeyVersion(b, 0xffff_ffff)],
    ['random bytes of the right length', (b) => Buffer.alloc(b.length, 0x01)],
  ];

  it.each(tampered)('%s', async (_name, tamper) => {
    await expectReason(h.client.decrypt({ principal: A, ciphertextBlob: tamper(blob), encryptionContext: context }), ErrorReason.INVALID_CIPHERTEXT);
  });

  const wrongContexts: [string, Record<string, string>][] = [
    ['no context', {}],
    ['a missing pair', { bucket: 'photos' }],
    ['an extra pair', { ...context, extra: '1' }],
    ['a changed value', { ...context, object: 'dog.jpg' }],
    ['a key whose case changed', { Bucket: 'photos', object: 'Cat.jpg' }],
    ['a value whose case changed', { bucket: 'photos', object: 'cat.jpg' }],
    ['the values swapped between keys', { bucket: 'Cat.jpg', object: 'photos' }],
  ];

  it.each(wrongContexts)('a wrong encryption context: %s', async (_name, wrong) => {
    await expectReason(h.client.decrypt({ principal: A, ciphertextBlob: blob, encryptionContext: wrong }), ErrorReason.INVALID_CIPHERTEXT);
  });

  it('the key-id field pointed at another key of the same account', async () => {
    const other = await createKey(h.client, ACCOUNT_A);
    const moved = Buffer.from(blob);
    Buffer.from(other.keyId.replace(/-/g, ''), 'hex').copy(moved, BLOB.keyId);
    await expectReason(h.client.decrypt({ principal: A, ciphertextBlob: moved, encryptionContext: context }), ErrorReason.INVALID_CIPHERTEXT);
  });

  it('the key-version field pointed at another existing version of the key', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const v1 = (await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('v1') })).ciphertextBlob;
    await h.client.rotateKeyOnDemand({ principal: A, keyId: key.keyId });
    const v2 = (await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('v2') })).ciphertextBlob;
    expect(v2.readUInt32BE(BLOB.keyVersion)).toBe(2);
    await expectReason(h.client.decrypt({ principal: A, ciphertextBlob: withKeyVersion(v1, 2) }), ErrorReason.INVALID_CIPHERTEXT);
    await expectReason(h.client.decrypt({ principal: A, ciphertextBlob: withKeyVersion(v2, 1) }), ErrorReason.INVALID_CIPHERTEXT);
    expect((await h.client.decrypt({ principal: A, ciphertextBlob: v1 })).plaintext.toString()).toBe('v1');
  });
});
