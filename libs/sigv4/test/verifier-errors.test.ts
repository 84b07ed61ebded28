import { createHash } from 'node:crypto';
import { SigV4Verifier, type SigV4Request } from '../src';
import {
  DOCS_ACCESS_KEY,
  DOCS_SECRET,
  DOCS_TIME,
  docsAuthorization,
  docsVerifier,
  isWiped,
  keysFrom,
  verifyFailure,
  withHeaders,
} from './support/fixtures';
import { decodeAll } from './support/streams';

const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** AWS's "GET Object" example: it verifies at DOCS_TIME. */
const getObject: SigV4Request = {
  method: 'GET',
  path: '/test.txt',
  query: '',
  headers: {
    host: 'examplebucket.s3.amazonaws.com',
    range: 'bytes=0-9',
    'x-amz-content-sha256': EMPTY,
    'x-amz-date': '20130524T000000Z',
    authorization: docsAuthorization(
      'host;range;x-amz-content-sha256;x-amz-date',
      'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    ),
  },
};
const verifier = docsVerifier();

const authorization = (value: string) => withHeaders(getObject, { authorization: value });

describe('requests without SigV4 credentials', () => {
  it('are anonymous, with a pass-through body', async () => {
    const result = await verifier.verify({ method: 'GET', path: '/public/cat.jpg', query: 'versionId=1', headers: { host: 'h' } });
    expect(result).toMatchObject({ kind: 'anonymous', payload: { kind: 'unsigned' } });
    expect((await decodeAll(result.decodeBody(), Buffer.from('anything'))).toString()).toBe('anything');
  });

  it('still have a declared body hash checked, and may use unsigned aws-chunked, but not signed chunks', async () => {
    const hashed = await verifier.verify({ method: 'PUT', path: '/b/k', query: '', headers: { host: 'h', 'x-amz-content-sha256': EMPTY } });
    await expect(decodeAll(hashed.decodeBody(), Buffer.from('x'))).rejects.toMatchObject({ code: 'XAmzContentSHA256Mismatch' });
    const chunked = await verifier.verify({
      method: 'PUT',
      path: '/b/k',
      query: '',
      headers: {
        host: 'h',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-decoded-content-length': '0',
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
    });
    expect(chunked.payload).toMatchObject({ kind: 'aws-chunked', signed: false });
    const signedChunks = { host: 'h', 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': '0' };
    expect((await verifyFailure({ method: 'PUT', path: '/b/k', query: '', headers: signedChunks })).code).toBe('InvalidArgument');
  });

  it('signed with SigV2 (header or query) or SigV4a are InvalidRequest "Please use AWS4-HMAC-SHA256."', async () => {
    for (const request of [
      authorization('AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg='),
      authorization('AWS4-ECDSA-P256-SHA256 Credential=x'),
      { method: 'GET', path: '/k', query: 'AWSAccessKeyId=AKIA&Expires=1700000000&Signature=abc%3D', headers: { host: 'h' } },
    ]) {
      const error = await verifyFailure(request);
      expect([error.code, error.httpStatus]).toEqual(['InvalidRequest', 400]);
      expect(error.message).toMatch(/Please use AWS4-HMAC-SHA256\.$/);
    }
  });

  it('with two mechanisms, or an unknown scheme, are InvalidArgument', async () => {
    expect((await verifyFailure({ ...getObject, query: 'X-Amz-Algorithm=AWS4-HMAC-SHA256' })).message).toMatch(
      /^Only one auth mechanism allowed/,
    );
    expect((await verifyFailure(authorization('Bearer token'))).code).toBe('InvalidArgument');
  });

  it('name the Authorization scheme, never the credential a header of another scheme carries', async () => {
    const basic = 'Basic dXNlcjpzZWNyZXQ=';
    for (const request of [{ ...authorization(basic), query: 'X-Amz-Algorithm=AWS4-HMAC-SHA256' }, authorization(basic)]) {
      expect((await verifyFailure(request)).details).toEqual({ ArgumentName: 'Authorization', ArgumentValue: 'Basic' });
    }
    const named: [string, string][] = [
      ['Basic\tdXNlcjpzZWNyZXQ=', 'Basic'],
      ['dXNlcjpzZWNyZXQ=', ''],
      ['=secret', ''],
    ];
    for (const [header, scheme] of named) {
      expect((await verifyFailure(authorization(header))).details).toEqual({ ArgumentName: 'Authorization', ArgumentValue: scheme });
    }
  });
});

describe('the Authorization header form', () => {
  it('reports the canonical request and string to sign of a mismatch, as S3 does', async () => {
    const error = await verifyFailure(withHeaders(getObject, { range: 'bytes=0-10' }));
    expect(error.code).toBe('SignatureDoesNotMatch');
    expect(error.httpStatus).toBe(403);
    const published = [
      'GET',
      '/test.txt',
      '',
      'host:examplebucket.s3.amazonaws.com',
      'range:bytes=0-9',
      `x-amz-content-sha256:${EMPTY}`,
      'x-amz-date:20130524T000000Z',
      '',
      'host;range;x-amz-content-sha256;x-amz-date',
      EMPTY,
    ].join('\n');
    expect(error.canonicalRequest).toBe(published.replace('bytes=0-9', 'bytes=0-10'));
    expect(error.stringToSign).toMatch(/^AWS4-HMAC-SHA256\n20130524T000000Z\n20130524\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}$/);
    expect(error.details).toEqual({
      AWSAccessKeyId: DOCS_ACCESS_KEY,
      SignatureProvided: 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    });
    const canonicalOfPublished = createHash('sha256').update(published).digest('hex');
    expect(canonicalOfPublished).toBe('7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972');
  });

  it('wipes the copy of the signing key it was handed once the signature is checked, matching or not', async () => {
    const handed: Buffer[] = [];
    await expect(docsVerifier(DOCS_TIME, handed).verify(getObject)).resolves.toMatchObject({ kind: 'signed' });
    await expect(docsVerifier(DOCS_TIME, handed).verify(withHeaders(getObject, { range: 'bytes=0-8' }))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(handed).toHaveLength(2);
    expect(handed.every(isWiped)).toBe(true);
  });

  it('asks getSigningKey for the scope, and passes its errors through', async () => {
    const calls: string[][] = [];
    const recording = new SigV4Verifier({
      region: 'us-east-1',
      service: 's3',
      getSigningKey: keysFrom({ [DOCS_ACCESS_KEY]: DOCS_SECRET }, calls),
      now: () => DOCS_TIME,
    });
    await recording.verify(getObject);
    expect(calls).toEqual([[DOCS_ACCESS_KEY, '20130524', 'us-east-1', 's3']]);
    const unknown = new SigV4Verifier({ region: 'us-east-1', service: 's3', getSigningKey: keysFrom({}), now: () => DOCS_TIME });
    expect(await verifyFailure(getObject, unknown)).toMatchObject({
      code: 'InvalidAccessKeyId',
      httpStatus: 403,
      details: { AWSAccessKeyId: DOCS_ACCESS_KEY },
    });
    const broken = new SigV4Verifier({
      region: 'us-east-1',
      service: 's3',
      getSigningKey: () => Promise.reject(new Error('policy service down')),
      now: () => DOCS_TIME,
    });
    await expect(broken.verify(getObject)).rejects.toThrow('policy service down');
  });

  it.each([
    [
      'a missing component',
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host',
      /requires three components/,
    ],
    ['a repeated component', `${getObject.headers.authorization as string}, Signature=00`, /is malformed/],
    [
      'a short credential',
      'AWS4-HMAC-SHA256 Credential=AKIA/20130524/us-east-1/s3, SignedHeaders=host, Signature=00',
      /the Credential is mal-formed/,
    ],
    [
      'another service',
      docsAuthorization('host', '00').replace('/s3/', '/ec2/'),
      /incorrect service "ec2". This endpoint belongs to "s3"\.$/,
    ],
    ['another terminator', docsAuthorization('host', '00').replace('aws4_request', 'aws4_reqest'), /incorrect terminal "aws4_reqest"/],
    [
      'a scope date other than x-amz-date',
      docsAuthorization('host', '00', '20130525'),
      /^The authorization header is malformed; Invalid credential date\. Date is not the same as X-Amz-Date\.$/,
    ],
  ])('with %s is AuthorizationHeaderMalformed', async (_what, header, message) => {
    const error = await verifyFailure(authorization(header));
    expect([error.code, error.httpStatus]).toEqual(['AuthorizationHeaderMalformed', 400]);
    expect(error.message).toMatch(message);
  });

  it("for another region says S3's words and names the expected region", async () => {
    const error = await verifyFailure(authorization(docsAuthorization('host', '00').replace('us-east-1', 'eu-west-1')));
    expect(error.message).toBe("The authorization header is malformed; the region 'eu-west-1' is wrong; expecting 'us-east-1'");
    expect(error.details).toEqual({ Region: 'us-east-1' });
  });

  it('allows 15 minutes of clock skew either way, not a millisecond more', async () => {
    const fifteen = 15 * 60 * 1000;
    await expect(docsVerifier(DOCS_TIME + fifteen).verify(getObject)).resolves.toMatchObject({ signatureAge: fifteen });
    await expect(docsVerifier(DOCS_TIME - fifteen).verify(getObject)).resolves.toMatchObject({ signatureAge: 0 });
    for (const now of [DOCS_TIME + fifteen + 1, DOCS_TIME - fifteen - 1]) {
      const error = await verifyFailure(getObject, docsVerifier(now));
      expect([error.code, error.httpStatus]).toEqual(['RequestTimeTooSkewed', 403]);
      expect(error.details).toMatchObject({ RequestTime: '20130524T000000Z', MaxAllowedSkewMilliseconds: '900000' });
      expect(error.details.ServerTime).toBe(new Date(now - (now % 1000)).toISOString().replace('.000Z', 'Z'));
    }
  });

  it('needs a valid x-amz-date or Date', async () => {
    expect(await verifyFailure(withHeaders(getObject, { 'x-amz-date': undefined }))).toMatchObject({
      code: 'AccessDenied',
      message: 'AWS authentication requires a valid Date or x-amz-date header',
    });
    expect((await verifyFailure(withHeaders(getObject, { 'x-amz-date': '2013-05-24T00:00:00Z' }))).code).toBe('AccessDenied');
  });

  it('needs x-amz-content-sha256 for S3, with a known value', async () => {
    expect(await verifyFailure(withHeaders(getObject, { 'x-amz-content-sha256': undefined }))).toMatchObject({
      code: 'InvalidRequest',
      message: 'Missing required header for this request: x-amz-content-sha256',
    });
    expect(await verifyFailure(withHeaders(getObject, { 'x-amz-content-sha256': 'STREAMING-PAYLOAD' }))).toMatchObject({
      code: 'InvalidArgument',
      details: { ArgumentName: 'x-amz-content-sha256', ArgumentValue: 'STREAMING-PAYLOAD' },
    });
  });

  it('refuses x-amz-* headers outside the signature, and a signature without host', async () => {
    expect(
      await verifyFailure(withHeaders(getObject, { 'x-amz-acl': 'public-read', 'x-amzn-trace-id': 'not an x-amz- header' })),
    ).toMatchObject({
      code: 'AccessDenied',
      message: 'There were headers present in the request which were not signed',
      details: { HeadersNotSigned: 'x-amz-acl' },
    });
    expect(await verifyFailure(authorization(docsAuthorization('range;x-amz-content-sha256;x-amz-date', '00')))).toMatchObject({
      details: { HeadersNotSigned: 'host' },
    });
  });

  it.each([
    ['x-amz-decoded-content-length', { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' }, 'MissingSecurityHeader'],
    [
      'x-amz-trailer',
      { 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-decoded-content-length': '1' },
      'MissingSecurityHeader',
    ],
    [
      'a supported trailer',
      {
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-decoded-content-length': '1',
        'x-amz-trailer': 'x-amz-checksum-md5',
      },
      'InvalidArgument',
    ],
    [
      'a numeric decoded length',
      { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': '-1' },
      'InvalidArgument',
    ],
  ])('an aws-chunked body needs %s', async (_what, headers, code) => {
    const request = withHeaders(getObject, headers);
    const signedAll = docsAuthorization(['host', ...Object.keys(headers), 'x-amz-date'].sort().join(';'), '00');
    expect((await verifyFailure(withHeaders(request, { authorization: signedAll }))).code).toBe(code);
  });
});

describe('other request shapes', () => {
  it('reads host from :authority (HTTP/2)', async () => {
    const { host, ...rest } = getObject.headers;
    await expect(verifier.verify({ ...getObject, headers: { ...rest, ':authority': host } })).resolves.toMatchObject({ kind: 'signed' });
  });

  it('checks a caller-computed body hash against x-amz-content-sha256', async () => {
    expect((await verifyFailure({ ...getObject, bodySha256: createHash('sha256').update('x').digest('hex') })).code).toBe(
      'XAmzContentSHA256Mismatch',
    );
    await expect(verifier.verify({ ...getObject, bodySha256: EMPTY })).resolves.toMatchObject({ kind: 'signed' });
  });

  it('needs bodySha256 for a non-S3 service whose client sends no x-amz-content-sha256', async () => {
    const kms = new SigV4Verifier({ region: 'us-east-1', service: 'kms', getSigningKey: keysFrom({}), now: () => DOCS_TIME });
    const request = withHeaders(getObject, {
      'x-amz-content-sha256': undefined,
      authorization: docsAuthorization('host;x-amz-date', '00').replace('/s3/', '/kms/'),
    });
    await expect(kms.verify(request)).rejects.toThrow(TypeError);
  });
});
