import * as policyV1 from './gen/index.strongroom.policy.v1';
import { policyServiceDefinition } from './signing-key-answer';

const generated = policyV1.GetSigningKeyResponse;
const wiping = policyServiceDefinition.methods.getSigningKey.responseType;
const principal: policyV1.SigningPrincipal = { accountId: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', canonicalUserId: 'c'.repeat(64), userName: 'alice', userId: 'AIDA1' };
const key = (length: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 7 + 1) & 0xff));
const zeroed = (bytes: Uint8Array) => bytes.every((byte) => byte === 0);
const nextJob = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GetSigningKeyResponse in policyServiceDefinition', () => {
  it.each([
    ['a 32-byte key and a principal', { signingKey: key(32), principal }],
    ['a key of 200 bytes (a two-byte length)', { signingKey: key(200), principal }],
    ['no principal', { signingKey: key(32), principal: undefined }],
    ['no key', { signingKey: Buffer.alloc(0), principal }],
  ])('encodes %s to the bytes the generated encoder writes, and decodes them back', (_name, answer) => {
    const expected = Buffer.from(generated.encode({ ...answer, signingKey: Buffer.from(answer.signingKey) }).finish());
    const encoded = Buffer.from(wiping.encode({ ...answer, signingKey: Buffer.from(answer.signingKey) }).finish());
    expect(encoded).toEqual(expected);
    expect(wiping.decode(Buffer.from(encoded))).toEqual(generated.decode(expected));
  });

  it("wipes the answer's key once encoded and the encoded message once the job that asked for it is done; nice-grpc's Buffer.from is a view of it", async () => {
    const answer = { signingKey: key(32), principal };
    const encoded = wiping.encode(answer).finish();
    const copiedByGrpc = Buffer.from(Buffer.from(encoded));
    const viewedByNiceGrpc = Buffer.from(encoded);
    expect(zeroed(answer.signingKey)).toBe(true);
    expect(generated.decode(copiedByGrpc).signingKey).toEqual(key(32));
    await nextJob();
    expect(zeroed(encoded)).toBe(true);
    expect(zeroed(viewedByNiceGrpc)).toBe(true);
  });

  it('wipes a received message once decoded; the decoded key is a copy of its own', () => {
    const received = Buffer.from(generated.encode({ signingKey: key(32), principal }).finish());
    const decoded = wiping.decode(received);
    expect(zeroed(received)).toBe(true);
    expect(decoded.signingKey).toEqual(key(32));
    expect(decoded.principal).toEqual(principal);
  });
});
