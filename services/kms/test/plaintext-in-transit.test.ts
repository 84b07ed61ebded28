import { kmsServiceDefinition, kmsV1 } from '@strongroom/contracts';
import { createServiceClient } from '@strongroom/grpc';
import type { Channel } from 'nice-grpc';
import { ACCOUNT_A, root, startKmsHarness, type KmsHarness } from './kms-harness';
import { createKey } from './kms-expect';

const A = root(ACCOUNT_A);
const zeroed = (bytes: Uint8Array) => bytes.every((byte) => byte === 0);

describe('plaintext in transit between the KMS and its clients (kmsServiceDefinition)', () => {
  let h: KmsHarness;
  let channel: Channel | undefined;
  const received: Uint8Array[] = [];
  const sent: Uint8Array[] = [];

  /** kmsServiceDefinition, recording the answers its client receives and the Encrypt requests it encodes. */
  function recording() {
    const { generateDataKey, decrypt, encrypt } = kmsServiceDefinition.methods;
    const receiving = <Method extends typeof generateDataKey | typeof decrypt>(method: Method): Method => ({
      ...method,
      responseType: {
        ...method.responseType,
        decode: (input: Uint8Array) => {
          received.push(input);
          return method.responseType.decode(input);
        },
      },
    });
    const encode = (request: kmsV1.EncryptRequest) => {
      const encoded = encrypt.requestType.encode(request).finish();
      sent.push(encoded);
      return { finish: () => encoded } as ReturnType<typeof encrypt.requestType.encode>;
    };
    const methods = { ...kmsServiceDefinition.methods, generateDataKey: receiving(generateDataKey), decrypt: receiving(decrypt), encrypt: { ...encrypt, requestType: { ...encrypt.requestType, encode } } };
    return { ...kmsServiceDefinition, methods };
  }

  beforeAll(async () => {
    h = await startKmsHarness();
  });
  afterAll(async () => {
    channel?.close();
    await h.close();
  });

  test('a client of the generated definition gets the same answers from a KMS that serves the wiping one', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const context = { purpose: 'transit' };
    const generated = await h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: kmsV1.DataKeySpec.AES_256, encryptionContext: context });
    expect(generated.plaintext).toHaveLength(32);
    const opened = await h.client.decrypt({ principal: A, ciphertextBlob: generated.ciphertextBlob, encryptionContext: context, keyId: '' });
    expect(opened.plaintext).toEqual(generated.plaintext);
    const encrypted = await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('hello'), encryptionContext: context });
    expect((await h.client.decrypt({ principal: A, ciphertextBlob: encrypted.ciphertextBlob, encryptionContext: context, keyId: '' })).plaintext).toEqual(Buffer.from('hello'));
  });

  test("a wiping client's received answers are wiped once decoded, and its Encrypt request once the call is over; the plaintext still gets through", async () => {
    const made = createServiceClient(recording(), { address: `127.0.0.1:${h.kms.port}`, token: h.token });
    channel = made.channel;
    const { client } = made;
    const key = await createKey(h.client, ACCOUNT_A);
    const context = { purpose: 'transit' };
    const generated = await client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: kmsV1.DataKeySpec.AES_256, encryptionContext: context });
    const opened = await client.decrypt({ principal: A, ciphertextBlob: generated.ciphertextBlob, encryptionContext: context, keyId: '' });
    expect(opened.plaintext).toEqual(generated.plaintext);
    expect(zeroed(generated.plaintext)).toBe(false);

    const plaintext = Buffer.from('a secret of the caller');
    const encrypted = await client.encrypt({ principal: A, keyId: key.keyId, plaintext, encryptionContext: context });
    expect(plaintext).toEqual(Buffer.from('a secret of the caller'));
    expect((await client.decrypt({ principal: A, ciphertextBlob: encrypted.ciphertextBlob, encryptionContext: context, keyId: '' })).plaintext).toEqual(plaintext);

    expect(received).toHaveLength(3);
    expect(received.every((message) => message.length > 32 && zeroed(message))).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.length).toBeGreaterThan(plaintext.length);
    expect(zeroed(sent[0]!)).toBe(true);
  });
});
