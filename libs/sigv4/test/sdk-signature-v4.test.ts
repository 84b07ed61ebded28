import { createHash } from 'node:crypto';
import { SigV4Verifier, type SigV4Request } from '../src';
import { keysFrom } from './support/fixtures';
import { escapeUri, sdkSigners, type SdkRequest, type SdkSigner } from './support/sdk-signers';

/**
 * Requests signed by the AWS SDK's own signers, verified here; then every
 * request changed by one byte, which must fail.
 */
const ACCESS_KEY = 'AKIASTRONGROOMTEST01';
const SECRET = 'strongroom/secret+key=with/odd+chars0123456';
const SIGNED_AT = new Date(Date.UTC(2024, 2, 1, 12, 0, 0));
const HOST = 'photos.s3.strongroom.test';

const s3Signers = sdkSigners({ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET, region: 'eu-west-1', service: 's3' });
const s3Verifier = (now = SIGNED_AT.getTime() + 5000) =>
  new SigV4Verifier({ region: 'eu-west-1', service: 's3', getSigningKey: keysFrom({ [ACCESS_KEY]: SECRET }), now: () => now });

/** The path an S3 client puts on the wire for a key: each segment escaped, slashes kept. */
const keyPath = (key: string): string => `/${key.split('/').map(escapeUri).join('/')}`;

const ODD_KEYS = [
  'plain.txt',
  'with space.txt',
  'plus+sign.txt',
  'tilde~and-dash_.txt',
  'equals=sign&amp.txt',
  'percent%41literal.txt',
  "bang!quote'paren()star*.txt",
  'unicode/ünïcödé/日本語/😀.bin',
  'dir/',
  'double//slash',
  '../dot-dot/./x',
  'colon:semicolon;comma,at@dollar$',
  'hash#question?bracket[]',
];

const QUERIES: readonly (readonly [string, SdkRequest['query']])[] = [
  ['list v2 with an odd prefix', { 'list-type': '2', prefix: 'a b+c~d=é/', delimiter: '/', 'max-keys': '7' }],
  ['a continuation token with = + /', { 'list-type': '2', 'continuation-token': 'AbC+/dEf==', 'start-after': 'x y' }],
  ['an empty value', { tagging: '' }],
  ['repeated keys', { a: ['2', '1', '10'], b: 'x' }],
  ['response overrides', { 'response-content-disposition': 'attachment; filename="ü x.txt"', 'response-cache-control': 'no-cache' }],
  ['versions with markers', { versions: '', 'key-marker': 'k+1', 'version-id-marker': 'v=2' }],
];

const HEADER_SETS: readonly (readonly [string, Record<string, string>])[] = [
  ['metadata and content headers', { 'content-type': 'text/plain; charset=utf-8', 'x-amz-meta-owner': 'Zoë', 'x-amz-meta-tags': 'a,b' }],
  ['values with runs of spaces', { 'x-amz-meta-spaced': '  a   b  c  ', 'content-md5': 'rL0Y20zC+Fzt72VPzMSk2A==' }],
  ['acl, storage class and range', { 'x-amz-acl': 'public-read', 'x-amz-storage-class': 'STANDARD_IA', range: 'bytes=0-9' }],
];

