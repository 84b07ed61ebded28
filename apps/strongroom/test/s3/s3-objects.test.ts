import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpAgent } from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { codeOf, failure, startS3Harness, type S3Harness } from './s3-harness';

describe('S3 objects through the gateway with @aws-sdk/client-s3', () => {
  let harness: S3Harness;
  let s3: S3Client;
  const sent: Record<string, string>[] = [];

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    s3.middlewareStack.add(
      (next) => async (args) => {
        sent.push({ ...(args.request as { headers: Record<string, string> }).headers });
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    await s3.send(new CreateBucketCommand({ Bucket: 'objects' }));
  }, 60_000);
  afterAll(() => harness.close());

  const text = async (key: string, extra: Partial<ConstructorParameters<typeof GetObjectCommand>[0]> = {}) => {
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: key, ...extra }));
    return { got, body: Buffer.from(await got.Body!.transformToByteArray()) };
  };

  test('buckets: create, head, list, delete', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'lifecycle' }));
    await s3.send(new HeadBucketCommand({ Bucket: 'lifecycle' }));
    const { Buckets, Owner } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((bucket) => bucket.Name)).toEqual(['lifecycle', 'objects']);
    expect(Owner?.ID).toBe(harness.owner.canonicalUserId);
    const inRegion = await s3.send(new ListBucketsCommand({ BucketRegion: 'us-east-1' }));
    expect([inRegion.Buckets?.map((bucket) => bucket.Name), inRegion.Buckets?.[0]?.BucketRegion]).toEqual([['lifecycle', 'objects'], 'us-east-1']);
    expect((await s3.send(new ListBucketsCommand({ BucketRegion: 'eu-west-1' }))).Buckets ?? []).toEqual([]);
    const first = await s3.send(new ListBucketsCommand({ MaxBuckets: 1 }));
    expect([first.Buckets?.map((bucket) => bucket.Name), first.ContinuationToken]).toEqual([['lifecycle'], expect.any(String)]);
    expect(first.ContinuationToken).not.toContain('lifecycle');
    const second = await s3.send(new ListBucketsCommand({ MaxBuckets: 1, ContinuationToken: first.ContinuationToken }));
    expect([second.Buckets?.map((bucket) => bucket.Name), second.ContinuationToken]).toEqual([['objects'], undefined]);
    const otherAccount = harness.client(harness.other);
    await expect(otherAccount.send(new ListBucketsCommand({ ContinuationToken: first.ContinuationToken }))).rejects.toMatchObject({ name: 'InvalidArgument' });
    await expect(s3.send(new ListBucketsCommand({ ContinuationToken: 'lifecycle' }))).rejects.toMatchObject({ name: 'InvalidArgument' });
    await s3.send(new DeleteBucketCommand({ Bucket: 'lifecycle' }));
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'lifecycle' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  test('put a stream as aws-chunked with a CRC32 trailer; get, head, delete', async () => {
    const body = Buffer.alloc(1_500_000, 'abc');
    const stream = Readable.from([body.subarray(0, 700_000), body.subarray(700_000)]);
    const put = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'dir/a b+c.txt', Body: stream, ContentLength: body.length, ContentType: 'text/plain', Metadata: { color: 'blue' } }));
    expect(sent.at(-1)).toMatchObject({ 'content-encoding': 'aws-chunked', 'x-amz-trailer': 'x-amz-checksum-crc32' });
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(put.ServerSideEncryption).toBe('AES256');
    const { got, body: read } = await text('dir/a b+c.txt', { ChecksumMode: 'ENABLED' });
    expect(read.equals(body)).toBe(true);
    expect(got).toMatchObject({ ContentType: 'text/plain', Metadata: { color: 'blue' }, ETag: put.ETag, ContentLength: body.length, ServerSideEncryption: 'AES256' });
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
    expect(got.ContentEncoding).toBeUndefined();
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'dir/a b+c.txt' }));
    expect(head).toMatchObject({ ContentLength: body.length, AcceptRanges: 'bytes' });
    await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'dir/a b+c.txt' }));
    await expect(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'dir/a b+c.txt' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  test('ranges, conditionals and response overrides', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'digits', Body: '0123456789' }));
    const ranged = await text('digits', { Range: 'bytes=2-5' });
    expect([ranged.body.toString(), ranged.got.ContentRange, ranged.got.ContentLength]).toEqual(['2345', 'bytes 2-5/10', 4]);
    expect((await text('digits', { Range: 'bytes=-3' })).body.toString()).toBe('789');
    expect((await text('digits', { Range: 'bytes=7-' })).body.toString()).toBe('789');
    await expect(text('digits', { Range: 'bytes=20-30' })).rejects.toMatchObject({ name: 'InvalidRange', $metadata: { httpStatusCode: 416 } });
    const unsatisfiable = await harness.raw({ method: 'GET', path: '/objects/digits', headers: { range: 'bytes=20-' } });
    expect(unsatisfiable.body).toContain('<RangeRequested>bytes=20-</RangeRequested><ActualObjectSize>10</ActualObjectSize>');
    const javaIdiom = await text('digits', { Range: 'bytes=6-9223372036854775807' });
    expect([javaIdiom.body.toString(), javaIdiom.got.ContentRange]).toEqual(['6789', 'bytes 6-9/10']);
    await expect(text('digits', { Range: 'bytes=99999999999999999999-' })).rejects.toMatchObject({ name: 'InvalidRange', $metadata: { httpStatusCode: 416 } });
    await expect(text('digits', { IfMatch: '"nope"' })).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
    await expect(text('digits', { IfNoneMatch: put.ETag })).rejects.toMatchObject({ $metadata: { httpStatusCode: 304 } });
    expect((await text('digits', { IfMatch: put.ETag })).body.toString()).toBe('0123456789');
    const overridden = await text('digits', { ResponseContentType: 'application/x-test', ResponseContentDisposition: 'attachment' });
    expect([overridden.got.ContentType, overridden.got.ContentDisposition]).toEqual(['application/x-test', 'attachment']);
    const beyondLatin1 = await harness.raw({ method: 'GET', path: '/objects/digits', query: { 'response-content-disposition': 'attachment; filename="文.txt"' } });
    expect([beyondLatin1.status, codeOf(beyondLatin1.body)]).toEqual([400, 'InvalidArgument']);
    expect(beyondLatin1.body).toContain('<Message>Header value cannot be represented using ISO-8859-1.</Message>');
    expect(beyondLatin1.body).toContain('<ArgumentName>response-content-disposition</ArgumentName><ArgumentValue>attachment; filename=&quot;文.txt&quot;</ArgumentValue>');
    const controlled = await harness.raw({ method: 'GET', path: '/objects/digits', query: { 'response-content-type': 'text/plain\r\nx-injected: 1' } });
    expect([controlled.status, codeOf(controlled.body), controlled.headers['x-injected']]).toEqual([400, 'InvalidArgument', undefined]);
    // An empty override is ignored, as S3 ignores it, rather than blanking the stored header.
    const stored = (await harness.raw({ method: 'GET', path: '/objects/digits' })).headers['content-type'];
    const blank = await harness.raw({ method: 'GET', path: '/objects/digits', query: { 'response-content-type': '' } });
    expect([blank.status, blank.headers['content-type']]).toEqual([200, stored]);
    expect(stored).toMatch(/./);
  });

  test("LocalStack's AWS-validated test_get_object_range: what S3 serves for each Range header of a ten-byte object", async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'ranged', Body: '0123456789' }));
    const cases: [string, number, string, string | undefined][] = [
      ['bytes=0-8', 206, '012345678', 'bytes 0-8/10'],
      ['bytes=1-1', 206, '1', 'bytes 1-1/10'],
      ['bytes=1-', 206, '123456789', 'bytes 1-9/10'],
      ['bytes=-2', 206, '89', 'bytes 8-9/10'],
      ['bytes=-9', 206, '123456789', 'bytes 1-9/10'],
      ['bytes=-15', 206, '0123456789', 'bytes 0-9/10'],
      ['bytes=0-100', 206, '0123456789', 'bytes 0-9/10'],
      ['bytes=0-0', 206, '0', 'bytes 0-0/10'],
      // What S3 does not read as one satisfiable byte range it ignores, serving the whole object.
      ['bytes=1-0', 200, '0123456789', undefined],
      ['bytes=-1-', 200, '0123456789', undefined],
      ['bytes=0--1', 200, '0123456789', undefined],
      ['bytes=0-1,3-4,7-9', 200, '0123456789', undefined],
      ['0-1', 200, '0123456789', undefined],
      ['bytes=-', 200, '0123456789', undefined],
    ];
    for (const [range, status, body, contentRange] of cases) {
      const answer = await harness.raw({ method: 'GET', path: '/objects/ranged', headers: { range } });
      expect([range, answer.status, answer.body, answer.headers['content-range']]).toEqual([range, status, body, contentRange]);
    }
    for (const range of ['bytes=-0', 'bytes=100-200']) {
      const answer = await harness.raw({ method: 'GET', path: '/objects/ranged', headers: { range } });
      expect([range, answer.status, codeOf(answer.body)]).toEqual([range, 416, 'InvalidRange']);
      expect(answer.body).toContain(`<RangeRequested>${range}</RangeRequested><ActualObjectSize>10</ActualObjectSize>`);
    }
  });

  test("If-Range: a GET's range is read only while the object is the one the validator names, else the whole object; HEAD answers alike", async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'resumed', Body: '0123456789' }));
    const lastModified = (await harness.raw({ method: 'HEAD', path: '/objects/resumed' })).headers['last-modified'] as string;
    const get = (ifRange: string, method = 'GET') => harness.raw({ method, path: '/objects/resumed', headers: { range: 'bytes=4-', 'if-range': ifRange } });
    const answers = async (ifRange: string) => {
      const answer = await get(ifRange);
      return [ifRange, answer.status, answer.body];
    };
    expect(await answers(put.ETag!)).toEqual([put.ETag, 206, '456789']);
    expect(await answers(lastModified)).toEqual([lastModified, 206, '456789']);
    for (const stale of ['"0123456789abcdef0123456789abcdef"', `W/${put.ETag!}`, 'Thu, 01 Jan 2015 00:00:00 GMT', 'not a date']) {
      expect(await answers(stale)).toEqual([stale, 200, '0123456789']);
    }
    // A HEAD answers as the GET would; Range with partNumber is refused whatever If-Range says.
    expect([(await get('"stale"', 'HEAD')).status, (await get(put.ETag!, 'HEAD')).status]).toEqual([200, 206]);
    const both = await harness.raw({ method: 'GET', path: '/objects/resumed', query: { partNumber: '1' }, headers: { range: 'bytes=0-1', 'if-range': 'W/"x"' } });
    expect([both.status, codeOf(both.body)]).toEqual([400, 'InvalidRequest']);
  });

  test('a suffix range or part 1 of an empty object is the whole, empty object (200), as S3 answers; bytes=-0, 0- and 0-N are still 416', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'nothing', Body: '' }));
    const ranged = (range: string) => harness.raw({ method: 'GET', path: '/objects/nothing', headers: { range } });
    const suffix = await ranged('bytes=-1');
    expect([suffix.status, suffix.body, suffix.headers['content-length'], suffix.headers['content-range']]).toEqual([200, '', '0', undefined]);
    for (const unsatisfiable of ['bytes=-0', 'bytes=0-', 'bytes=0-8388607']) expect([unsatisfiable, (await ranged(unsatisfiable)).status]).toEqual([unsatisfiable, 416]);
    // Part 1 of an empty object is the empty object, 200 without Content-Range, where a range is 416 (the AWS SDKs' multipart
    // downloaders rely on it: aws-sdk-java-v2#6952, aws-sdk-net#4477).
    for (const method of ['GET', 'HEAD'] as const) {
      const part = await harness.raw({ method, path: '/objects/nothing', query: { partNumber: '1' } });
      expect([method, part.status, part.body, part.headers['content-length'], part.headers['content-range']]).toEqual([method, 200, '', '0', undefined]);
    }
  });

  test('a Content-Disposition beyond ASCII, stored or overridden, is sent as its ISO-8859-1 bytes, as every other header', async () => {
    const disposition = 'attachment; filename="café ÿ.txt"';
    for (const [key, body] of [['disposed', 'some bytes'], ['disposed-empty', '']] as const) {
      const put = await harness.raw({ method: 'PUT', path: `/objects/${key}`, headers: { 'content-disposition': disposition }, headerBytes: 'latin1', body });
      expect([put.status, put.body]).toEqual([200, '']);
      for (const method of ['GET', 'HEAD'] as const) {
        const answer = await harness.raw({ method, path: `/objects/${key}` });
        expect([key, method, answer.status, answer.headers['content-disposition']]).toEqual([key, method, 200, disposition]);
      }
      const overridden = await harness.raw({ method: 'GET', path: `/objects/${key}`, query: { 'response-content-disposition': 'inline; filename="ü.txt"' } });
      expect([key, overridden.status, overridden.headers['content-disposition']]).toEqual([key, 200, 'inline; filename="ü.txt"']);
    }
  });

  test('HEAD answers a Range or partNumber as GET does; a 304 repeats the ETag and Last-Modified; a future If-Modified-Since is ignored', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'ten', Body: '0123456789' }));
    const head = (headers: Record<string, string>, query: Record<string, string> = {}) => harness.raw({ method: 'HEAD', path: '/objects/ten', headers, query });
    const ranged = await head({ range: 'bytes=2-4' });
    expect([ranged.status, ranged.headers['content-length'], ranged.headers['content-range']]).toEqual([206, '3', 'bytes 2-4/10']);
    expect((await head({ range: 'bytes=10-' })).status).toBe(416);
    const part = await head({}, { partNumber: '1' });
    expect([part.status, part.headers['content-length'], part.headers['content-range']]).toEqual([206, '10', 'bytes 0-9/10']);
    expect((await head({}, { partNumber: '2' })).status).toBe(416);
    const missingPart = await harness.raw({ method: 'GET', path: '/objects/ten', query: { partNumber: '2' } });
    expect([missingPart.status, codeOf(missingPart.body)]).toEqual([416, 'InvalidPartNumber']);
    expect(missingPart.body).toContain('<PartNumberRequested>2</PartNumberRequested><ActualPartCount>1</ActualPartCount>');
    const current = await harness.raw({ method: 'GET', path: '/objects/ten', headers: { 'if-none-match': put.ETag! } });
    const whole = await head({});
    expect([current.status, current.body, current.headers.etag, current.headers['last-modified']]).toEqual([304, '', put.ETag, whole.headers['last-modified']]);
    const currentHead = await head({ 'if-modified-since': whole.headers['last-modified'] as string });
    expect([currentHead.status, currentHead.headers.etag, currentHead.headers['last-modified']]).toEqual([304, put.ETag, whole.headers['last-modified']]);
    // A date later than now is invalid (RFC 7232): S3 ignores it, on a read and on a copy's source.
    const tomorrow = new Date(Date.now() + 86_400_000).toUTCString();
    expect((await head({ 'if-modified-since': tomorrow })).status).toBe(200);
    const copied = await harness.raw({ method: 'PUT', path: '/objects/ten-copy', headers: { 'x-amz-copy-source': '/objects/ten', 'x-amz-copy-source-if-modified-since': tomorrow } });
    expect(copied.status).toBe(200);
    for (const notADate of ['1', '2000', '12/31/2000']) expect((await head({ 'if-unmodified-since': notADate })).status).toBe(200);
    expect((await head({ 'if-unmodified-since': 'Sun Nov  6 08:49:37 1994' })).status).toBe(412);
  });

  test('copies that S3 refuses as InvalidRequest; storage classes served at once are kept, archive classes refused', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'self', Body: 'me' }));
    await expect(s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'self', CopySource: 'objects/self' }))).rejects.toMatchObject({
      name: 'InvalidRequest',
      $metadata: { httpStatusCode: 400 },
    });
    // Naming the encryption is a change, even the one the object has (LocalStack's AWS-validated
    // test_s3_copy_object_in_place_with_encryption copies an SSE-S3 object onto itself with AES256):
    // `aws s3 cp s3://b/k s3://b/k --sse AES256` works.
    const reencrypted = await s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'self', CopySource: 'objects/self', ServerSideEncryption: 'AES256' }));
    expect(reencrypted.ServerSideEncryption).toBe('AES256');
    expect((await text('self')).body.toString()).toBe('me');
    await s3.send(new CreateBucketCommand({ Bucket: 'markers' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'markers', VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new PutObjectCommand({ Bucket: 'markers', Key: 'gone', Body: 'was here' }));
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: 'markers', Key: 'gone' }));
    const fromMarker = await harness.raw({ method: 'PUT', path: '/markers/copy', headers: { 'x-amz-copy-source': `/markers/gone?versionId=${marker.VersionId}` } });
    expect([fromMarker.status, codeOf(fromMarker.body), fromMarker.headers['x-amz-delete-marker']]).toEqual([400, 'InvalidRequest', undefined]);
    for (const method of ['GET', 'HEAD']) {
      const read = await harness.raw({ method, path: '/markers/gone', query: { versionId: marker.VersionId! } });
      expect([read.status, read.headers['x-amz-delete-marker'], read.headers['x-amz-version-id'], read.headers.allow]).toEqual([405, 'true', marker.VersionId, 'DELETE']);
      expect(Date.parse(read.headers['last-modified'] as string)).toBeGreaterThan(Date.now() - 60_000);
      if (method === 'GET') expect(read.body).toContain('<Method>GET</Method><ResourceType>DeleteMarker</ResourceType>');
    }

    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'infrequent', Body: 'ia', StorageClass: 'STANDARD_IA' }));
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'infrequent' }))).StorageClass).toBe('STANDARD_IA');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'objects', Prefix: 'infrequent' }));
    expect(listed.Contents?.map((object) => object.StorageClass)).toEqual(['STANDARD_IA']);
    await expect(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'archived', Body: 'x', StorageClass: 'GLACIER' }))).rejects.toMatchObject({ name: 'InvalidStorageClass' });
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'archived' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  test('copy with metadata and tagging directives, and object tagging', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'source', Body: 'copy me', Metadata: { a: '1' }, Tagging: 'team=blue' }));
    await s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'copy-1', CopySource: 'objects/source' }));
    expect((await text('copy-1')).got.Metadata).toEqual({ a: '1' });
    await s3.send(
      new CopyObjectCommand({ Bucket: 'objects', Key: 'copy-2', CopySource: 'objects/source', MetadataDirective: 'REPLACE', Metadata: { b: '2' }, TaggingDirective: 'REPLACE', Tagging: 'team=red' }),
    );
    const copied = await text('copy-2');
    expect([copied.body.toString(), copied.got.Metadata, copied.got.TagCount]).toEqual(['copy me', { b: '2' }, 1]);
    // HEAD counts the tags too: x-amz-tagging-count is in HeadObject's output in AWS's own API model (the SDK's HeadObjectOutput.TagCount).
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'copy-2' }))).TagCount).toBe(1);
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'objects', Key: 'copy-2' }))).TagSet).toEqual([{ Key: 'team', Value: 'red' }]);
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'objects', Key: 'copy-2', Tagging: { TagSet: [{ Key: 'x', Value: 'y z+1' }] } }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'objects', Key: 'copy-2' }))).TagSet).toEqual([{ Key: 'x', Value: 'y z+1' }]);
    await expect(s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'copy-3', CopySource: 'objects/source', CopySourceIfMatch: '"nope"' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 412 },
    });
    // S3's words for a directive it does not know (MinIO's and versitygw's tables, which mirror S3's).
    for (const [name, message] of [['x-amz-metadata-directive', 'Unknown metadata directive.'], ['x-amz-tagging-directive', 'Unknown tagging directive.']]) {
      const refused = await harness.raw({ method: 'PUT', path: '/objects/copy-3', headers: { 'x-amz-copy-source': '/objects/source', [name!]: 'MERGE' } });
      expect([refused.status, codeOf(refused.body)]).toEqual([400, 'InvalidArgument']);
      expect(refused.body).toContain(`<Message>${message}</Message><ArgumentName>${name}</ArgumentName><ArgumentValue>MERGE</ArgumentValue>`);
    }
  });

  test('tag errors as S3 answers them: more than 10 object tags is BadRequest; a malformed x-amz-tagging header (a character no tag takes included) InvalidArgument and nothing stored', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expect(s3.send(new PutObjectTaggingCommand({ Bucket: 'objects', Key: 'source', Tagging: { TagSet: eleven } }))).rejects.toMatchObject({
      name: 'BadRequest',
      message: 'Object tags cannot be greater than 10',
      $metadata: { httpStatusCode: 400 },
    });
    const duplicated = [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }];
    await expect(s3.send(new PutObjectTaggingCommand({ Bucket: 'objects', Key: 'source', Tagging: { TagSet: duplicated } }))).rejects.toMatchObject({
      name: 'InvalidTag',
      message: 'Cannot provide multiple Tags with the same key',
    });
    // A character outside S3's tag set is the header's fault too (LocalStack's AWS-validated test_object_tagging_exc sends `key1=val1,key2=val2`).
    for (const tagging of ['a=1&a=2', '=v', 'a=%zz', 'key1=val1,key2=val2', 'bad%23key=v']) {
      const answer = await harness.raw({ method: 'PUT', path: '/objects/tag-refused', headers: { 'x-amz-tagging': tagging }, body: 'x' });
      expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
      expect(answer.body).toContain("shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.");
    }
    const elevenInHeader = eleven.map(({ Key, Value }) => `${Key}=${Value}`).join('&');
    await expect(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'tag-refused', Body: 'x', Tagging: elevenInHeader }))).rejects.toMatchObject({ name: 'BadRequest' });
    expect(await failure(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'tag-refused' })))).toEqual(['NotFound', 404]);
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'tag-equals', Body: 'x', Tagging: 'a=b%3Dc&d=e+f%2Bg&&' }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'objects', Key: 'tag-equals' }))).TagSet).toEqual([
      { Key: 'a', Value: 'b=c' },
      { Key: 'd', Value: 'e f+g' },
    ]);
  });

  test("InvalidTag names the tag it refuses, as S3's answers do (LocalStack's AWS-validated test_tagging_validation)", async () => {
    const md5 = (body: string) => createHash('md5').update(body).digest('base64');
    const refusal = async (path: string, tags: [string, string][]) => {
      const body = `<Tagging><TagSet>${tags.map(([key, value]) => `<Tag><Key>${key}</Key><Value>${value}</Value></Tag>`).join('')}</TagSet></Tagging>`;
      const answer = await harness.raw({ method: 'PUT', path, query: { tagging: '' }, body, headers: { 'content-md5': md5(body) } });
      expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidTag']);
      return /<Message>.*<\/Message>(.*)<Resource>/.exec(answer.body)?.[1];
    };
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'tag-validation', Body: 'x' }));
    for (const path of ['/objects', '/objects/tag-validation']) {
      expect(await refusal(path, [['Key1', 'Val1'], ['Key1', 'Val1']])).toBe('<TagKey>Key1</TagKey>');
      expect(await refusal(path, [['Key1,Key2', 'Val1']])).toBe('<TagKey>Key1,Key2</TagKey>');
      expect(await refusal(path, [['Key1', 'Val1,Val2']])).toBe('<TagKey>Key1</TagKey><TagValue>Val1,Val2</TagValue>');
      expect(await refusal(path, [['aws:prefixed', 'Val1']])).toBe('<TagKey>aws:prefixed</TagKey>');
    }
  });

  test("a missing object's NoSuchKey names the key, but GetObjectTagging's names <bucket>/<key>, as S3's does (LocalStack's AWS-validated test_object_tagging_exc)", async () => {
    const body = '<Tagging><TagSet></TagSet></Tagging>';
    const keyNamed = async (method: string) => {
      const extra = method === 'PUT' ? { body, headers: { 'content-md5': createHash('md5').update(body).digest('base64') } } : {};
      const answer = await harness.raw({ method, path: '/objects/fake-key', query: { tagging: '' }, ...extra });
      expect([answer.status, codeOf(answer.body)]).toEqual([404, 'NoSuchKey']);
      return /<Key>([^<]*)<\/Key>/.exec(answer.body)?.[1];
    };
    expect([await keyNamed('GET'), await keyNamed('PUT'), await keyNamed('DELETE')]).toEqual(['objects/fake-key', 'fake-key', 'fake-key']);
  });

  test('delete many objects at once', async () => {
    for (const key of ['many/1', 'many/2']) await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: key, Body: key }));
    const result = await s3.send(new DeleteObjectsCommand({ Bucket: 'objects', Delete: { Objects: [{ Key: 'many/1' }, { Key: 'many/2' }, { Key: 'many/absent' }] } }));
    expect(result.Deleted?.map((deleted) => deleted.Key).sort()).toEqual(['many/1', 'many/2', 'many/absent']);
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'many/1' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  test('an object named twice in DeleteObjects is deleted once and reported once, as S3 answers: one delete marker in a versioned bucket', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'twice' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'twice', VersioningConfiguration: { Status: 'Enabled' } }));
    const { VersionId } = await s3.send(new PutObjectCommand({ Bucket: 'twice', Key: 'kept', Body: 'v1' }));
    await s3.send(new PutObjectCommand({ Bucket: 'twice', Key: 'twice', Body: 'x' }));
    const objects = [{ Key: 'twice' }, { Key: 'kept', VersionId }, { Key: 'twice' }, { Key: 'kept', VersionId }, { Key: 'kept' }];
    const result = await s3.send(new DeleteObjectsCommand({ Bucket: 'twice', Delete: { Objects: objects } }));
    expect(result.Deleted?.map(({ Key, VersionId: id, DeleteMarker }) => [Key, id, DeleteMarker])).toEqual([
      ['twice', undefined, true],
      ['kept', VersionId, undefined],
      ['kept', undefined, true],
    ]);
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: 'twice' }));
    expect(versions.DeleteMarkers?.map((marker) => marker.Key)).toEqual(['kept', 'twice']);
  });

  test('virtual-hosted-style addressing (<bucket>.localhost)', async () => {
    const lookup: LookupFunction = (_host, options, callback) => {
      if (options.all) (callback as (error: null, addresses: LookupAddress[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    };
    const virtual = harness.client(harness.owner, {
      endpoint: `http://localhost:${harness.gateway.httpPort}`,
      forcePathStyle: false,
      requestHandler: new NodeHttpHandler({ httpAgent: new HttpAgent({ lookup }) }),
    });
    await virtual.send(new PutObjectCommand({ Bucket: 'objects', Key: 'virtual/hosted', Body: 'by host name' }));
    expect((await text('virtual/hosted')).body.toString()).toBe('by host name');
  });

  test('presigned GET and PUT', async () => {
    const putUrl = await harness.presign('PUT', 'objects', 'presigned/é.txt', 60);
    const put = await fetch(putUrl, { method: 'PUT', body: 'via a presigned URL' });
    expect([put.status, await put.text()]).toEqual([200, '']);
    const getUrl = await harness.presign('GET', 'objects', 'presigned/é.txt', 60);
    const response = await fetch(getUrl);
    expect([response.status, await response.text()]).toEqual([200, 'via a presigned URL']);
    expect(response.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
    const tampered = await fetch(getUrl.replace('presigned/', 'presigned/x'));
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });
});
