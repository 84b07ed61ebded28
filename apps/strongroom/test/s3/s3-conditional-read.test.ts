import { CopyObjectCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteObjectCommand, PutBucketVersioningCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { codeOf, startS3Harness, type RawResponse, type S3Harness } from './s3-harness';

/** The `<Condition>` a 412 names. */
function conditionOf(answer: RawResponse): string | undefined {
  return /<Condition>([^<]*)<\/Condition>/.exec(answer.body)?.[1];
}

describe('S3 conditional reads and copy-source conditions through the gateway', () => {
  let harness: S3Harness;
  let s3: S3Client;
  let etag: string;
  let lastModified: Date;
  /** A date the object was modified after: If-Modified-Since holds, If-Unmodified-Since does not. */
  let before: string;
  /** A date, not later than now, the object was not modified after: If-Modified-Since does not hold, If-Unmodified-Since does. */
  let after: string;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'reads' }));
    const put = await s3.send(new PutObjectCommand({ Bucket: 'reads', Key: 'doc', Body: 'cached', CacheControl: 'max-age=60', Expires: new Date('2030-01-01T00:00:00Z') }));
    etag = put.ETag!;
    const head = await harness.raw({ method: 'HEAD', path: '/reads/doc' });
    lastModified = new Date(head.headers['last-modified'] as string);
    before = new Date(lastModified.getTime() - 60_000).toUTCString();
    after = lastModified.toUTCString();
  }, 60_000);
  afterAll(() => harness.close());

  const read = (method: 'GET' | 'HEAD', headers: Record<string, string>, query: Record<string, string> = {}) => harness.raw({ method, path: '/reads/doc', headers, query });
  const copy = (headers: Record<string, string>) => harness.raw({ method: 'PUT', path: '/reads/copy', headers: { 'x-amz-copy-source': '/reads/doc', ...headers } });

  test('If-Match compares strongly: a weak tag never matches (RFC 9110 13.1.1), on a read, a copy source, a conditional PUT and DELETE', async () => {
    const weak = `W/${etag}`;
    for (const method of ['GET', 'HEAD'] as const) {
      expect([method, (await read(method, { 'if-match': weak })).status]).toEqual([method, 412]);
      expect([method, (await read(method, { 'if-match': `${weak}, "other"` })).status]).toEqual([method, 412]);
    }
    const copied = await copy({ 'x-amz-copy-source-if-match': weak });
    expect([copied.status, conditionOf(copied)]).toEqual([412, 'x-amz-copy-source-If-Match']);
    const put = await harness.raw({ method: 'PUT', path: '/reads/doc', headers: { 'if-match': weak }, body: 'overwritten' });
    expect([put.status, conditionOf(put)]).toEqual([412, 'If-Match']);
    const deleted = await harness.raw({ method: 'DELETE', path: '/reads/doc', headers: { 'if-match': weak } });
    expect([deleted.status, codeOf(deleted.body)]).toEqual([412, 'PreconditionFailed']);
    expect((await read('GET', {})).body).toBe('cached');
  });

  test('If-None-Match compares weakly: a weak tag of the ETag is Not Modified on a read, and fails a copy source', async () => {
    for (const method of ['GET', 'HEAD'] as const) expect([method, (await read(method, { 'if-none-match': `W/${etag}` })).status]).toEqual([method, 304]);
    const copied = await copy({ 'x-amz-copy-source-if-none-match': `W/${etag}` });
    expect([copied.status, conditionOf(copied)]).toEqual([412, 'x-amz-copy-source-If-None-Match']);
  });

  test('lists, *, and unquoted or half-quoted ETags (which S3 takes) on a read; a quoted "*" is an entity tag, not the wildcard', async () => {
    const cases: [Record<string, string>, number][] = [
      [{ 'if-match': `"other", ${etag}` }, 200],
      [{ 'if-match': '*' }, 200],
      [{ 'if-match': etag.replace(/"/g, '') }, 200],
      [{ 'if-match': etag.slice(1) }, 200],
      [{ 'if-match': etag.slice(0, -1) }, 200],
      [{ 'if-match': '"other", "more"' }, 412],
      [{ 'if-match': '"*"' }, 412],
      [{ 'if-none-match': `"other", ${etag}` }, 304],
      [{ 'if-none-match': '*' }, 304],
      [{ 'if-none-match': etag.replace(/"/g, '') }, 304],
      [{ 'if-none-match': etag.slice(1) }, 304],
      [{ 'if-none-match': '"other", "more"' }, 200],
    ];
    for (const [headers, status] of cases) expect([headers, (await read('GET', headers)).status]).toEqual([headers, status]);
  });

  test('a 304 sends what a 200 would of Cache-Control, Expires, Date, ETag and Last-Modified (RFC 9110 15.4.5), a response-* override included, and no body', async () => {
    const ok = await read('GET', {});
    for (const method of ['GET', 'HEAD'] as const) {
      for (const conditions of [{ 'if-none-match': etag }, { 'if-modified-since': after }] as Record<string, string>[]) {
        const answer = await read(method, conditions);
        const { etag: tag, 'last-modified': modified, 'cache-control': cacheControl, expires, date } = answer.headers;
        expect([method, answer.status, answer.body, tag, modified, cacheControl, expires]).toEqual([
          method,
          304,
          '',
          etag,
          ok.headers['last-modified'],
          'max-age=60',
          ok.headers.expires,
        ]);
        expect(Date.parse(date as string)).toBeGreaterThan(Date.now() - 60_000);
      }
    }
    const overridden = await read('GET', { 'if-none-match': etag }, { 'response-cache-control': 'no-cache', 'response-expires': 'Thu, 01 Jan 2032 00:00:00 GMT' });
    expect([overridden.status, overridden.headers['cache-control'], overridden.headers.expires]).toEqual([304, 'no-cache', 'Thu, 01 Jan 2032 00:00:00 GMT']);
    await s3.send(new PutObjectCommand({ Bucket: 'reads', Key: 'plain', Body: 'plain' }));
    const plain = await harness.raw({ method: 'GET', path: '/reads/plain', headers: { 'if-modified-since': new Date().toUTCString() } });
    expect([plain.status, plain.headers['cache-control'], plain.headers.expires]).toEqual([304, undefined, undefined]);
  });

  test('a 304 for an object whose Cache-Control is longer than an error may carry leaves it out rather than send it cut short', async () => {
    const long = `max-age=60, ${'x'.repeat(2000)}`;
    await s3.send(new PutObjectCommand({ Bucket: 'reads', Key: 'long-cache-control', Body: 'x', CacheControl: long }));
    expect((await harness.raw({ method: 'GET', path: '/reads/long-cache-control' })).headers['cache-control']).toBe(long);
    const answer = await harness.raw({ method: 'GET', path: '/reads/long-cache-control', headers: { 'if-modified-since': new Date().toUTCString() } });
    expect([answer.status, answer.headers['cache-control']]).toEqual([304, undefined]);
  });

  test("GetObject and HeadObject: S3's documented pairs (If-Match true with If-Unmodified-Since false is 200; If-None-Match false with If-Modified-Since true is 304), and the rest in RFC 9110's order", async () => {
    const other = '"0123456789abcdef0123456789abcdef"';
    const cases: [Record<string, string>, number][] = [
      [{ 'if-match': etag, 'if-unmodified-since': before }, 200],
      [{ 'if-none-match': etag, 'if-modified-since': before }, 304],
      [{ 'if-match': other, 'if-unmodified-since': after }, 412],
      [{ 'if-none-match': other, 'if-modified-since': after }, 200],
      [{ 'if-unmodified-since': before, 'if-none-match': etag }, 412],
      [{ 'if-match': etag, 'if-none-match': etag }, 304],
      [{ 'if-unmodified-since': after, 'if-modified-since': after }, 304],
      [{ 'if-unmodified-since': before }, 412],
      [{ 'if-modified-since': before }, 200],
    ];
    for (const method of ['GET', 'HEAD'] as const) {
      for (const [headers, status] of cases) expect([method, headers, (await read(method, headers)).status]).toEqual([method, headers, status]);
    }
  });

  test('dates that do not parse are ignored, as S3 ignores them', async () => {
    for (const name of ['if-modified-since', 'if-unmodified-since', 'x-amz-copy-source-if-modified-since', 'x-amz-copy-source-if-unmodified-since']) {
      for (const value of ['yesterday', '2000-01-01', '0', '']) {
        const answer = name.startsWith('x-amz') ? await copy({ [name]: value }) : await read('GET', { [name]: value });
        expect([name, value, answer.status]).toEqual([name, value, 200]);
      }
    }
  });

  describe('copy-source conditions: CopyObject and UploadPartCopy', () => {
    let uploadId: string;
    beforeAll(async () => {
      uploadId = (await s3.send(new CreateMultipartUploadCommand({ Bucket: 'reads', Key: 'parts' }))).UploadId!;
    });
    const partCopy = (headers: Record<string, string>) =>
      harness.raw({ method: 'PUT', path: '/reads/parts', query: { partNumber: '1', uploadId }, headers: { 'x-amz-copy-source': '/reads/doc', ...headers } });

    test("S3's documented pairs (If-Match true with If-Unmodified-Since false copies; If-None-Match false with If-Modified-Since true is 412), and each condition alone", async () => {
      const other = '"0123456789abcdef0123456789abcdef"';
      const cases: [Record<string, string>, number, string | undefined][] = [
        [{ 'x-amz-copy-source-if-match': etag, 'x-amz-copy-source-if-unmodified-since': before }, 200, undefined],
        [{ 'x-amz-copy-source-if-none-match': etag, 'x-amz-copy-source-if-modified-since': before }, 412, 'x-amz-copy-source-If-None-Match'],
        [{ 'x-amz-copy-source-if-match': other, 'x-amz-copy-source-if-unmodified-since': after }, 412, 'x-amz-copy-source-If-Match'],
        [{ 'x-amz-copy-source-if-none-match': other, 'x-amz-copy-source-if-modified-since': before }, 200, undefined],
        [{ 'x-amz-copy-source-if-match': etag }, 200, undefined],
        [{ 'x-amz-copy-source-if-match': other }, 412, 'x-amz-copy-source-If-Match'],
        [{ 'x-amz-copy-source-if-none-match': other }, 200, undefined],
        [{ 'x-amz-copy-source-if-none-match': etag }, 412, 'x-amz-copy-source-If-None-Match'],
        [{ 'x-amz-copy-source-if-unmodified-since': after }, 200, undefined],
        [{ 'x-amz-copy-source-if-unmodified-since': before }, 412, 'x-amz-copy-source-If-Unmodified-Since'],
        [{ 'x-amz-copy-source-if-modified-since': before }, 200, undefined],
        [{ 'x-amz-copy-source-if-modified-since': after }, 412, 'x-amz-copy-source-If-Modified-Since'],
      ];
      for (const send of [copy, partCopy]) {
        for (const [headers, status, condition] of cases) {
          const answer = await send(headers);
          expect([headers, answer.status, conditionOf(answer)]).toEqual([headers, status, condition]);
        }
      }
    });

    test("in a versioned bucket, the source's own Last-Modified fails x-amz-copy-source-if-modified-since and holds x-amz-copy-source-if-unmodified-since (LocalStack's AWS-validated TestS3CopySourcePreconditions)", async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'versioned-reads' }));
      await s3.send(new PutBucketVersioningCommand({ Bucket: 'versioned-reads', VersioningConfiguration: { Status: 'Enabled' } }));
      const { VersionId } = await s3.send(new PutObjectCommand({ Bucket: 'versioned-reads', Key: 'source', Body: 'data' }));
      const modified = (await harness.raw({ method: 'HEAD', path: '/versioned-reads/source' })).headers['last-modified'] as string;
      const copyIf = (condition: { CopySourceIfModifiedSince?: Date; CopySourceIfUnmodifiedSince?: Date }) =>
        s3.send(new CopyObjectCommand({ Bucket: 'versioned-reads', Key: 'target', CopySource: 'versioned-reads/source', ...condition }));
      expect((await copyIf({ CopySourceIfModifiedSince: new Date(Date.parse(modified) - 60_000) })).CopySourceVersionId).toBe(VersionId);
      expect((await copyIf({ CopySourceIfUnmodifiedSince: new Date(modified) })).CopySourceVersionId).toBe(VersionId);
      await expect(copyIf({ CopySourceIfModifiedSince: new Date(modified) })).rejects.toMatchObject({ name: 'PreconditionFailed', Condition: 'x-amz-copy-source-If-Modified-Since' });
      await expect(copyIf({ CopySourceIfUnmodifiedSince: new Date(Date.parse(modified) - 86_400_000) })).rejects.toMatchObject({
        name: 'PreconditionFailed',
        Condition: 'x-amz-copy-source-If-Unmodified-Since',
      });
    });

    test('a weak If-Match never matches the source; lists, unquoted and half-quoted ETags are taken', async () => {
      for (const send of [copy, partCopy]) {
        expect((await send({ 'x-amz-copy-source-if-match': `W/${etag}` })).status).toBe(412);
        expect((await send({ 'x-amz-copy-source-if-match': `"other", ${etag}` })).status).toBe(200);
        expect((await send({ 'x-amz-copy-source-if-match': etag.replace(/"/g, '') })).status).toBe(200);
        expect((await send({ 'x-amz-copy-source-if-match': etag.slice(1) })).status).toBe(200);
        expect((await send({ 'x-amz-copy-source-if-none-match': etag.replace(/"/g, '') })).status).toBe(412);
      }
    });
  });

  test('a conditional DELETE with a matching strong ETag still deletes', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'reads', Key: 'gone', Body: 'gone' }));
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: 'reads', Key: 'gone', Body: 'again' }));
    expect((await s3.send(new DeleteObjectCommand({ Bucket: 'reads', Key: 'gone', IfMatch: ETag }))).$metadata.httpStatusCode).toBe(204);
  });
});