/** One-byte changes to a verified request; each must fail with SignatureDoesNotMatch. */
function oneByteChanges(request: SigV4Request): [string, SigV4Request][] {
  const flip = (text: string, at: number): string => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);
  const changes: [string, SigV4Request][] = [
    ['method', { ...request, method: request.method === 'GET' ? 'PUT' : 'GET' }],
    ['path', { ...request, path: flip(request.path, request.path.length - 1) }],
    ['an added query parameter', { ...request, query: request.query === '' ? 'x-id=1' : `${request.query}&x-id=1` }],
    ['host', { ...request, headers: { ...request.headers, host: flip(HOST, 0) } }],
  ];
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    changes.push([
      'the signature',
      { ...request, headers: { ...request.headers, authorization: flip(authorization, authorization.length - 1) } },
    ]);
  }
  const signatureAt = request.query.indexOf('X-Amz-Signature=');
  if (signatureAt >= 0) changes.push(['the signature', { ...request, query: flip(request.query, signatureAt + 17) }]);
  const meta = Object.keys(request.headers).find((name) => name.startsWith('x-amz-meta-'));
  const metaValue = meta === undefined ? undefined : request.headers[meta];
  if (meta !== undefined && typeof metaValue === 'string') {
    changes.push([meta, { ...request, headers: { ...request.headers, [meta]: `${metaValue}x` } }]);
  }
  const parameter = /(?:^|&)(?!X-Amz-)[^&=]+=[^&]/.exec(request.query);
  if (parameter) {
    changes.push(['a query value', { ...request, query: flip(request.query, request.query.indexOf('=', parameter.index) + 1) }]);
  }
  return changes;
}

async function expectVerified(request: SigV4Request, verifier = s3Verifier()): Promise<void> {
  await expect(verifier.verify(request)).resolves.toMatchObject({ kind: 'signed', accessKeyId: ACCESS_KEY });
  for (const [what, changed] of oneByteChanges(request)) {
    const outcome = await verifier.verify(changed).then(
      () => 'verified',
      (error: { code?: string }) => error.code,
    );
    expect([what, outcome]).toEqual([what, 'SignatureDoesNotMatch']);
  }
}

describe.each(s3Signers.map((signer) => [signer.name, signer] as const))('S3 requests signed by %s', (_name, signer: SdkSigner) => {
  it.each(ODD_KEYS)('GET of key %j', async (key) => {
    await expectVerified(await signer.sign({ method: 'GET', hostname: HOST, path: keyPath(key) }, SIGNED_AT));
  });

  it.each(QUERIES)('GET with %s', async (_what, query) => {
    await expectVerified(await signer.sign({ method: 'GET', hostname: HOST, path: '/', query }, SIGNED_AT));
  });

  it.each(HEADER_SETS)('PUT with %s and a signed body hash', async (_what, headers) => {
    const body = 'hello, strongroom';
    const request = await signer.sign({ method: 'PUT', hostname: HOST, path: keyPath('a b/c+d.txt'), headers, body }, SIGNED_AT);
    expect(request.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
    await expectVerified(request);
  });

  it('PUT with non-ASCII metadata as node:http reads it: raw UTF-8 (Go, rclone, s3cmd) or one byte per character (botocore)', async () => {
    const latin1 = { 'x-amz-meta-name': 'Zoë', 'content-disposition': 'attachment; filename="ü.txt"' };
    const put = (headers: Record<string, string>) => signer.sign({ method: 'PUT', hostname: HOST, path: keyPath('meta.txt'), headers, body: 'x' }, SIGNED_AT);
    const signed = await put({ ...latin1, 'x-amz-meta-city': '東京' });
    const rawUtf8 = (names: (name: string) => boolean) =>
      Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name, names(name) ? Buffer.from(String(value), 'utf8').toString('latin1') : value]));
    await expectVerified({ ...signed, headers: rawUtf8((name) => name.startsWith('x-amz-meta-')) });
    await expectVerified(await put(latin1));
    await expect(s3Verifier().verify({ ...signed, headers: rawUtf8((name) => name === 'content-disposition') })).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('GET ?acl, sent with or without the = that the SDK signs', async () => {
    const request = await signer.sign({ method: 'GET', hostname: HOST, path: '/', query: { acl: '' } }, SIGNED_AT);
    expect(request.query).toBe('acl=');
    await expectVerified(request);
    await expectVerified({ ...request, query: 'acl' });
  });

  it('PUT with UNSIGNED-PAYLOAD', async () => {
    const request = await signer.sign(
      {
        method: 'PUT',
        hostname: HOST,
        path: keyPath('big.bin'),
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-meta-k': 'v' },
      },
      SIGNED_AT,
    );
    await expect(s3Verifier().verify(request)).resolves.toMatchObject({ contentSha256: 'UNSIGNED-PAYLOAD', payload: { kind: 'unsigned' } });
    await expectVerified(request);
  });

  it.each([60, 3600, 604_800])('presigned GET valid for %i s, and expired one millisecond after', async (expiresIn) => {
    const request = await signer.presign(
      { method: 'GET', hostname: HOST, path: keyPath('ü x+y.txt'), query: { versionId: 'v+1' } },
      SIGNED_AT,
      expiresIn,
    );
    const end = SIGNED_AT.getTime() + expiresIn * 1000;
    await expect(s3Verifier(end).verify(request)).resolves.toMatchObject({
      authType: 'REST-QUERY-STRING',
      contentSha256: 'UNSIGNED-PAYLOAD',
      signatureAge: expiresIn * 1000,
    });
    await expect(s3Verifier(end + 1).verify(request)).rejects.toMatchObject({ code: 'AccessDenied', message: 'Request has expired' });
    await expectVerified(request);
  });

  it('presigned PUT with a signed content-type header and hoisted metadata', async () => {
    const request = await signer.presign(
      { method: 'PUT', hostname: HOST, path: keyPath('upload/ü.txt'), headers: { 'content-type': 'image/png', 'x-amz-meta-owner': 'zoë' } },
      SIGNED_AT,
      900,
    );
    expect(request.query).toContain('x-amz-meta-owner=zo%C3%AB');
    await expectVerified(request);
    await expect(s3Verifier().verify({ ...request, headers: { ...request.headers, 'content-type': 'text/html' } })).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
  });

  it('a presigned URL whose X-Amz-Expires was raised no longer verifies', async () => {
    const request = await signer.presign({ method: 'GET', hostname: HOST, path: '/k' }, SIGNED_AT, 60);
    await expect(
      s3Verifier().verify({ ...request, query: request.query.replace('X-Amz-Expires=60', 'X-Amz-Expires=61') }),
    ).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
  });
});

