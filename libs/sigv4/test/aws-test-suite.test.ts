import { createHash } from 'node:crypto';
import { isSigV4Error, SigV4Verifier, type SigV4Request } from '../src';
import { keysFrom } from './support/fixtures';
import { SUITE_ACCESS_KEY, SUITE_SECRET, SUITE_TIME, SUITE_VECTORS, type SuiteVector } from './support/test-suite-vectors';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function toRequest(vector: SuiteVector, signature = vector.signature): SigV4Request {
  return {
    method: vector.method,
    path: vector.path,
    query: vector.query,
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      ...vector.headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${SUITE_ACCESS_KEY}/20150830/us-east-1/service/aws4_request, SignedHeaders=${vector.signedHeaders}, Signature=${signature}`,
    },
    bodySha256: sha256(vector.body),
  };
}

function verifierFor(vector: SuiteVector): SigV4Verifier<unknown> {
  return new SigV4Verifier({
    region: 'us-east-1',
    service: 'service',
    getSigningKey: keysFrom({ [SUITE_ACCESS_KEY]: SUITE_SECRET }),
    now: () => SUITE_TIME,
    uriCanonicalization: vector.uri,
  });
}

async function canonicalOf(vector: SuiteVector): Promise<{ canonicalRequest?: string; stringToSign?: string }> {
  const error: unknown = await verifierFor(vector)
    .verify(toRequest(vector, '0'.repeat(64)))
    .catch((caught: unknown) => caught);
  if (!isSigV4Error(error, 'SignatureDoesNotMatch')) throw new Error('expected SignatureDoesNotMatch');
  return error;
}

const vector = (name: string): SuiteVector => {
  const found = SUITE_VECTORS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(name);
  return found;
};

describe('AWS SigV4 test suite', () => {
  it.each(SUITE_VECTORS.map((suiteVector) => [suiteVector.name, suiteVector] as const))('%s verifies', async (_name, suiteVector) => {
    await expect(verifierFor(suiteVector).verify(toRequest(suiteVector))).resolves.toMatchObject({ kind: 'signed', service: 'service' });
  });

  it.each(SUITE_VECTORS.map((suiteVector) => [suiteVector.name, suiteVector] as const))(
    '%s fails with one signature digit changed',
    async (_name, suiteVector) => {
      const last = suiteVector.signature.at(-1) === '0' ? '1' : '0';
      await expect(
        verifierFor(suiteVector).verify(toRequest(suiteVector, suiteVector.signature.slice(0, -1) + last)),
      ).rejects.toMatchObject({
        code: 'SignatureDoesNotMatch',
      });
    },
  );

  it('builds the published canonical request and string to sign of get-vanilla-query-order-key-case', async () => {
    const expected = [
      'GET',
      '/',
      'Param1=value1&Param2=value2',
      'host:example.amazonaws.com',
      'x-amz-date:20150830T123600Z',
      '',
      'host;x-amz-date',
      sha256(''),
    ].join('\n');
    const { canonicalRequest, stringToSign } = await canonicalOf(vector('get-vanilla-query-order-key-case'));
    expect(canonicalRequest).toBe(expected);
    expect(stringToSign).toBe(`AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n${sha256(expected)}`);
  });

  it('trims and collapses header values, and joins repeated headers with commas', async () => {
    expect((await canonicalOf(vector('get-header-value-trim'))).canonicalRequest).toContain('my-header1:value1\nmy-header2:"a b c"\n');
    expect((await canonicalOf(vector('get-header-value-order'))).canonicalRequest).toContain('my-header1:value4,value1,value3,value2\n');
  });

  it('encodes reserved query characters and sorts on the encoded names', async () => {
    expect((await canonicalOf(vector('post-vanilla-query-nonunreserved'))).canonicalRequest).toContain(
      '\n%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D&%40%23%24%25%5E=\n',
    );
  });

  it('normalizes the path for non-S3 services but not for S3', async () => {
    expect((await canonicalOf(vector('get-slashes'))).canonicalRequest?.split('\n')[1]).toBe('/example/');
    const asS3 = { ...vector('get-slashes'), uri: 's3' as const };
    expect((await canonicalOf(asS3)).canonicalRequest?.split('\n')[1]).toBe('//example//');
  });
});
