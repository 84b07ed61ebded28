import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { codeOf, startS3Harness, type RawResponse, type S3Harness } from './s3-harness';

/** The text of every `<name>` element of an XML body, in order. */
function elements(body: string, name: string): string[] {
  return [...body.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((match) => match[1]!);
}

/** A Last-Modified header as S3's XML writes that second. */
function xmlSecond(lastModified: string | string[] | undefined): string {
  return new Date(String(lastModified)).toISOString();
}

describe('S3 wire details through the gateway: what an audit against Amazon S3 found', () => {
  let harness: S3Harness;
  let s3: S3Client;
  let port: string;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    port = new URL(harness.http).port;
    for (const bucket of ['wire', 'wire-empty', 'wire-versions', 'wire-null']) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'kept.txt', Body: 'kept' }));
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'wire', Key: 'kept.txt', Tagging: { TagSet: [{ Key: 't', Value: 'v' }] } }));
  }, 60_000);
  afterAll(() => harness.close());

  const exists = async (key: string) => (await s3.send(new HeadObjectCommand({ Bucket: 'wire', Key: key }))).ContentLength;
  const absent = (key: string) => expect(s3.send(new HeadObjectCommand({ Bucket: 'wire', Key: key }))).rejects.toMatchObject({ name: 'NotFound' });
  const multipartUpload = async (bucket: string, key: string) => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const part = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: 'part one' }));
    const body = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${part.ETag}</ETag></Part></CompleteMultipartUpload>`;
    return { uploadId: UploadId!, etag: part.ETag, body };
  };

  describe.each([
    ['an empty versionId', '', 'Version id cannot be the empty string', '<ArgumentName>versionId</ArgumentName><ArgumentValue></ArgumentValue>'],
    ['a versionId no version can have', 'bogus', 'Invalid version id specified', '<ArgumentName>versionId</ArgumentName><ArgumentValue>bogus</ArgumentValue>'],
  ])('%s is InvalidArgument, never the current version', (_name, versionId, message, argument) => {
    const expectInvalidVersionId = (answer: RawResponse, withBody = true) => {
      expect([answer.status, withBody ? codeOf(answer.body) : undefined]).toEqual([400, withBody ? 'InvalidArgument' : undefined]);
      if (!withBody) return;
      expect(answer.body).toContain(`<Message>${message}</Message>`);
      expect(answer.body).toContain(argument);
    };

    test.each([
      ['DELETE', {}],
      ['GET', {}],
      ['GET', { tagging: '' }],
      ['DELETE', { tagging: '' }],
      ['GET', { acl: '' }],
      ['GET', { attributes: '' }],
    ])('%s %o', async (method, query) => {
      const headers = 'attributes' in query ? { 'x-amz-object-attributes': 'ETag' } : undefined;
      expectInvalidVersionId(await harness.raw({ method, path: '/wire/kept.txt', query: { ...query, versionId }, headers }));
      expect(await exists('kept.txt')).toBe(4);
    });

    test('HEAD, PUT ?tagging and PUT ?acl', async () => {
      expectInvalidVersionId(await harness.raw({ method: 'HEAD', path: '/wire/kept.txt', query: { versionId } }), false);
      const tagging = '<Tagging><TagSet><Tag><Key>x</Key><Value>y</Value></Tag></TagSet></Tagging>';
      expectInvalidVersionId(await harness.raw({ method: 'PUT', path: '/wire/kept.txt', query: { tagging: '', versionId }, body: tagging }));
      expectInvalidVersionId(await harness.raw({ method: 'PUT', path: '/wire/kept.txt', query: { acl: '', versionId }, headers: { 'x-amz-acl': 'private' } }));
    });

    test('in x-amz-copy-source of CopyObject and UploadPartCopy', async () => {
      const copySource = { 'x-amz-copy-source': `/wire/kept.txt?versionId=${versionId}` };
      expectInvalidVersionId(await harness.raw({ method: 'PUT', path: '/wire/copied.txt', headers: copySource }));
      await absent('copied.txt');
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'wire', Key: 'part-copied.txt' }));
      expectInvalidVersionId(await harness.raw({ method: 'PUT', path: '/wire/part-copied.txt', query: { partNumber: '1', uploadId: UploadId! }, headers: copySource }));
    });

    test('in DeleteObjects it names no version: NoSuchVersion for that key, which stays', async () => {
      const body = `<Delete><Object><Key>kept.txt</Key><VersionId>${versionId}</VersionId></Object></Delete>`;
      const answer = await harness.raw({ method: 'POST', path: '/wire', query: { delete: '' }, headers: { 'content-md5': createHash('md5').update(body).digest('base64') }, body });
      expect(answer.status).toBe(200);
      expect(answer.body).toContain(`<Error><Key>kept.txt</Key><VersionId>${versionId}</VersionId><Code>NoSuchVersion</Code>`);
      expect(answer.body).not.toContain('<Deleted>');
      expect(await exists('kept.txt')).toBe(4);
    });
  });

  test('a version no object has is NoSuchVersion naming the key and the version id, of the object or of a copy source', async () => {
    const versionId = 'ab'.repeat(24);
    const named = `<Code>NoSuchVersion</Code><Message>The specified version does not exist.</Message><Key>kept.txt</Key><VersionId>${versionId}</VersionId>`;
    for (const query of [{}, { tagging: '' }] as Record<string, string>[]) {
      const answer = await harness.raw({ method: 'GET', path: '/wire/kept.txt', query: { ...query, versionId } });
      expect([answer.status, answer.body]).toEqual([404, expect.stringContaining(named)]);
    }
    const copy = await harness.raw({ method: 'PUT', path: '/wire/copied.txt', headers: { 'x-amz-copy-source': `/wire/kept.txt?versionId=${versionId}` } });
    expect([copy.status, copy.body]).toEqual([404, expect.stringContaining(named)]);
    await absent('copied.txt');
  });

  test('a key with a control character, written as a listing writes it (&#x1;), names that key in DeleteObjects, not the key without it', async () => {
    for (const key of ['ctl\u0001key', 'ctlkey']) await s3.send(new PutObjectCommand({ Bucket: 'wire', Key: key, Body: 'x' }));
    const listing = await harness.raw({ method: 'GET', path: '/wire', query: { 'list-type': '2', prefix: 'ctl' } });
    expect(elements(listing.body, 'Key')).toEqual(['ctl&#x1;key', 'ctlkey']);
    const body = '<Delete><Object><Key>ctl&#x1;key</Key></Object></Delete>';
    const answer = await harness.raw({ method: 'POST', path: '/wire', query: { delete: '' }, headers: { 'content-md5': createHash('md5').update(body).digest('base64') }, body });
    expect(answer.body).toContain('<Deleted><Key>ctl&#x1;key</Key></Deleted>');
    await absent('ctl\u0001key');
    expect(await exists('ctlkey')).toBe(1);
  });

  test('a raw control character in DeleteObjects (as botocore writes a key) is MalformedXML, as in S3, and deletes nothing', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'raw\u0001key', Body: 'x' }));
    const body = '<Delete><Object><Key>raw\u0001key</Key></Object></Delete>';
    const answer = await harness.raw({ method: 'POST', path: '/wire', query: { delete: '' }, headers: { 'content-md5': createHash('md5').update(body).digest('base64') }, body });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'MalformedXML']);
    expect(await exists('raw\u0001key')).toBe(1);
  });

  test('a + in the request path is a space, as S3 reads and signs it (%20); a plus is %2B', async () => {
    for (const key of ['plus a b', 'plus a+b']) await s3.send(new PutObjectCommand({ Bucket: 'wire', Key: key, Body: key }));
    const spaced = await harness.raw({ method: 'GET', path: '/wire/plus+a+b', signedPath: '/wire/plus%20a%20b' });
    const plussed = await harness.raw({ method: 'GET', path: '/wire/plus+a%2Bb', signedPath: '/wire/plus%20a%2Bb' });
    expect([spaced.status, spaced.body, plussed.status, plussed.body]).toEqual([200, 'plus a b', 200, 'plus a+b']);
    const signedAsPlus = await harness.raw({ method: 'GET', path: '/wire/plus+a+b' });
    expect([signedAsPlus.status, codeOf(signedAsPlus.body)]).toEqual([403, 'SignatureDoesNotMatch']);
    const presigned = new URL(await harness.presign('GET', 'wire', 'plus a b', 60));
    expect(presigned.pathname).toBe('/wire/plus%20a%20b');
    const viaPlus = await fetch(presigned.href.replace('/wire/plus%20a%20b', '/wire/plus+a+b'));
    expect([viaPlus.status, await viaPlus.text()]).toEqual([200, 'plus a b']);
  });

  /** The raw request of a presigned URL, with `body` when given. */
  const presignedRequest = async (method: string, key: string, body?: string) => {
    const url = new URL(await harness.presign(method, 'wire', key, 60));
    const length = body === undefined ? '' : `Content-Length: ${Buffer.byteLength(body)}\r\n`;
    return `${method} ${url.pathname}${url.search} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${length}\r\n${body ?? ''}`;
  };
  /** Sends the requests in one write; the status of every answer, read until there is one per request or the connection closes. */
  const pipelined = (requests: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(requests.join('')));
      let received = '';
      const statuses = () => [...received.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((match) => match[1]!);
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (statuses().length === requests.length) socket.destroy();
      });
      socket.on('close', () => resolve(statuses()));
      socket.on('error', reject);
    });

  test('requests pipelined on one connection are served in order: a PUT then a DELETE leaves no object, the later of two PUTs wins; more than 32 unanswered end the connection', async () => {
    const request = presignedRequest;
    for (let round = 0; round < 3; round++) {
      expect(await pipelined([await request('PUT', 'piped', 'A'.repeat(200_000)), await request('PUT', 'piped', 'B')])).toEqual(['200', '200']);
      expect(await (await s3.send(new GetObjectCommand({ Bucket: 'wire', Key: 'piped' }))).Body!.transformToString()).toBe('B');
      expect(await pipelined([await request('PUT', 'piped-gone', 'x'), await request('DELETE', 'piped-gone'), await request('GET', 'piped-gone')])).toEqual(['200', '204', '404']);
    }
    const flood = await new Promise<{ answers: number }>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /wire/none HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(200)));
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
      socket.on('close', () => resolve({ answers: [...received.matchAll(/^HTTP\/1\.1 /gm)].length }));
      socket.on('error', reject);
    });
    expect(flood.answers).toBeLessThanOrEqual(32);
    expect((await s3.send(new GetObjectCommand({ Bucket: 'wire', Key: 'piped' }))).$metadata.httpStatusCode).toBe(200);
  });

  test('a request pipelined behind an answer that closes the connection is not run: it would have no answer', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'not-run-behind', Body: 'still here' }));
    const forged = (await presignedRequest('PUT', 'forged', 'zz')).replace(/X-Amz-Signature=([0-9a-f])/, (_match, digit: string) => `X-Amz-Signature=${digit === '0' ? '1' : '0'}`);
    expect(await pipelined([forged, await presignedRequest('DELETE', 'not-run-behind')])).toEqual(['403']);
    expect(await exists('not-run-behind')).toBe(10);
    expect(await pipelined([await presignedRequest('GET', 'not-run-behind'), await presignedRequest('DELETE', 'not-run-behind'), 'NOT HTTP AT ALL\r\n\r\n'])).toEqual(['200']);
    expect(await exists('not-run-behind')).toBe(10);
  });

  test('a query parameter named ?acl (GET /b/k??acl) is not the acl sub-resource: routing reads the query as the signature does', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'question', Body: 'the object' }));
    const answer = await harness.raw({ method: 'GET', path: '/wire/question', rawQuery: '?acl' });
    expect([answer.status, answer.body]).toEqual([200, 'the object']);
  });

  test('a query parameter whose escapes are not UTF-8 is InvalidURI, as such a path is, rather than read with U+FFFD', async () => {
    for (const rawQuery of ['list-type=2&prefix=%C3', 'list-type=2&start-after=%FF', '%C3=x']) {
      const refused = await harness.raw({ method: 'GET', path: '/wire', rawQuery, account: null });
      expect([rawQuery, refused.status, codeOf(refused.body)]).toEqual([rawQuery, 400, 'InvalidURI']);
    }
    await s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'café/menu', Body: 'x' }));
    const listed = await harness.raw({ method: 'GET', path: '/wire', rawQuery: 'list-type=2&prefix=caf%C3%A9%2F' });
    expect([listed.status, elements(listed.body, 'Key')]).toEqual([200, ['café/menu']]);
  });

  /** What comes back for `bytes` sent on a connection of their own, read until it closes. */
  const answer = (bytes: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes));
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });

  test('two Host headers, or two hosts in one, are BadRequest: a proxy could route by one while the gateway addressed by the other', async () => {
    for (const hosts of ['Host: wire.localhost\r\nHost: 127.0.0.1', 'Host: wire.localhost,127.0.0.1']) {
      const refused = await answer(`GET /kept.txt HTTP/1.1\r\n${hosts}\r\nConnection: close\r\n\r\n`);
      expect([refused.slice(0, 12), codeOf(refused)]).toEqual(['HTTP/1.1 400', 'BadRequest']);
    }
  });

  test('a request whose headers exceed the limit is RequestHeaderSectionTooLarge, and bytes that are no HTTP request are BadRequest, both as S3 XML errors with a request id', async () => {
    const tooLarge = await answer(`GET /wire/kept.txt?continuation-token=${'A'.repeat(100_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(tooLarge).toMatch(/^HTTP\/1\.1 400 /);
    expect(tooLarge).toMatch(/\r\nx-amz-request-id: [0-9A-F]{16}\r\n/);
    expect(codeOf(tooLarge)).toBe('RequestHeaderSectionTooLarge');
    const garbage = await answer('NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(codeOf(garbage)).toBe('BadRequest');
    expect(await exists('kept.txt')).toBe(4);
  });

  test('an absolute-form request target (http://host/path) names the same object as its path', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'absolute/k', Body: 'absolute' }));
    const absolute = await harness.raw({ method: 'GET', path: `${harness.http}/wire/absolute/k`, signedPath: '/wire/absolute/k' });
    expect([absolute.status, absolute.body]).toEqual([200, 'absolute']);
    const listed = await harness.raw({ method: 'GET', path: `${harness.http}/wire`, signedPath: '/wire', query: { prefix: 'absolute/' } });
    expect([listed.status, listed.body.includes('<Key>absolute/k</Key>')]).toEqual([200, true]);
  });

  test('a + in x-amz-copy-source is a space, as S3 reads it; a plus is %2B', async () => {
    for (const key of ['plus a b', 'plus a+b']) await s3.send(new PutObjectCommand({ Bucket: 'wire', Key: key, Body: key }));
    for (const [source, copied] of [['/wire/plus+a+b', 'plus a b'], ['/wire/plus+a%2Bb', 'plus a+b']] as const) {
      const answer = await harness.raw({ method: 'PUT', path: '/wire/plus-copy', headers: { 'x-amz-copy-source': source } });
      expect(answer.status).toBe(200);
      expect(await (await s3.send(new GetObjectCommand({ Bucket: 'wire', Key: 'plus-copy' }))).Body!.transformToString()).toBe(copied);
    }
  });

  test('a version-id-marker no version can have is InvalidArgument', async () => {
    const answer = await harness.raw({ method: 'GET', path: '/wire', query: { versions: '', 'key-marker': 'kept.txt', 'version-id-marker': 'bogus' } });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
    expect(answer.body).toContain('<Message>Invalid version id specified</Message><ArgumentName>version-id-marker</ArgumentName><ArgumentValue>bogus</ArgumentValue>');
  });

  test('a version-id-marker without a key-marker, or an empty one, is InvalidArgument with S3 wording', async () => {
    const cases = [
      [{ 'version-id-marker': 'null' }, 'A version-id marker cannot be specified without a key marker.', 'null'],
      [{ 'version-id-marker': '' }, 'A version-id marker cannot be specified without a key marker.', ''],
      [{ 'key-marker': 'kept.txt', 'version-id-marker': '' }, 'A version-id marker cannot be empty.', ''],
    ] as const;
    for (const [query, message, value] of cases) {
      const answer = await harness.raw({ method: 'GET', path: '/wire', query: { versions: '', ...query } });
      expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
      expect(answer.body).toContain(`<Message>${message}</Message><ArgumentName>version-id-marker</ArgumentName><ArgumentValue>${value}</ArgumentValue>`);
    }
  });

  describe('a DELETE of a sub-resource without a DELETE operation is MethodNotAllowed and deletes nothing', () => {
    test.each(['acl', 'attributes', 'uploads', 'versions', 'object-lock', 'retention', 'legal-hold'])('DELETE /wire/kept.txt?%s', async (name) => {
      const answer = await harness.raw({ method: 'DELETE', path: '/wire/kept.txt', query: { [name]: '' } });
      expect([answer.status, codeOf(answer.body)]).toEqual([405, 'MethodNotAllowed']);
      expect(answer.body).toContain('<Method>DELETE</Method>');
      expect(await exists('kept.txt')).toBe(4);
    });

    test.each(['acl', 'versioning', 'location', 'policyStatus', 'versions', 'uploads', 'requestPayment', 'object-lock', 'attributes', 'accelerate', 'logging'])(
      'DELETE /wire-empty?%s',
      async (name) => {
        const answer = await harness.raw({ method: 'DELETE', path: '/wire-empty', query: { [name]: '' } });
        expect([answer.status, codeOf(answer.body)]).toEqual([405, 'MethodNotAllowed']);
        await s3.send(new HeadBucketCommand({ Bucket: 'wire-empty' }));
      },
    );

    test('the DELETEs S3 has still work', async () => {
      expect((await harness.raw({ method: 'DELETE', path: '/wire/kept.txt', query: { tagging: '' } })).status).toBe(204);
      expect((await harness.raw({ method: 'DELETE', path: '/wire-empty', query: { lifecycle: '' } })).status).toBe(501);
      await s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'doomed.txt', Body: 'x' }));
      expect((await harness.raw({ method: 'DELETE', path: '/wire/doomed.txt', query: { 'x-id': 'DeleteObject' } })).status).toBe(204);
      await absent('doomed.txt');
    });
  });

  describe('XML timestamps are whole seconds, the second Last-Modified shows', () => {
    test('listings', async () => {
      const lastModified = xmlSecond((await harness.raw({ method: 'HEAD', path: '/wire/kept.txt' })).headers['last-modified']);
      const v1 = await harness.raw({ method: 'GET', path: '/wire', query: { prefix: 'kept' } });
      const v2 = await harness.raw({ method: 'GET', path: '/wire', query: { 'list-type': '2', prefix: 'kept' } });
      const versions = await harness.raw({ method: 'GET', path: '/wire', query: { versions: '', prefix: 'kept' } });
      for (const listing of [v1, v2, versions]) expect(elements(listing.body, 'LastModified')).toEqual([lastModified]);
    });

    test('CopyObjectResult and CopyPartResult', async () => {
      const copied = await harness.raw({ method: 'PUT', path: '/wire/copy.txt', headers: { 'x-amz-copy-source': '/wire/kept.txt' } });
      expect(copied.status).toBe(200);
      const copyLastModified = xmlSecond((await harness.raw({ method: 'HEAD', path: '/wire/copy.txt' })).headers['last-modified']);
      expect(elements(copied.body, 'LastModified')).toEqual([copyLastModified]);
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'wire', Key: 'copy-parts.txt' }));
      const partCopy = await harness.raw({ method: 'PUT', path: '/wire/copy-parts.txt', query: { partNumber: '1', uploadId: UploadId! }, headers: { 'x-amz-copy-source': '/wire/kept.txt' } });
      expect(partCopy.status).toBe(200);
      expect(elements(partCopy.body, 'LastModified')).toEqual([expect.stringMatching(/T\d\d:\d\d:\d\d\.000Z$/)]);
    });

    test('ListMultipartUploads Initiated and ListParts LastModified', async () => {
      const { uploadId } = await multipartUpload('wire', 'listed-parts.txt');
      const uploads = await harness.raw({ method: 'GET', path: '/wire', query: { uploads: '', prefix: 'listed-parts' } });
      expect(elements(uploads.body, 'Initiated')).toEqual([expect.stringMatching(/T\d\d:\d\d:\d\d\.000Z$/)]);
      const parts = await harness.raw({ method: 'GET', path: '/wire/listed-parts.txt', query: { uploadId } });
      expect(elements(parts.body, 'LastModified')).toEqual([expect.stringMatching(/T\d\d:\d\d:\d\d\.000Z$/)]);
    });

    test('ListBuckets CreationDate', async () => {
      const buckets = await harness.raw({ method: 'GET', path: '/' });
      expect(elements(buckets.body, 'CreationDate').length).toBeGreaterThan(0);
      for (const date of elements(buckets.body, 'CreationDate')) expect(date).toMatch(/T\d\d:\d\d:\d\d\.000Z$/);
    });
  });

  test('owners, initiators and grantees are named by ID alone: S3 stopped returning DisplayName on 2025-11-21', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'wire-owners', ObjectOwnership: 'ObjectWriter' }));
    await s3.send(new PutObjectCommand({ Bucket: 'wire-owners', Key: 'owned.txt', Body: 'x' }));
    const grants = { 'x-amz-grant-full-control': `id="${harness.owner.canonicalUserId}"`, 'x-amz-grant-read': `id="${harness.other.canonicalUserId}"` };
    expect((await harness.raw({ method: 'PUT', path: '/wire-owners/owned.txt', query: { acl: '' }, headers: grants })).status).toBe(200);
    const { uploadId } = await multipartUpload('wire-owners', 'uploading.txt');
    const answers = [
      await harness.raw({ method: 'GET', path: '/' }),
      await harness.raw({ method: 'GET', path: '/wire-owners', query: { 'fetch-owner': 'true', 'list-type': '2' } }),
      await harness.raw({ method: 'GET', path: '/wire-owners' }),
      await harness.raw({ method: 'GET', path: '/wire-owners', query: { versions: '' } }),
      await harness.raw({ method: 'GET', path: '/wire-owners', query: { uploads: '' } }),
      await harness.raw({ method: 'GET', path: '/wire-owners/uploading.txt', query: { uploadId } }),
      await harness.raw({ method: 'GET', path: '/wire-owners', query: { acl: '' } }),
      await harness.raw({ method: 'GET', path: '/wire-owners/owned.txt', query: { acl: '' } }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(elements(answer.body, 'ID')).toContain(harness.owner.canonicalUserId);
      expect(answer.body).not.toContain('DisplayName');
    }
  });

  test('ListObjectVersions interleaves versions and delete markers in listing order', async () => {
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'wire-versions', VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new PutObjectCommand({ Bucket: 'wire-versions', Key: 'a', Body: 'a1' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'wire-versions', Key: 'a' }));
    await s3.send(new PutObjectCommand({ Bucket: 'wire-versions', Key: 'b', Body: 'b1' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'wire-versions', Key: 'b' }));
    await s3.send(new PutObjectCommand({ Bucket: 'wire-versions', Key: 'b', Body: 'b2' }));
    const listing = await harness.raw({ method: 'GET', path: '/wire-versions', query: { versions: '' } });
    const entries = [...listing.body.matchAll(/<(Version|DeleteMarker)><Key>([^<]*)<\/Key><VersionId>[^<]*<\/VersionId><IsLatest>(true|false)</g)].map((match) => match.slice(1).join(' '));
    expect(entries).toEqual(['DeleteMarker a true', 'Version a false', 'Version b true', 'DeleteMarker b false', 'Version b false']);
  });

  test('the null version is named `null` once versioning was configured, and not at all before; a PUT that writes it names no id, as S3 answers', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'wire-null', Key: 'n', Body: 'before versioning' }));
    const copied = await s3.send(new CopyObjectCommand({ Bucket: 'wire-null', Key: 'copy', CopySource: 'wire-null/n' }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'wire-null', Key: 'n' }));
    expect([put.VersionId, copied.VersionId, copied.CopySourceVersionId, head.VersionId]).toEqual([undefined, undefined, undefined, undefined]);

    await s3.send(new PutBucketVersioningCommand({ Bucket: 'wire-null', VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'wire-null', Key: 'n' }))).VersionId).toBe('null');
    const fromNull = await s3.send(new CopyObjectCommand({ Bucket: 'wire-null', Key: 'copy', CopySource: 'wire-null/n' }));
    // LocalStack's AWS-validated test_s3_copy_object_in_place_versioned: S3 names no source version for a copy of the null version.
    expect(fromNull.CopySourceVersionId).toBeUndefined();
    expect(fromNull.VersionId).toMatch(/^[0-9a-f]{48}$/);

    await s3.send(new PutBucketVersioningCommand({ Bucket: 'wire-null', VersioningConfiguration: { Status: 'Suspended' } }));
    // LocalStack's AWS-validated test_put_object_on_suspended_bucket: S3 answers a PUT into a suspended
    // bucket without x-amz-version-id, and a GET of what it wrote with `null`.
    expect((await s3.send(new PutObjectCommand({ Bucket: 'wire-null', Key: 'n', Body: 'suspended' }))).VersionId).toBeUndefined();
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'wire-null', Key: 'n' }))).VersionId).toBe('null');
    expect(await s3.send(new DeleteObjectCommand({ Bucket: 'wire-null', Key: 'n' }))).toMatchObject({ DeleteMarker: true, VersionId: 'null' });
  });

  test('Object Lock is refused, never silently ignored: a locking write stores nothing, a lock-enabled bucket is not created', async () => {
    const lock = { ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: new Date('2030-01-01T00:00:00Z') } as const;
    const refused = { name: 'InvalidRequest', message: 'Bucket is missing Object Lock Configuration' };
    await expect(s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'locked.txt', Body: 'x', ...lock }))).rejects.toMatchObject(refused);
    await expect(s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'locked.txt', Body: 'x', ObjectLockLegalHoldStatus: 'ON' }))).rejects.toMatchObject(refused);
    await expect(s3.send(new CopyObjectCommand({ Bucket: 'wire', Key: 'locked.txt', CopySource: 'wire/kept.txt', ...lock }))).rejects.toMatchObject(refused);
    await expect(s3.send(new CreateMultipartUploadCommand({ Bucket: 'wire', Key: 'locked.txt', ...lock }))).rejects.toMatchObject(refused);
    await absent('locked.txt');
    await expect(s3.send(new CreateBucketCommand({ Bucket: 'wire-locked', ObjectLockEnabledForBucket: true }))).rejects.toMatchObject({ name: 'NotImplemented' });
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'wire-locked' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  test('HeadBucket denied still names the bucket\'s region, as S3 does', async () => {
    const denied = await harness.raw({ method: 'HEAD', path: '/wire', account: null });
    expect([denied.status, denied.headers['x-amz-bucket-region']]).toEqual([403, 'us-east-1']);
    const missing = await harness.raw({ method: 'HEAD', path: '/no-such-bucket-here', account: null });
    expect([missing.status, missing.headers['x-amz-bucket-region']]).toEqual([404, undefined]);
  });

  test('a blob tampered with in its second segment: a whole GET is 500 InternalError (not an empty reply), untouched ranges still read', async () => {
    const body = Buffer.alloc(320 * 1024, 'abcdefgh');
    await s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'tampered.bin', Body: body }));
    const { rows } = await harness.backend.database.pool.query<{ blob_id: string }>(`SELECT blob_id FROM storage.object_versions WHERE key = 'tampered.bin'`);
    const blobId = rows[0]!.blob_id;
    const path = join(harness.backend.storage.blobDirectory, blobId.slice(0, 2), blobId);
    const sealed = readFileSync(path);
    sealed.writeUInt8(sealed.readUInt8(100 * 1024) ^ 1, 100 * 1024);
    writeFileSync(path, sealed);
    const whole = await harness.raw({ method: 'GET', path: '/wire/tampered.bin' });
    expect([whole.status, codeOf(whole.body)]).toEqual([500, 'InternalError']);
    const untouched = await harness.raw({ method: 'GET', path: '/wire/tampered.bin', headers: { range: 'bytes=0-99' } });
    expect([untouched.status, untouched.body]).toEqual([206, body.subarray(0, 100).toString()]);
  });

  describe('CompleteMultipartUpload Location is the absolute URL of the object', () => {
    // S3 form-encodes the key there, / as %2F and a space as + (aws/aws-sdk-js#811, #1158, #1707), as in PostObject's Location.
    test('path style, the key form-encoded', async () => {
      const { uploadId, body } = await multipartUpload('wire', 'dir/a b+c~ü.txt');
      const done = await harness.raw({ method: 'POST', path: '/wire/dir/a%20b%2Bc~%C3%BC.txt', query: { uploadId }, body });
      expect(done.status).toBe(200);
      expect(elements(done.body, 'Location')).toEqual([`http://127.0.0.1:${port}/wire/dir%2Fa+b%2Bc%7E%C3%BC.txt`]);
    });

    test('virtual-hosted style', async () => {
      const { uploadId, body } = await multipartUpload('wire', 'hosted.txt');
      const done = await harness.raw({ method: 'POST', path: '/hosted.txt', query: { uploadId }, headers: { host: `wire.localhost:${port}` }, body });
      expect(done.status).toBe(200);
      expect(elements(done.body, 'Location')).toEqual([`http://wire.localhost:${port}/hosted.txt`]);
    });

    test('over TLS', async () => {
      const secure = harness.client(harness.owner, { secure: true });
      const { uploadId, etag } = await multipartUpload('wire', 'secure.txt');
      const done = await secure.send(new CompleteMultipartUploadCommand({ Bucket: 'wire', Key: 'secure.txt', UploadId: uploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: etag }] } }));
      expect(done.Location).toBe(`${harness.https}/wire/secure.txt`);
    });
  });

  describe('copy errors name the copy source', () => {
    const copy = (source: string, destination = '/wire/copy-target.txt', query: Record<string, string> = {}) =>
      harness.raw({ method: 'PUT', path: destination, query, headers: { 'x-amz-copy-source': source } });

    test('CopyObject from a missing bucket or key', async () => {
      const noBucket = await copy('/no-such-source/kept.txt');
      expect([noBucket.status, codeOf(noBucket.body), elements(noBucket.body, 'BucketName')]).toEqual([404, 'NoSuchBucket', ['no-such-source']]);
      const noKey = await copy('/wire/no-such-key.txt');
      expect([noKey.status, codeOf(noKey.body), elements(noKey.body, 'Key')]).toEqual([404, 'NoSuchKey', ['no-such-key.txt']]);
    });

    test('UploadPartCopy from a missing bucket or key', async () => {
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'wire', Key: 'copy-target.txt' }));
      const query = { partNumber: '1', uploadId: UploadId! };
      const noBucket = await copy('/no-such-source/kept.txt', '/wire/copy-target.txt', query);
      expect([noBucket.status, codeOf(noBucket.body), elements(noBucket.body, 'BucketName')]).toEqual([404, 'NoSuchBucket', ['no-such-source']]);
      const noKey = await copy('/wire/no-such-key.txt', '/wire/copy-target.txt', query);
      expect([noKey.status, codeOf(noKey.body), elements(noKey.body, 'Key')]).toEqual([404, 'NoSuchKey', ['no-such-key.txt']]);
    });

    test('a source bucket name no bucket can have is InvalidArgument "Invalid copy source bucket name", as S3 answers it, never NoSuchBucket; a source without a key is "Invalid copy source object key"', async () => {
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'wire', Key: 'copy-target.txt' }));
      const copyBoth = (CopySource: string) => [
        s3.send(new CopyObjectCommand({ Bucket: 'wire', Key: 'copy-target.txt', CopySource })),
        s3.send(new UploadPartCopyCommand({ Bucket: 'wire', Key: 'copy-target.txt', UploadId, PartNumber: 1, CopySource })),
      ];
      for (const [CopySource, message] of [
        ['Bad_Bucket!/kept.txt', 'Invalid copy source bucket name'],
        ['s3://wire/kept.txt', 'Invalid copy source bucket name'],
        ['my-buc@k&()t/kept.txt', 'Invalid copy source bucket name'],
        ['/wire/', 'Invalid copy source object key'],
      ]) {
        for (const refused of copyBoth(CopySource!)) {
          await expect(refused).rejects.toMatchObject({ name: 'InvalidArgument', message, ArgumentName: 'x-amz-copy-source', ArgumentValue: CopySource, $metadata: { httpStatusCode: 400 } });
        }
      }
      // Names the older us-east-1 rules allowed (upper case, underscores) are looked up: such a bucket may exist in S3.
      const legacy = await copy('/Legacy_Bucket/kept.txt');
      expect([legacy.status, codeOf(legacy.body), elements(legacy.body, 'BucketName')]).toEqual([404, 'NoSuchBucket', ['Legacy_Bucket']]);
      await absent('copy-target.txt');
    });

    test('a missing destination bucket, or a destination If-Match on no object, still name the destination; a missing source is named even with If-Match', async () => {
      const noBucket = await copy('/wire/kept.txt', '/no-such-destination/copy.txt');
      expect([noBucket.status, codeOf(noBucket.body), elements(noBucket.body, 'BucketName')]).toEqual([404, 'NoSuchBucket', ['no-such-destination']]);
      const ifMatch = await harness.raw({ method: 'PUT', path: '/wire/not-there.txt', headers: { 'x-amz-copy-source': '/wire/kept.txt', 'if-match': '"abc"' } });
      expect([ifMatch.status, codeOf(ifMatch.body), elements(ifMatch.body, 'Key')]).toEqual([404, 'NoSuchKey', ['not-there.txt']]);
      const bothMissing = await harness.raw({ method: 'PUT', path: '/wire/not-there.txt', headers: { 'x-amz-copy-source': '/wire/no-such-key.txt', 'if-match': '"abc"' } });
      expect([bothMissing.status, codeOf(bothMissing.body), elements(bothMissing.body, 'Key')]).toEqual([404, 'NoSuchKey', ['no-such-key.txt']]);
    });
  });
});
