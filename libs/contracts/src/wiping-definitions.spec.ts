import * as kmsV1 from './gen/index.strongroom.kms.v1';
import * as policyV1 from './gen/index.strongroom.policy.v1';
import { wipeSentSecrets } from './secret-field';
import { kmsServiceDefinition, policyServiceDefinition } from './wiping-definitions';

const principal: policyV1.SigningPrincipal = { accountId: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', canonicalUserId: 'c'.repeat(64), userName: 'alice', userId: 'AIDA1' };
const secret = (length: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 7 + 1) & 0xff));
const zeroed = (bytes: Uint8Array) => bytes.every((byte) => byte === 0);
const nextJob = () => new Promise<void>((resolve) => setImmediate(resolve));
const keyArn = 'arn:aws:kms:us-east-1:123456789012:key/0b7b1c6e-7a51-4c38-9a4c-5a1d2e3f4a5b';

/** A message type as generated and as wiped, with a message holding `plaintext` bytes of secret. */
interface Case<Message> {
  readonly generated: { encode(message: Message): { finish(): Uint8Array }; decode(input: Uint8Array): Message };
  readonly wiping: { encode(message: Message): { finish(): Uint8Array }; decode(input: Uint8Array): Message };
  readonly secretOf: (message: Message) => Buffer;
  readonly make: (plaintext: Buffer) => Message;
}

const signingKeyAnswer: Case<policyV1.GetSigningKeyResponse> = {
  generated: policyV1.GetSigningKeyResponse,
  wiping: policyServiceDefinition.methods.getSigningKey.responseType,
  secretOf: (answer) => answer.signingKey,
  make: (signingKey) => ({ signingKey, principal }),
};
const dataKeyAnswer: Case<kmsV1.GenerateDataKeyResponse> = {
  generated: kmsV1.GenerateDataKeyResponse,
  wiping: kmsServiceDefinition.methods.generateDataKey.responseType,
  secretOf: (answer) => answer.plaintext,
  make: (plaintext) => ({ keyId: keyArn, keyVersion: 300, plaintext, ciphertextBlob: secret(180).reverse() }),
};
const decryptAnswer: Case<kmsV1.DecryptResponse> = {
  generated: kmsV1.DecryptResponse,
  wiping: kmsServiceDefinition.methods.decrypt.responseType,
  secretOf: (answer) => answer.plaintext,
  make: (plaintext) => ({ keyId: keyArn, keyVersion: 2, plaintext }),
};
const encryptRequest: Case<kmsV1.EncryptRequest> = {
  generated: kmsV1.EncryptRequest,
  wiping: kmsServiceDefinition.methods.encrypt.requestType,
  secretOf: (request) => request.plaintext,
  make: (plaintext) => ({ principal: { accountId: '123456789012', arn: '' }, keyId: 'alias/aws/s3', plaintext, encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/k', b: 'c' } }),
};

describe.each([
  ['GetSigningKeyResponse', signingKeyAnswer],
  ['GenerateDataKeyResponse', dataKeyAnswer],
  ['DecryptResponse', decryptAnswer],
  ['EncryptRequest', encryptRequest],
] as [string, Case<object>][])('%s in the wiping definitions', (_name, { generated, wiping, secretOf, make }) => {
  it.each([0, 1, 32, 200, 4096])('encodes a secret of %i bytes to the bytes the generated encoder writes, and decodes them back', (length) => {
    const expected = Buffer.from(generated.encode(make(secret(length))).finish());
    const encoded = Buffer.from(wiping.encode(make(secret(length))).finish());
    expect(encoded).toEqual(expected);
    expect(wiping.decode(Buffer.from(encoded))).toEqual(generated.decode(expected));
  });

  it('wipes a received message once decoded, and one it could not decode; the decoded secret is a copy of its own', () => {
    const received = Buffer.from(generated.encode(make(secret(32))).finish());
    const decoded = wiping.decode(received);
    expect(zeroed(received)).toBe(true);
    expect(secretOf(decoded)).toEqual(secret(32));
    const truncated = Buffer.from(generated.encode(make(secret(32))).finish()).subarray(0, 20);
    expect(() => wiping.decode(truncated)).toThrow();
    expect(zeroed(truncated)).toBe(true);
  });
});

describe.each([
  ['GetSigningKeyResponse', signingKeyAnswer],
  ['GenerateDataKeyResponse', dataKeyAnswer],
  ['DecryptResponse', decryptAnswer],
] as [string, Case<object>][])('%s, an answer', (_name, { generated, wiping, secretOf, make }) => {
  it("has its secret wiped once encoded and the encoded message once the job that asked for it is done; nice-grpc's Buffer.from is a view of it", async () => {
    const answer = make(secret(32));
    const encoded = wiping.encode(answer).finish();
    const copiedByGrpc = Buffer.from(Buffer.from(encoded));
    const viewedByNiceGrpc = Buffer.from(encoded);
    expect(zeroed(secretOf(answer))).toBe(true);
    expect(secretOf(generated.decode(copiedByGrpc))).toEqual(secret(32));
    await nextJob();
    expect(zeroed(encoded)).toBe(true);
    expect(zeroed(viewedByNiceGrpc)).toBe(true);
  });
});

describe('EncryptRequest, a request', () => {
  const { generated, wiping, make } = encryptRequest;

  it("keeps its plaintext (its caller's) and its encoded message, which a client may still send, until its call is over", async () => {
    const request = make(secret(32));
    const encoded = wiping.encode(request).finish();
    const again = wiping.encode(request).finish();
    const viewedByNiceGrpc = Buffer.from(encoded);
    await nextJob();
    expect(generated.decode(Buffer.from(viewedByNiceGrpc)).plaintext).toEqual(secret(32));
    wipeSentSecrets(request);
    expect(zeroed(encoded)).toBe(true);
    expect(zeroed(again)).toBe(true);
    expect(request.plaintext).toEqual(secret(32));
  });
});
