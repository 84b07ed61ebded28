import {
  CreateBucketCommand,
  HeadBucketCommand,
  DeleteBucketCommand,
  DeleteBucketLifecycleCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { checksumOf, encodeChecksum } from '@strongroom/checksums';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { codeOf, failure, type S3Harness, startS3Harness } from './s3-harness';

/** `body` as HTTP chunks of one byte each, then the last chunk. */
function byteChunks(body: string): string {
  return `${Array.from(body, (char) => `1\r\n${char}\r\n`).join('')}0\r\n\r\n`;
}

describe('S3 errors through the gateway: bad input gets S3\'s own answer and stores nothing', () => {
  let harness: S3Harness;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'errors' }));
    await s3.send(new PutObjectCommand({ Bucket: 'errors', Key: 'present', Body: '0123456789' }));
  }, 60_000);
  afterAll(() => harness.close());

  const absent = async (key: string) => expect(await failure(s3.send(new HeadObjectCommand({ Bucket: 'errors', Key: key })))).toEqual(['NotFound', 404]);

  /** Sends `wire` on a connection of its own until the answer holds `ends`; how much this process's RSS (the gateway's) grew meanwhile. */
  const sendMeasured = async (wire: string, ends: string): Promise<{ answer: string; rssGrowthMiB: number }> => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(harness.gateway.httpPort!, '127.0.0.1');
        let received = '';
        socket.on('data', (chunk: Buffer) => {
          received += chunk.toString('latin1');
          if (received.includes(ends)) {
            socket.destroy();
            resolve(received);
          }
        });
        socket.on('error', reject);
        socket.write(wire);
      });
      return { answer, rssGrowthMiB: (peak - before) / 1024 ** 2 };
    } finally {
      clearInterval(sampler);
    }
  };

  test('bucket errors', async () => {
    expect(await failure(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })))).toEqual(['InvalidBucketName', 400]);
    expect(await failure(s3.send(new CreateBucketCommand({ Bucket: 'errors' })))).toEqual(['BucketAlreadyOwnedByYou', 409]);
    expect(await failure(s3.send(new DeleteBucketCommand({ Bucket: 'errors' })))).toEqual(['BucketNotEmpty', 409]);
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })))).toEqual(['NoSuchBucket', 404]);
    expect(await failure(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'errors' })))).toEqual(['NoSuchLifecycleConfiguration', 404]);
    expect(await failure(s3.send(new DeleteBucketLifecycleCommand({ Bucket: 'errors' })))).toEqual(['NotImplemented', 501]);
  });

  test('CreateBucket LocationConstraint: us-east-1 is given as none; not a region is InvalidLocationConstraint; another region IllegalLocationConstraintException', async () => {
    const createIn = (Bucket: string, LocationConstraint: string) =>
      failure(s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: LocationConstraint as BucketLocationConstraint } })));
    expect(await createIn('named-east', 'us-east-1')).toEqual(['InvalidLocationConstraint', 400]);
    expect(await createIn('bogus-place', 'bogus')).toEqual(['InvalidLocationConstraint', 400]);
    expect(await createIn('far-away', 'eu-west-1')).toEqual(['IllegalLocationConstraintException', 400]);
    const body = '<CreateBucketConfiguration><LocationConstraint>us-east-1</LocationConstraint></CreateBucketConfiguration>';
    const raw = await harness.raw({ method: 'PUT', path: '/named-east', body });
    expect([raw.status, codeOf(raw.body)]).toEqual([400, 'InvalidLocationConstraint']);
    expect(raw.body).toContain('<Message>The specified location-constraint is not valid</Message>');
    expect(raw.body).toContain('<LocationConstraint>us-east-1</LocationConstraint>');
    for (const bucket of ['named-east', 'bogus-place', 'far-away']) {
      await expect(s3.send(new HeadBucketCommand({ Bucket: bucket }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    }
    await s3.send(new CreateBucketCommand({ Bucket: 'no-constraint', CreateBucketConfiguration: {} }));
  });

  test('CreateBucket with an ACL under BucketOwnerEnforced (the default) is InvalidBucketAclWithObjectOwnership; private is fine', async () => {
    expect(await failure(s3.send(new CreateBucketCommand({ Bucket: 'acl-public', ACL: 'public-read' })))).toEqual(['InvalidBucketAclWithObjectOwnership', 400]);
    expect(await failure(s3.send(new CreateBucketCommand({ Bucket: 'acl-grant', GrantRead: `id=${harness.other.canonicalUserId}` })))).toEqual([
      'InvalidBucketAclWithObjectOwnership',
      400,
    ]);
    const raw = await harness.raw({ method: 'PUT', path: '/acl-public', headers: { 'x-amz-acl': 'public-read' } });
    expect(raw.body).toContain('<Message>Bucket cannot have ACLs set with ObjectOwnership&apos;s BucketOwnerEnforced setting</Message>');
    for (const bucket of ['acl-public', 'acl-grant']) {
      await expect(s3.send(new HeadBucketCommand({ Bucket: bucket }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    }
    await s3.send(new CreateBucketCommand({ Bucket: 'acl-private', ACL: 'private' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'acl-writer', ACL: 'private', ObjectOwnership: 'ObjectWriter' }));
  });

  test('CreateBucket with a public ACL under Block Public Access (the default) is InvalidBucketAclWithBlockPublicAccessError, and no bucket', async () => {
    const publicWriter = new CreateBucketCommand({ Bucket: 'acl-public-writer', ACL: 'public-read', ObjectOwnership: 'ObjectWriter' });
    expect(await failure(s3.send(publicWriter))).toEqual(['InvalidBucketAclWithBlockPublicAccessError', 400]);
    const raw = await harness.raw({ method: 'PUT', path: '/acl-public-writer', headers: { 'x-amz-acl': 'public-read', 'x-amz-object-ownership': 'ObjectWriter' } });
    expect(raw.body).toContain('<Message>Bucket cannot have public ACLs set with BlockPublicAccess enabled</Message>');
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'acl-public-writer' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  test('object errors', async () => {
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'errors', Key: 'missing' })))).toEqual(['NoSuchKey', 404]);
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'errors', Key: 'k'.repeat(1025), Body: 'x' })))).toEqual(['KeyTooLongError', 400]);
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'errors', Key: 'meta', Body: 'x', Metadata: { big: 'm'.repeat(2100) } })))).toEqual(['MetadataTooLarge', 400]);
    await absent('meta');
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'errors', Key: 'md5', Body: 'hello', ContentMD5: 'XUFAKrxLKna5cZ2REBfFkA==' })))).toEqual(['BadDigest', 400]);
    await absent('md5');
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'errors', Key: 'present', IfMatch: '"other"' })))).toEqual(['PreconditionFailed', 412]);
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'errors', Key: 'present', Range: 'bytes=50-60' })))).toEqual(['InvalidRange', 416]);
    const injected = await harness.raw({ method: 'GET', path: '/errors/present', query: { 'response-content-type': 'text/html\r\nx-injected: 1' } });
    expect([injected.status, codeOf(injected.body), injected.headers['x-injected']]).toEqual([400, 'InvalidArgument', undefined]);
    const wrongMd5 = await harness.raw({ method: 'PUT', path: '/errors/md5', headers: { 'content-md5': 'XUFAKrxLKna5cZ2REBfFkA==' }, body: 'hello' });
    expect([wrongMd5.status, codeOf(wrongMd5.body)]).toEqual([400, 'BadDigest']);
    expect(wrongMd5.body).toContain('<Message>The Content-MD5 you specified did not match what we received.</Message>');
    for (const [path, query] of [['/err%00ors/present', {}], ['/errors/present', { uploadId: 'u\u0000' }]] as const) {
      const withNul = await harness.raw({ method: 'GET', path, query });
      expect([withNul.status, codeOf(withNul.body)]).toEqual([400, 'InvalidArgument']);
    }
    const other = harness.client(harness.other, { maxAttempts: 1 });
    expect(await failure(other.send(new GetObjectCommand({ Bucket: 'errors', Key: 'present' })))).toEqual(['AccessDenied', 403]);
    const big = Buffer.alloc(8 * 1024 * 1024, 7);
    expect(await failure(other.send(new PutObjectCommand({ Bucket: 'errors', Key: 'denied', Body: Readable.from([big]), ContentLength: big.length })))).toEqual(['AccessDenied', 403]);
    await absent('denied');
  });

  test('authentication errors', async () => {
    const wrongSecret = harness.client(harness.owner, { credentials: { accessKeyId: harness.owner.accessKeyId, secretAccessKey: 'x'.repeat(40) } });
    expect(await failure(wrongSecret.send(new GetObjectCommand({ Bucket: 'errors', Key: 'present' })))).toEqual(['SignatureDoesNotMatch', 403]);
    const unknownKey = harness.client(harness.owner, { credentials: { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'x'.repeat(40) } });
    expect(await failure(unknownKey.send(new GetObjectCommand({ Bucket: 'errors', Key: 'present' })))).toEqual(['InvalidAccessKeyId', 403]);
    const withToken = harness.client(harness.owner, {
      credentials: { accessKeyId: harness.owner.accessKeyId, secretAccessKey: harness.owner.secretAccessKey, sessionToken: 'not-issued-here' },
    });
    expect(await failure(withToken.send(new GetObjectCommand({ Bucket: 'errors', Key: 'present' })))).toEqual(['InvalidToken', 400]);
    for (const tokenIn of [{ headers: { 'x-amz-security-token': 'not-issued-here' } }, { query: { 'X-Amz-Security-Token': 'not-issued-here' } }]) {
      const anonymous = await harness.raw({ method: 'GET', path: '/errors/present', ...tokenIn, account: null });
      expect([anonymous.status, codeOf(anonymous.body)]).toEqual([400, 'InvalidToken']);
    }
    const skewed = harness.client(harness.owner, { systemClockOffset: -3_600_000, maxAttempts: 1 });
    expect(await failure(skewed.send(new GetObjectCommand({ Bucket: 'errors', Key: 'present' })))).toEqual(['RequestTimeTooSkewed', 403]);
    const sigV2 = await harness.raw({ method: 'GET', path: '/errors/present', headers: { authorization: `AWS ${harness.owner.accessKeyId}:c2lnbmF0dXJl` }, account: null });
    expect([sigV2.status, codeOf(sigV2.body)]).toEqual([400, 'InvalidRequest']);
    expect(sigV2.body).toContain('Please use AWS4-HMAC-SHA256');
    expect(sigV2.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
    expect(sigV2.body).toMatch(/<RequestId>[0-9A-F]{16}<\/RequestId>/);
  });

  test('a versioning configuration without a Status, or with a Status, MfaDelete or element S3 does not know, changes nothing', async () => {
    const put = (inner: string) => harness.raw({ method: 'PUT', path: '/errors', query: { versioning: '' }, body: `<VersioningConfiguration>${inner}</VersioningConfiguration>` });
    const noStatus = await put('');
    expect([noStatus.status, codeOf(noStatus.body)]).toEqual([400, 'IllegalVersioningConfigurationException']);
    expect(noStatus.body).toContain('<Message>The Versioning element must be specified</Message>');
    expect(codeOf((await put('<MfaDelete>Disabled</MfaDelete>')).body)).toBe('IllegalVersioningConfigurationException');
    const malformed = [
      '<Status>enabled</Status>',
      '<Status>Enabled</Status><MfaDelete>disabled</MfaDelete>',
      '<Status>Enabled</Status><MfaDelete>Bogus</MfaDelete>',
      '<Status>Enabled</Status><MFADelete>Disabled</MFADelete>',
      '<Status>Enabled</Status><Bogus/>',
      '<Bogus/>',
    ];
    for (const inner of malformed) {
      const answer = await put(inner);
      expect([answer.status, codeOf(answer.body)]).toEqual([400, 'MalformedXML']);
    }
    expect(codeOf((await put('<Status>Enabled</Status><MfaDelete>Enabled</MfaDelete>')).body)).toBe('NotImplemented');
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'errors' }))).Status).toBeUndefined();
  });

  test('malformed bodies and digests', async () => {
    const versioning = await harness.raw({ method: 'PUT', path: '/errors', query: { versioning: '' }, body: '<VersioningConfiguration><Status>On' });
    expect([versioning.status, codeOf(versioning.body)]).toEqual([400, 'MalformedXML']);
    const deleteBody = '<Delete><Object><Key>present</Key></Object></Delete>';
    const badMd5 = await harness.raw({ method: 'POST', path: '/errors', query: { delete: '' }, headers: { 'content-md5': 'not-base64' }, body: deleteBody });
    expect([badMd5.status, codeOf(badMd5.body)]).toEqual([400, 'InvalidDigest']);
    const noMd5 = await harness.raw({ method: 'POST', path: '/errors', query: { delete: '' }, body: deleteBody });
    expect([noMd5.status, codeOf(noMd5.body)]).toEqual([400, 'InvalidRequest']);
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'errors', Key: 'present' }))).ContentLength).toBe(10);
  });

  test("an XML body whose Content-MD5 is another body's is BadDigest naming both digests in base64, as S3 answered a PutBucketTagging and a DeleteObjects (quoted in versity/versitygw#1525, minio/minio-js#982); nothing is deleted or configured", async () => {
    const md5 = (text: string) => createHash('md5').update(text).digest('base64');
    const tagging = '<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>';
    const requests: { method: string; query: Record<string, string>; body: string }[] = [
      { method: 'POST', query: { delete: '' }, body: '<Delete><Object><Key>present</Key></Object></Delete>' },
      { method: 'PUT', query: { tagging: '' }, body: tagging },
    ];
    for (const request of requests) {
      const answer = await harness.raw({ ...request, path: '/errors', headers: { 'content-md5': md5('other') } });
      expect([answer.status, codeOf(answer.body)]).toEqual([400, 'BadDigest']);
      expect(answer.body).toContain(
        `<Message>The Content-MD5 you specified did not match what we received.</Message><CalculatedDigest>${md5(request.body)}</CalculatedDigest><ExpectedDigest>${md5('other')}</ExpectedDigest>`,
      );
    }
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'errors', Key: 'present' }))).ContentLength).toBe(10);
    expect(codeOf((await harness.raw({ method: 'GET', path: '/errors', query: { tagging: '' } })).body)).toBe('NoSuchTagSet');
  });

  test("a Content-MD5 that is no MD5 is InvalidDigest in S3's words, naming the value, on an XML body and on an object (S3's answer quoted in versity/versitygw#1526)", async () => {
    const message = '<Message>The Content-MD5 you specified was invalid.</Message>';
    const tagging = await harness.raw({ method: 'PUT', path: '/errors', query: { tagging: '' }, headers: { 'content-md5': 'dummy' }, body: '<Tagging><TagSet/></Tagging>' });
    expect([tagging.status, codeOf(tagging.body)]).toEqual([400, 'InvalidDigest']);
    expect(tagging.body).toContain(`${message}<Content-MD5>dummy</Content-MD5>`);
    const object = await harness.raw({ method: 'PUT', path: '/errors/invalid-md5', headers: { 'content-md5': 'dummy' }, body: 'x' });
    expect([object.status, codeOf(object.body)]).toEqual([400, 'InvalidDigest']);
    expect(object.body).toContain(message);
  });

  test('an element with more attributes than S3 documents carry is MalformedXML, whoever sends it, and deletes nothing; xmlns on every element is taken', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'errors', Key: 'attribute-target', Body: 'x' }));
    const deleteRequest = (document: string, bucket: string, account?: null) =>
      harness.raw({ method: 'POST', path: `/${bucket}`, query: { delete: '' }, headers: { 'content-md5': createHash('md5').update(document).digest('base64') }, body: document, account });
    const attributes = (count: number) => Array.from({ length: count }, (_, index) => ` a${index}="x"`).join('');
    const flood = `<Delete><Object${attributes(150_000)}><Key>attribute-target</Key></Object></Delete>`;
    const anonymous = await deleteRequest(flood, 'no-such-bucket', null);
    expect([anonymous.status, codeOf(anonymous.body)]).toEqual([400, 'MalformedXML']);
    const nine = await deleteRequest(`<Delete><Object${attributes(9)}><Key>attribute-target</Key></Object></Delete>`, 'errors');
    expect([nine.status, codeOf(nine.body)]).toEqual([400, 'MalformedXML']);
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'errors', Key: 'attribute-target' }))).ContentLength).toBe(1);
    const xmlns = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
    const namespacedEverywhere = await deleteRequest(`<?xml version="1.0" encoding="UTF-8"?><Delete ${xmlns}><Object ${xmlns}><Key ${xmlns}>attribute-target</Key></Object></Delete>`, 'errors');
    expect([namespacedEverywhere.status, namespacedEverywhere.body]).toEqual([200, expect.stringContaining('<Deleted><Key>attribute-target</Key></Deleted>')]);
    await absent('attribute-target');
  });

  test('a body of more than 100,000 elements, processing instructions or attributes, or an element or instruction of more than 8 attributes, valued or not, is MalformedXML; a CompleteMultipartUpload of 10000 parts is not', async () => {
    const anonymousDelete = (document: string) =>
      harness.raw({ method: 'POST', path: '/no-such-bucket', query: { delete: '' }, headers: { 'content-md5': createHash('md5').update(document).digest('base64') }, body: document, account: null });
    const valued = (count: number) => Array.from({ length: count }, (_, index) => ` b${index}=""`).join('');
    for (const [flood, count] of [['<a/>', 100_000], ['<?a?>', 100_000], ['<a b="" c=""/>', 50_001], ['<a b c d e f g h i/>', 1], [`<?a${valued(150_000)}?>`, 1], [`<?a 'x${valued(150_000)}'?>`, 1]] as const) {
      const answer = await anonymousDelete(`<Delete>${flood.repeat(count)}<Object><Key>k</Key></Object></Delete>`);
      expect([answer.status, codeOf(answer.body)]).toEqual([400, 'MalformedXML']);
    }
    const checksum = createHash('sha256').update('part').digest('base64');
    const parts = Array.from({ length: 10_000 }, (_, index) => `<Part><ETag>"${'e'.repeat(32)}"</ETag><PartNumber>${index + 1}</PartNumber><ChecksumSHA256>${checksum}</ChecksumSHA256></Part>`);
    const largest = await harness.raw({
      method: 'POST',
      path: '/no-such-bucket/k',
      query: { uploadId: 'u' },
      body: `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts.join('')}</CompleteMultipartUpload>`,
      account: null,
    });
    expect([largest.status, codeOf(largest.body)]).toEqual([404, 'NoSuchBucket']);
  });

  test('bodies cut short or without a length store nothing', async () => {
    const chunked = await harness.raw({
      method: 'PUT',
      path: '/errors/short',
      payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '100', 'x-amz-trailer': 'x-amz-checksum-crc32' },
      body: '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n',
    });
    expect([chunked.status, codeOf(chunked.body)]).toEqual([400, 'IncompleteBody']);
    await absent('short');
    const wrongHash = await harness.raw({ method: 'PUT', path: '/errors/hashed', payloadHash: 'a'.repeat(64), body: 'not what was signed' });
    expect([wrongHash.status, codeOf(wrongHash.body)]).toEqual([400, 'XAmzContentSHA256Mismatch']);
    await absent('hashed');
    const noLength = await harness.raw({ method: 'PUT', path: '/errors/no-length', payloadHash: 'UNSIGNED-PAYLOAD', headers: { 'transfer-encoding': 'chunked' }, body: 'hello' });
    expect([noLength.status, codeOf(noLength.body)]).toEqual([501, 'NotImplemented']);
    expect(noLength.body).toContain('<Header>Transfer-Encoding</Header>');
    await absent('no-length');
    const gzipped = await harness.raw({ method: 'PUT', path: '/errors/gzipped', payloadHash: 'UNSIGNED-PAYLOAD', headers: { 'transfer-encoding': 'gzip' }, body: 'hello' });
    expect([gzipped.status, codeOf(gzipped.body), gzipped.headers.connection]).toEqual([501, 'NotImplemented', 'close']);
    await absent('gzipped');
    await new Promise<void>((resolve) => {
      const outgoing = httpRequest({ host: '127.0.0.1', port: harness.gateway.httpPort, method: 'PUT', path: '/errors/cut', headers: { 'content-length': '1000' } });
      outgoing.on('error', () => resolve());
      outgoing.write('only a few bytes', () => setTimeout(() => outgoing.destroy(), 50));
      outgoing.on('close', () => resolve());
    });
    await absent('cut');
  });

  test('an aws-chunked body with a chunk under 8192 bytes before another is InvalidChunkSizeError and stores nothing, as S3 answers', async () => {
    const response = await harness.raw({
      method: 'PUT',
      path: '/errors/small-chunks',
      payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5', 'x-amz-trailer': 'x-amz-checksum-crc32' },
      body: '3\r\nhel\r\n2\r\nlo\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n',
    });
    expect([response.status, codeOf(response.body)]).toEqual([400, 'InvalidChunkSizeError']);
    expect(response.body).toContain('<Message>Only the last chunk is allowed to have a size less than 8192 bytes</Message>');
    expect(response.body).toContain('<Chunk>2</Chunk><BadChunkSize>3</BadChunkSize>');
    await absent('small-chunks');
  });

  test('an aws-chunked body may end with a few line ends after its final chunk, not with any number of them', async () => {
    const chunkedPut = (key: string, after: string) =>
      harness.raw({
        method: 'PUT',
        path: `/errors/${key}`,
        payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5', 'x-amz-trailer': 'x-amz-checksum-crc32' },
        body: `5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n${after}`,
      });
    expect((await chunkedPut('line-end', '\r\n')).status).toBe(200);
    const flood = await chunkedPut('line-ends', '\r\n'.repeat(64 * 1024));
    expect([flood.status, codeOf(flood.body)]).toEqual([400, 'InvalidArgument']);
    await absent('line-ends');
  });

  test('an XML body sent one byte per HTTP chunk costs the gateway about its size, not a Buffer per byte', async () => {
    const keys = Array.from({ length: 160 }, (_, index) => `${index}-${'k'.repeat(1000)}`);
    const document = `<Delete>${keys.map((key) => `<Object><Key>${key}</Key></Object>`).join('')}</Delete>`;
    const head = await harness.rawHead({
      method: 'POST',
      path: '/no-such-bucket',
      query: { delete: '' },
      headers: { 'transfer-encoding': 'chunked', 'content-md5': createHash('md5').update(document).digest('base64') },
      account: null,
    });
    const { answer, rssGrowthMiB } = await sendMeasured(`${head}${byteChunks(document)}`, '</Error>');
    expect(codeOf(answer)).toBe('NoSuchBucket');
    expect(rssGrowthMiB).toBeLessThan(20);
  }, 90_000);

  test('an upload sent one byte per HTTP chunk costs the gateway about its size, not a Buffer per byte', async () => {
    const content = 'u'.repeat(128 * 1024);
    const body = `${content.length.toString(16)}\r\n${content}\r\n0\r\nx-amz-checksum-crc32:${encodeChecksum(checksumOf('CRC32', Buffer.from(content)))}\r\n\r\n`;
    const head = await harness.rawHead({
      method: 'PUT',
      path: '/errors/byte-chunks',
      payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      headers: {
        'transfer-encoding': 'chunked',
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': String(content.length),
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
    });
    const { answer, rssGrowthMiB } = await sendMeasured(`${head}${byteChunks(body)}`, '\r\n\r\n');
    expect(answer.startsWith('HTTP/1.1 200 ')).toBe(true);
    expect(rssGrowthMiB).toBeLessThan(20);
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'errors', Key: 'byte-chunks' }))).ContentLength).toBe(content.length);
  }, 90_000);

  test('a signed chunk sent one byte per HTTP chunk costs the gateway about its size while it waits for its signature', async () => {
    const content = 's'.repeat(128 * 1024);
    const head = await harness.rawHead({
      method: 'PUT',
      path: '/errors/signed-byte-chunks',
      payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      headers: { 'transfer-encoding': 'chunked', 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(content.length) },
    });
    const forged = `chunk-signature=${'0'.repeat(64)}`;
    const body = `${content.length.toString(16)};${forged}\r\n${content}\r\n0;${forged}\r\n\r\n`;
    const { answer, rssGrowthMiB } = await sendMeasured(`${head}${byteChunks(body)}`, '</Error>');
    expect(codeOf(answer)).toBe('SignatureDoesNotMatch');
    expect(rssGrowthMiB).toBeLessThan(20);
    await absent('signed-byte-chunks');
  }, 90_000);

  test('an upload over 5 GiB is EntityTooLarge before any byte is read', async () => {
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = httpRequest(
        { host: '127.0.0.1', port: harness.gateway.httpPort, method: 'PUT', path: '/errors/huge', headers: { 'content-length': String(5 * 1024 ** 3 + 1) } },
        (incoming) => {
          let body = '';
          incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
        },
      );
      outgoing.on('error', reject);
      outgoing.flushHeaders();
    });
    expect([response.status, codeOf(response.body)]).toEqual([400, 'EntityTooLarge']);
  });
});
