import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { nonLoopbackAddress, testCertificate, type TestCertificate } from '@strongroom/testing';
import { ACCOUNT_A, root, startKmsHarness, type KmsClient, type KmsHarness } from './kms-harness';
import { createKey, expectReason } from './kms-expect';

const A = root(ACCOUNT_A);
const AES_256 = kmsV1.DataKeySpec.AES_256;
const TENANT_TOKEN = 'tenant-a-token-0123456789abcdef';
const GATEWAY_TOKEN = 'gateway-token-0123456789abcdef';
const CONTEXT = { purpose: 'orders' };
const SECRET = Buffer.from('order 1 card number');

/** A KMS listening on 0.0.0.0 (TLS with `tls`), with a tenant's and a gateway's credential, a key of account A and a ciphertext of {@link SECRET}. */
async function startKms(tls?: TestCertificate) {
  const h = await startKmsHarness({
    address: '0.0.0.0:0',
    ...(tls === undefined ? {} : { tls }),
    extraCredentials: [
      { name: 'tenant-a', token: TENANT_TOKEN, accounts: [ACCOUNT_A], serviceKeys: false },
      { name: 'gateway', token: GATEWAY_TOKEN, accounts: '*', serviceKeys: false },
    ],
  });
  const { keyId } = await createKey(h.client, ACCOUNT_A);
  const { ciphertextBlob } = await h.client.encrypt({ principal: A, keyId, plaintext: SECRET, encryptionContext: CONTEXT });
  return { h, keyId, ciphertextBlob };
}

/** Calls GenerateDataKey, Encrypt and Decrypt; what each answered, or the error it failed with. */
async function plaintextCalls(client: KmsClient, keyId: string, ciphertextBlob: Buffer): Promise<unknown[]> {
  return Promise.all([
    client.generateDataKey({ principal: A, keyId, keySpec: AES_256, encryptionContext: CONTEXT }).then((answer) => answer.plaintext.length),
    client.encrypt({ principal: A, keyId, plaintext: SECRET, encryptionContext: CONTEXT }).then((answer) => answer.keyId),
    client.decrypt({ principal: A, ciphertextBlob, encryptionContext: CONTEXT }).then((answer) => Buffer.from(answer.plaintext).toString()),
  ].map((call) => call.catch((error: unknown) => error)));
}

/** What {@link plaintextCalls} answers when served: a 32-byte data key, the key's ARN, the secret. */
const SERVED = [32, expect.stringMatching(/:key\//), SECRET.toString()];

/**
 * A KMS API port without TLS serves a tenant's credential plaintext keys
 * and data only from loopback; one with TLS, from anywhere. The KMS listens on 0.0.0.0 and
 * is called through an address of this machine beyond loopback, as from
 * another host (its peer is then that address, not loopback).
 */
describe('plaintext keys and data only over a connection that does not leave the machine', () => {
  const host = nonLoopbackAddress();
  let h: KmsHarness;
  let keyId: string;
  let ciphertextBlob: Buffer;

  beforeAll(async () => {
    ({ h, keyId, ciphertextBlob } = await startKms());
  });

  afterAll(async () => {
    await h.close();
  });

  it('serves them to a tenant credential from loopback', async () => {
    expect(await plaintextCalls(h.clientFor(TENANT_TOKEN), keyId, ciphertextBlob)).toEqual(SERVED);
  });

  it('refuses them, ACCESS_DENIED and audited, to a tenant credential from another address, which still gets what carries no plaintext', async () => {
    if (host === undefined) {
      console.warn('skipped the call from another address: this machine has no IPv4 address beyond loopback');
      return;
    }
    const remote = h.clientTo(host, TENANT_TOKEN);
    const refusals = [
      ['GenerateDataKey', () => remote.generateDataKey({ principal: A, keyId, keySpec: AES_256, encryptionContext: CONTEXT })],
      ['Encrypt', () => remote.encrypt({ principal: A, keyId, plaintext: SECRET, encryptionContext: CONTEXT })],
      ['Decrypt', () => remote.decrypt({ principal: A, ciphertextBlob, encryptionContext: CONTEXT })],
    ] as const;
    for (const [operation, call] of refusals) {
      const error = await expectReason(call(), ErrorReason.ACCESS_DENIED);
      expect(error.message).toContain(`${operation} carries plaintext or a plaintext data key, so it is served to credential "tenant-a" only over TLS or a connection that does not leave the machine (loopback); this KMS API port serves no TLS`);
      expect(error.message).not.toContain(SECRET.toString());
    }

    const withoutPlaintext = await remote.generateDataKeyWithoutPlaintext({ principal: A, keyId, keySpec: AES_256, encryptionContext: CONTEXT });
    const reEncrypted = await remote.reEncrypt({ principal: A, ciphertextBlob, sourceEncryptionContext: CONTEXT, destinationKeyId: keyId, destinationEncryptionContext: { purpose: 'archive' } });
    await expect(remote.describeKey({ principal: A, keyId })).resolves.toBeDefined();
    const { events } = await remote.listAuditEvents({ principal: A, limit: 6 });
    expect(events.map((event) => [event.operation, event.outcome])).toEqual([
      ['DescribeKey', 'OK'],
      ['ReEncrypt', 'OK'],
      ['GenerateDataKeyWithoutPlaintext', 'OK'],
      ['Decrypt', 'ACCESS_DENIED'],
      ['Encrypt', 'ACCESS_DENIED'],
      ['GenerateDataKey', 'ACCESS_DENIED'],
    ]);

    const decrypted = await h.client.decrypt({ principal: A, ciphertextBlob: reEncrypted.ciphertextBlob, encryptionContext: { purpose: 'archive' } });
    expect(Buffer.from(decrypted.plaintext).toString()).toBe(SECRET.toString());
    expect((await h.client.decrypt({ principal: A, ciphertextBlob: withoutPlaintext.ciphertextBlob, encryptionContext: CONTEXT })).plaintext).toHaveLength(32);
  });

  it('serves them from another address to a credential that may act for every account (Strongroom\'s own services)', async () => {
    if (host === undefined) {
      console.warn('skipped the call from another address: this machine has no IPv4 address beyond loopback');
      return;
    }
    expect(await plaintextCalls(h.clientTo(host, GATEWAY_TOKEN), keyId, ciphertextBlob)).toEqual(SERVED);
    expect(await plaintextCalls(h.clientTo(host, h.token), keyId, ciphertextBlob)).toEqual(SERVED);
  });
});

describe('plaintext keys and data over a TLS API port', () => {
  const host = nonLoopbackAddress();
  let h: KmsHarness;
  let keyId: string;
  let ciphertextBlob: Buffer;

  beforeAll(async () => {
    ({ h, keyId, ciphertextBlob } = await startKms(await testCertificate()));
  });

  afterAll(async () => {
    await h.close();
  });

  it('serves them to a tenant credential from another address, since the call did not cross the network in the clear', async () => {
    expect(await plaintextCalls(h.clientFor(TENANT_TOKEN), keyId, ciphertextBlob)).toEqual(SERVED);
    if (host === undefined) {
      console.warn('skipped the call from another address: this machine has no IPv4 address beyond loopback');
      return;
    }
    expect(await plaintextCalls(h.clientTo(host, TENANT_TOKEN), keyId, ciphertextBlob)).toEqual(SERVED);
    const { events } = await h.client.listAuditEvents({ principal: A, limit: 3 });
    expect(events.map((event) => event.outcome)).toEqual(['OK', 'OK', 'OK']);
  });
});