describe('query parameters that sort differently raw and encoded', () => {
  it('verify as the current signer sorts them (on the encoded names, as AWS specifies)', async () => {
    const current = s3Signers.find((signer) => signer.name === '@smithy/signature-v4');
    const request = await current?.sign(
      { method: 'GET', hostname: HOST, path: '/', query: { '~tilde': '1', émoji: '2', Zed: '3' } },
      SIGNED_AT,
    );
    if (!request) throw new Error('no current signer');
    await expectVerified(request);
  });
});

describe.each(
  sdkSigners({ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET, region: 'eu-west-1', service: 'kms' }).map(
    (signer) => [signer.name, signer] as const,
  ),
)('a KMS JSON request signed by %s', (_name, signer: SdkSigner) => {
  it('verifies with service kms, the body hash supplied by the caller', async () => {
    const body = JSON.stringify({ KeyId: 'alias/ü', Plaintext: 'aGk=' });
    const request = await signer.sign(
      {
        method: 'POST',
        hostname: 'kms.strongroom.test',
        path: '/',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.Encrypt' },
        body,
      },
      SIGNED_AT,
    );
    const verifier = new SigV4Verifier({
      region: 'eu-west-1',
      service: 'kms',
      getSigningKey: keysFrom({ [ACCESS_KEY]: SECRET }),
      now: () => SIGNED_AT.getTime(),
    });
    const bodySha256 = createHash('sha256').update(body).digest('hex');
    await expect(verifier.verify({ ...request, bodySha256 })).resolves.toMatchObject({ kind: 'signed', service: 'kms' });
    const tampered = createHash('sha256').update(`${body} `).digest('hex');
    await expect(verifier.verify({ ...request, bodySha256: tampered })).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    await expect(s3Verifier().verify({ ...request, bodySha256 })).rejects.toMatchObject({ code: 'AuthorizationHeaderMalformed' });
  });
});
