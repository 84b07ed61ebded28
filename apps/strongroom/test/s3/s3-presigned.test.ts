import {
  CopyObjectCommand,
  CreateBucketCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { checksumOf } from '@strongroom/checksums';
import { createHash, randomBytes } from 'node:crypto';
import { Agent, fetch } from 'undici';
import { codeOf, OWNER, startS3Harness, type S3Harness } from './s3-harness';

/** What a plain HTTP client got back from a presigned URL. */
interface Answer {
  readonly status: number;
  readonly code: string | undefined;
  readonly body: string;
  readonly headers: Headers;
}

/** The SDK's SSE headers on a presigned URL: moved into the query string like every other `x-amz-*` header. */
const HOISTED_SSE_KMS = new Set(['x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id']);

/** Adds a query parameter to the request a command builds, before the presigner signs it. */
function withQueryParameter<C extends PutObjectCommand>(command: C, name: string, value: string): C {
  command.middlewareStack.add(
    (next) => (args) => {
      (args.request as { query: Record<string, string> }).query[name] = value;
      return next(args);
    },
    { step: 'build' },
  );
  return command;
}

describe('presigned URLs from @aws-sdk/s3-request-presigner, used by a plain HTTP client', () => {
  let harness: S3Harness;
  let s3: S3Client;
  let keyArn: string;
  let dispatcher: Agent;

  /** Sends a request to a presigned URL over HTTPS, as a browser or curl would. */
  async function send(url: string, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<Answer> {
    const response = await fetch(url, { ...init, dispatcher });
    const body = await response.text();
    return { status: response.status, code: codeOf(body), body, headers: response.headers };
  }

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client(undefined, { secure: true });
    dispatcher = new Agent({ connect: { ca: harness.ca } });
    keyArn = (await harness.backend.kms.createKey({ principal: { accountId: OWNER, arn: '' } })).keyMetadata!.arn;
    await s3.send(new CreateBucketCommand({ Bucket: 'presigned' }));
  }, 60_000);
  afterAll(async () => {
    await dispatcher.close();
    await harness.close();
  });

  test('a PUT with metadata, tagging and SSE-KMS stores all three; the empty-body checksum the SDK signs in is ignored', async () => {
    const body = 'quarterly numbers';
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: 'presigned', Key: 'report.txt', Metadata: { owner: 'ops', team: 'vault' }, Tagging: 'class=secret&team=vault', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }),
      { expiresIn: 300 },
    );
    const query = new URL(url).searchParams;
    expect([query.get('x-amz-meta-owner'), query.get('x-amz-tagging'), query.get('x-amz-checksum-crc32'), query.get('x-amz-sdk-checksum-algorithm')]).toEqual([
      'ops',
      'class=secret&team=vault',
      'AAAAAA==',
      'CRC32',
    ]);
    expect(query.get('X-Amz-SignedHeaders')).toBe('host;x-amz-server-side-encryption;x-amz-server-side-encryption-aws-kms-key-id');

    const put = await send(url, { method: 'PUT', body, headers: { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': keyArn } });
    expect([put.status, put.headers.get('x-amz-server-side-encryption')]).toEqual([200, 'aws:kms']);

    const head = await s3.send(new HeadObjectCommand({ Bucket: 'presigned', Key: 'report.txt', ChecksumMode: 'ENABLED' }));
    expect(head).toMatchObject({ Metadata: { owner: 'ops', team: 'vault' }, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });
    expect(head.ChecksumCRC32).toBe(checksumOf('CRC32', Buffer.from(body)).toString('base64'));
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: 'presigned', Key: 'report.txt' }));
    expect(tags.TagSet).toEqual([
      { Key: 'class', Value: 'secret' },
      { Key: 'team', Value: 'vault' },
    ]);

    const get = await send(await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'presigned', Key: 'report.txt' }), { expiresIn: 300 }), { method: 'GET' });
    expect([get.status, get.body, get.headers.get('x-amz-meta-owner')]).toEqual([200, body, 'ops']);
  });

  test('SSE-KMS moved into the query string too is honoured, by the write and by a bucket policy that requires it', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'kms-only' }));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'kms-only',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::kms-only/*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }],
        }),
      }),
    );
    const sealed = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'kms-only', Key: 'sealed', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }), {
      expiresIn: 300,
      hoistableHeaders: HOISTED_SSE_KMS,
    });
    expect(new URL(sealed).searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect((await send(sealed, { method: 'PUT', body: 'sealed' })).status).toBe(200);
    expect(await s3.send(new HeadObjectCommand({ Bucket: 'kms-only', Key: 'sealed' }))).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });

    const plain = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'kms-only', Key: 'plain' }), { expiresIn: 300 });
    expect(await send(plain, { method: 'PUT', body: 'plain' })).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  test('a client that leaves out the SSE headers the URL signed fails with SignatureDoesNotMatch, and nothing is stored', async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'presigned', Key: 'unsealed', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }), { expiresIn: 300 });
    expect(await send(url, { method: 'PUT', body: 'unsealed' })).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'presigned', Key: 'unsealed' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  test('a hoisted ACL is read: a public-read ACL on a bucket without ACLs is AccessControlListNotSupported', async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'presigned', Key: 'public', ACL: 'public-read' }), { expiresIn: 300 });
    expect(new URL(url).searchParams.get('x-amz-acl')).toBe('public-read');
    expect(await send(url, { method: 'PUT', body: 'public' })).toMatchObject({ status: 400, code: 'AccessControlListNotSupported' });
  });

  test('a CopyObject whose copy source and metadata are in the query string copies and replaces the metadata', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'presigned', Key: 'source', Body: 'copied bytes', Metadata: { owner: 'before' } }));
    const url = await getSignedUrl(s3, new CopyObjectCommand({ Bucket: 'presigned', Key: 'copy', CopySource: 'presigned/source', MetadataDirective: 'REPLACE', Metadata: { owner: 'after' } }), {
      expiresIn: 300,
    });
    expect(new URL(url).searchParams.get('x-amz-copy-source')).toBe('presigned/source');
    const copied = await send(url, { method: 'PUT' });
    expect([copied.status, copied.body]).toEqual([200, expect.stringContaining('<CopyObjectResult')]);
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'presigned', Key: 'copy' }))).Metadata).toEqual({ owner: 'after' });
  });

  test('a header and a query parameter of one name with different values are 400 InvalidArgument; equal values pass', async () => {
    const presign = (value: string) =>
      getSignedUrl(s3, withQueryParameter(new PutObjectCommand({ Bucket: 'presigned', Key: 'twice', Metadata: { owner: 'alice' } }), 'x-amz-meta-owner', value), {
        expiresIn: 300,
        unhoistableHeaders: new Set(['x-amz-meta-owner']),
      });
    const differing = await send(await presign('mallory'), { method: 'PUT', body: 'twice', headers: { 'x-amz-meta-owner': 'alice' } });
    expect(differing).toMatchObject({ status: 400, code: 'InvalidArgument' });
    expect(differing.body).toContain('<ArgumentName>x-amz-meta-owner</ArgumentName>');
    expect((await send(await presign('alice'), { method: 'PUT', body: 'twice', headers: { 'x-amz-meta-owner': 'alice' } })).status).toBe(200);
  });

  test('an SSE-C key in the query string is refused with 400 InvalidArgument, never echoed, and nothing is stored', async () => {
    const secret = randomBytes(32).toString('base64');
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'presigned', Key: 'ssec', SSECustomerAlgorithm: 'AES256', SSECustomerKey: secret }), {
      expiresIn: 300,
      hoistableHeaders: new Set(['x-amz-server-side-encryption-customer-algorithm', 'x-amz-server-side-encryption-customer-key', 'x-amz-server-side-encryption-customer-key-md5']),
    });
    expect(new URL(url).searchParams.get('x-amz-server-side-encryption-customer-key')).toBe(secret);
    const refused = await send(url, { method: 'PUT', body: 'ssec' });
    expect(refused).toMatchObject({ status: 400, code: 'InvalidArgument' });
    expect(refused.body).toContain('must be sent in request headers');
    expect(refused.body).not.toContain(secret);
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'presigned', Key: 'ssec' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  test('a URL that signs only the SSE-C algorithm serves whoever holds the key, which comes in unsigned headers, as S3 does; the algorithm must be signed', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'held-keys' }));
    const allowSseC = { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' as const }, BlockedEncryptionTypes: { EncryptionType: ['NONE' as const] } };
    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'held-keys', ServerSideEncryptionConfiguration: { Rules: [allowSseC] } }));
    const keyHeaders = (secret: Buffer) => ({
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      'x-amz-server-side-encryption-customer-key': secret.toString('base64'),
      'x-amz-server-side-encryption-customer-key-MD5': createHash('md5').update(secret).digest('base64'),
    });
    const held = randomBytes(32);
    const algorithmOnly = { Bucket: 'held-keys', Key: 'held', SSECustomerAlgorithm: 'AES256' };

    const putUrl = await getSignedUrl(s3, new PutObjectCommand(algorithmOnly), { expiresIn: 300 });
    expect(new URL(putUrl).searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-amz-server-side-encryption-customer-algorithm');
    const put = await send(putUrl, { method: 'PUT', body: 'sealed by a key the signer never saw', headers: keyHeaders(held) });
    expect([put.status, put.headers.get('x-amz-server-side-encryption-customer-key-md5')]).toEqual([200, keyHeaders(held)['x-amz-server-side-encryption-customer-key-MD5']]);

    const getUrl = await getSignedUrl(s3, new GetObjectCommand(algorithmOnly), { expiresIn: 300 });
    expect(await send(getUrl, { method: 'GET', headers: keyHeaders(held) })).toMatchObject({ status: 200, body: 'sealed by a key the signer never saw' });
    expect(await send(getUrl, { method: 'GET', headers: keyHeaders(randomBytes(32)) })).toMatchObject({ status: 403, code: 'AccessDenied' });

    const unsigned = await send(await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'held-keys', Key: 'held' }), { expiresIn: 300 }), { method: 'GET', headers: keyHeaders(held) });
    expect(unsigned).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(unsigned.body).toContain('<HeadersNotSigned>x-amz-server-side-encryption-customer-algorithm</HeadersNotSigned>');
  });

  test.each([
    ['0', 403, 'AccessDenied', 'Request has expired'],
    ['-100', 400, 'AuthorizationQueryParametersError', 'X-Amz-Expires must be non-negative'],
    ['abc', 400, 'AuthorizationQueryParametersError', 'X-Amz-Expires should be a number'],
  ])('X-Amz-Expires=%s is %i %s "%s", as S3 answers it', async (expires, status, code, message) => {
    const signed = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'presigned', Key: 'expiry' }), { expiresIn: expires === '0' ? 0 : 60 });
    const url = new URL(signed);
    url.searchParams.set('X-Amz-Expires', expires);
    const answer = await send(url.toString(), { method: 'GET' });
    expect([answer.status, answer.code]).toEqual([status, code]);
    expect(answer.body).toContain(`<Message>${message}</Message>`);
  });

  test("a URL signed almost 7 days ago, for 7 days, still works: the policy service serves that day's signing key; a minute later it has expired", async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'presigned', Key: 'week-old', Body: 'still here' }));
    const week = 604_800;
    const signedAt = (age: number) => new Date(Date.now() - age * 1000);
    const lasting = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'presigned', Key: 'week-old' }), { expiresIn: week, signingDate: signedAt(week - 60) });
    expect(await send(lasting, { method: 'GET' })).toMatchObject({ status: 200, body: 'still here' });
    const expired = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'presigned', Key: 'week-old' }), { expiresIn: week, signingDate: signedAt(week + 60) });
    const answer = await send(expired, { method: 'GET' });
    expect([answer.status, answer.code]).toEqual([403, 'AccessDenied']);
    expect(answer.body).toContain('<Message>Request has expired</Message>');
  });

  test('a tampered or removed hoisted parameter is SignatureDoesNotMatch', async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'presigned', Key: 'tamper', Metadata: { owner: 'ops' } }), { expiresIn: 300 });
    expect(url).toContain('x-amz-meta-owner=ops');
    expect(await send(url.replace('x-amz-meta-owner=ops', 'x-amz-meta-owner=eve'), { method: 'PUT', body: 'x' })).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(await send(url.replace('&x-amz-meta-owner=ops', ''), { method: 'PUT', body: 'x' })).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  test('a URL carrying a security token is 400 InvalidToken: Strongroom issues none, so none is taken unchecked', async () => {
    const withToken = harness.client(undefined, {
      secure: true,
      credentials: { accessKeyId: harness.owner.accessKeyId, secretAccessKey: harness.owner.secretAccessKey, sessionToken: 'not-issued-here' },
    });
    const url = await getSignedUrl(withToken, new PutObjectCommand({ Bucket: 'presigned', Key: 'with-token' }), { expiresIn: 300 });
    expect(url).toContain('X-Amz-Security-Token=not-issued-here');
    expect(await send(url, { method: 'PUT', body: 'x' })).toMatchObject({ status: 400, code: 'InvalidToken' });
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'presigned', Key: 'with-token' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  test('a security token is seen wherever it comes: a lower-case parameter, a header a URL signs, a parameter of a header-signed request; each is InvalidToken', async () => {
    const lowerCase = await getSignedUrl(s3, withQueryParameter(new PutObjectCommand({ Bucket: 'presigned', Key: 'token-lower' }), 'x-amz-security-token', 'not-issued-here'), { expiresIn: 300 });
    expect(await send(lowerCase, { method: 'PUT', body: 'x' })).toMatchObject({ status: 400, code: 'InvalidToken' });
    const tokenHeader = { 'x-amz-security-token': 'not-issued-here' };
    const signedHeader = await harness.presign('PUT', 'presigned', 'token-header', 300, undefined, tokenHeader);
    expect(await send(signedHeader, { method: 'PUT', body: 'x', headers: tokenHeader })).toMatchObject({ status: 400, code: 'InvalidToken' });
    const headerSigned = await harness.raw({ method: 'PUT', path: '/presigned/token-query', query: { 'X-Amz-Security-Token': 'not-issued-here' }, body: 'x' });
    expect([headerSigned.status, codeOf(headerSigned.body)]).toEqual([400, 'InvalidToken']);
    for (const key of ['token-lower', 'token-header', 'token-query']) {
      await expect(s3.send(new HeadObjectCommand({ Bucket: 'presigned', Key: key }))).rejects.toMatchObject({ name: 'NotFound' });
    }
  });

  test('a URL that signs an x-amz-content-sha256 header holding a digest takes only that body, as the SDK signer pins it', async () => {
    const body = 'pinned contents';
    const pinned = { 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') };
    const url = await harness.presign('PUT', 'presigned', 'pinned', 300, undefined, pinned);
    expect(await send(url, { method: 'PUT', body: 'other contents', headers: pinned })).toMatchObject({ status: 400, code: 'XAmzContentSHA256Mismatch' });
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'presigned', Key: 'pinned' }))).rejects.toMatchObject({ name: 'NotFound' });
    const disagreeing = await harness.presign('PUT', 'presigned', 'pinned', 300, undefined, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    expect(await send(`${disagreeing}&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD`, { method: 'PUT', body, headers: pinned })).toMatchObject({ status: 400, code: 'InvalidArgument' });
    const twice = `${disagreeing}&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&x-amz-content-sha256=${pinned['x-amz-content-sha256']}`;
    expect(await send(twice, { method: 'PUT', body: 'other contents' })).toMatchObject({ status: 400, code: 'AuthorizationQueryParametersError' });
    expect(await send(url, { method: 'PUT', body, headers: pinned })).toMatchObject({ status: 200 });
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'presigned', Key: 'pinned' }))).Body!.transformToString()).toBe(body);
  });

  test('a header-signed request does not take x-amz-* query parameters as headers', async () => {
    const put = await harness.raw({ method: 'PUT', path: '/presigned/header-signed', query: { 'x-amz-meta-owner': 'ops' }, body: 'header signed' });
    expect(put.status).toBe(200);
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'presigned', Key: 'header-signed' }))).Metadata).toEqual({});
  });
});
