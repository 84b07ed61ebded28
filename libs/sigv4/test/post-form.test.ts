import { isSigV4Error, type PostFormSignature, type SigV4Error } from '../src';
import { DOCS_ACCESS_KEY, docsVerifier, isWiped } from './support/fixtures';

/**
 * AWS's "Example: Browser-Based Upload using HTTP POST (Using AWS Signature
 * Version 4)": the policy document (CRLF line ends, as published), signed
 * on 20151229 in us-east-1 with the documentation's example secret.
 */
const DOCS_POLICY = [
  '{ "expiration": "2015-12-30T12:00:00.000Z",',
  '  "conditions": [',
  '    {"bucket": "sigv4examplebucket"},',
  '    ["starts-with", "$key", "user/user1/"],',
  '    {"acl": "public-read"},',
  '    {"success_action_redirect": "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"},',
  '    ["starts-with", "$Content-Type", "image/"],',
  '    {"x-amz-meta-uuid": "14365123651274"},',
  '    {"x-amz-server-side-encryption": "AES256"},',
  '    ["starts-with", "$x-amz-meta-tag", ""],',
  '',
  '    {"x-amz-credential": "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"},',
  '    {"x-amz-algorithm": "AWS4-HMAC-SHA256"},',
  '    {"x-amz-date": "20151229T000000Z" }',
  '  ]',
  '}',
].join('\r\n');
const DOCS_SIGNATURE = '8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e';
const SIGNED_AT = Date.UTC(2015, 11, 29);

const form: PostFormSignature = {
  algorithm: 'AWS4-HMAC-SHA256',
  credential: `${DOCS_ACCESS_KEY}/20151229/us-east-1/s3/aws4_request`,
  amzDate: '20151229T000000Z',
  signature: DOCS_SIGNATURE,
  policy: Buffer.from(DOCS_POLICY).toString('base64'),
  securityToken: undefined,
};

async function failure(changes: Partial<PostFormSignature>): Promise<SigV4Error> {
  const error: unknown = await docsVerifier(SIGNED_AT).verifyPostForm({ ...form, ...changes }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSigV4Error(error)) throw new Error(`expected a SigV4Error, got ${String(error)}`);
  return error;
}

describe('POST form signatures', () => {
  it("verify AWS's documented example, with s3:authType POST and the signature's age", async () => {
    const signed = await docsVerifier(SIGNED_AT + 90_000).verifyPostForm(form);
    expect(signed).toMatchObject({ kind: 'signed', accessKeyId: DOCS_ACCESS_KEY, authType: 'POST', signatureVersion: 'AWS4-HMAC-SHA256', signatureAge: 90_000 });
    expect(signed.principal.arn).toContain(DOCS_ACCESS_KEY);
  });

  it("are not limited by clock skew but by a signing key's seven days, as presigned URLs are; within them the policy expiration decides", async () => {
    const day = 86_400_000;
    await expect(docsVerifier(SIGNED_AT + 7 * day).verifyPostForm(form)).resolves.toMatchObject({ kind: 'signed' });
    await expect(docsVerifier(SIGNED_AT + 7 * day + 1).verifyPostForm(form)).rejects.toMatchObject({ code: 'AccessDenied', message: 'Request has expired' });
    await expect(docsVerifier(SIGNED_AT - 15 * 60_000).verifyPostForm(form)).resolves.toMatchObject({ kind: 'signed' });
    await expect(docsVerifier(SIGNED_AT - 15 * 60_000 - 1).verifyPostForm(form)).rejects.toMatchObject({ code: 'AccessDenied', message: 'Request is not yet valid' });
  });

  it('fail with SignatureDoesNotMatch when the policy or the signature changed, without the policy as the string to sign', async () => {
    const tampered = Buffer.from(DOCS_POLICY.replace('user/user1/', 'user/')).toString('base64');
    const error = await failure({ policy: tampered });
    expect(error).toMatchObject({ code: 'SignatureDoesNotMatch', details: { AWSAccessKeyId: DOCS_ACCESS_KEY, SignatureProvided: DOCS_SIGNATURE } });
    expect(error.stringToSign).toBeUndefined();
    expect((await failure({ signature: DOCS_SIGNATURE.replace('8', '9') })).code).toBe('SignatureDoesNotMatch');
  });

  it('wipe the copy of the signing key once the signature is checked, matching or not', async () => {
    const handed: Buffer[] = [];
    await expect(docsVerifier(SIGNED_AT, handed).verifyPostForm(form)).resolves.toMatchObject({ kind: 'signed' });
    await expect(docsVerifier(SIGNED_AT, handed).verifyPostForm({ ...form, signature: DOCS_SIGNATURE.replace('8', '9') })).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
    expect(handed).toHaveLength(2);
    expect(handed.every(isWiped)).toBe(true);
  });

  it('never echo a policy holding an SSE-C key, even a corrupted one', async () => {
    const key = Buffer.alloc(32, 5).toString('base64');
    const withKey = DOCS_POLICY.replace('{"acl": "public-read"}', `{"x-amz-server-side-encryption-customer-key": "${key}"}`);
    const policy = Buffer.from(withKey).toString('base64');
    for (const sent of [policy, policy.slice(0, -8), policy.slice(0, 40) + policy.slice(41)]) {
      const error = await failure({ policy: sent });
      expect([error.code, error.stringToSign, error.canonicalRequest]).toEqual(['SignatureDoesNotMatch', undefined, undefined]);
      expect(Object.values(error.details).join(' ')).not.toContain(sent.slice(0, 32));
    }
  });

  it.each([
    [{ algorithm: 'AWS4-HMAC-SHA1' }, 'InvalidRequest', 'Please use AWS4-HMAC-SHA256'],
    [{ amzDate: '2015-12-29T00:00:00Z' }, 'InvalidArgument', 'ISO8601 Long Format'],
    [{ credential: `${DOCS_ACCESS_KEY}/20151229/us-east-1/s3` }, 'InvalidArgument', 'Credential is mal-formed'],
    [{ credential: `${DOCS_ACCESS_KEY}/20151230/us-east-1/s3/aws4_request` }, 'InvalidArgument', 'not the same as X-Amz-Date'],
    [{ credential: `${DOCS_ACCESS_KEY}/20151229/eu-west-1/s3/aws4_request` }, 'InvalidArgument', "the region 'eu-west-1' is wrong"],
    [{ credential: 'AKIAUNKNOWN/20151229/us-east-1/s3/aws4_request' }, 'InvalidAccessKeyId', 'does not exist'],
  ])('refuse %o with %s', async (changes, code, message) => {
    const error = await failure(changes);
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });
});
