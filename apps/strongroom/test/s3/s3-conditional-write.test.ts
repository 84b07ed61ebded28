import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { codeOf, failure, startS3Harness, type S3Harness } from './s3-harness';

describe('S3 conditional writes through the gateway with @aws-sdk/client-s3', () => {
  let harness: S3Harness;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'cond' }));
  }, 60_000);
  afterAll(() => harness.close());

  const body = async (Key: string) => (await s3.send(new GetObjectCommand({ Bucket: 'cond', Key }))).Body!.transformToString();

  test('PutObject: If-None-Match * refuses an existing key with 412; If-Match needs a matching ETag; a 412 names its condition', async () => {
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'doc', Body: 'one', IfNoneMatch: '*' }));
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'doc', Body: 'two', IfNoneMatch: '*' })))).toEqual(['PreconditionFailed', 412]);
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'doc', Body: 'two', IfMatch: '"0000"' })))).toEqual(['PreconditionFailed', 412]);
    await s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'doc', Body: 'two', IfMatch: ETag }));
    expect(await body('doc')).toBe('two');
    const exists = await harness.raw({ method: 'PUT', path: '/cond/doc', headers: { 'if-none-match': '*' }, body: 'three' });
    expect([exists.status, codeOf(exists.body), /<Condition>([^<]*)<\/Condition>/.exec(exists.body)?.[1]]).toEqual([412, 'PreconditionFailed', 'If-None-Match']);
    const stale = await harness.raw({ method: 'GET', path: '/cond/doc', headers: { 'if-match': ETag! } });
    expect([stale.status, /<Condition>([^<]*)<\/Condition>/.exec(stale.body)?.[1]]).toEqual([412, 'If-Match']);
    const copied = await harness.raw({ method: 'PUT', path: '/cond/copy', headers: { 'x-amz-copy-source': '/cond/doc', 'x-amz-copy-source-if-match': ETag! } });
    expect([copied.status, /<Condition>([^<]*)<\/Condition>/.exec(copied.body)?.[1]]).toEqual([412, 'x-amz-copy-source-If-Match']);
  });

  test("PutObject If-Match takes the ETag unquoted or missing either quote, as S3 does (moto's AWS-verified test_put_object_if_match)", async () => {
    let { ETag } = await s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'quoted', Body: 'zero' }));
    for (const [index, variant] of [(etag: string) => etag.replace(/"/g, ''), (etag: string) => etag.slice(1), (etag: string) => etag.slice(0, -1)].entries()) {
      ({ ETag } = await s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'quoted', Body: `write ${index}`, IfMatch: variant(ETag!) })));
    }
    expect(await body('quoted')).toBe('write 2');
  });

  test('If-Modified-Since and If-Unmodified-Since on a write are ignored, as S3 ignores them: PutObject, CopyObject and CompleteMultipartUpload write', async () => {
    const future = new Date(Date.now() + 3_600_000).toUTCString();
    const dated = { 'if-modified-since': future, 'if-unmodified-since': new Date(0).toUTCString() };
    expect((await harness.raw({ method: 'PUT', path: '/cond/dated', headers: dated, body: 'dated' })).status).toBe(200);
    expect(await body('dated')).toBe('dated');
    expect((await harness.raw({ method: 'PUT', path: '/cond/dated-copy', headers: { ...dated, 'x-amz-copy-source': '/cond/dated' } })).status).toBe(200);
    expect(await body('dated-copy')).toBe('dated');
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'cond', Key: 'dated-upload' }));
    const part = await s3.send(new UploadPartCommand({ Bucket: 'cond', Key: 'dated-upload', UploadId, PartNumber: 1, Body: 'part' }));
    const completion = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${part.ETag}</ETag></Part></CompleteMultipartUpload>`;
    const completed = await harness.raw({ method: 'POST', path: '/cond/dated-upload', query: { uploadId: UploadId! }, headers: dated, body: completion });
    expect(completed.status).toBe(200);
    expect(await body('dated-upload')).toBe('part');
  });

  test('values S3 does not take are 501 NotImplemented naming the header, on an existing key or a new one, and write nothing', async () => {
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'kept', Body: 'kept' }));
    const cases = [
      [{ 'if-none-match': ETag! }, 'If-None-Match', "We don't accept the provided value of If-None-Match header for this API"],
      [{ 'if-none-match': '"*"' }, 'If-None-Match', "We don't accept the provided value of If-None-Match header for this API"],
      [{ 'if-match': '*' }, 'If-Match', "We don't accept the provided value of If-Match header for this API"],
      [{ 'if-match': ETag!, 'if-none-match': '*' }, 'If-Match,If-None-Match', 'Multiple conditional request headers present in the request'],
    ] as const;
    for (const [headers, header, additionalMessage] of cases) {
      for (const key of ['kept', 'fresh']) {
        const answer = await harness.raw({ method: 'PUT', path: `/cond/${key}`, headers, body: 'overwritten' });
        expect([answer.status, codeOf(answer.body)]).toEqual([501, 'NotImplemented']);
        expect(answer.body).toContain('<Message>A header you provided implies functionality that is not implemented</Message>');
        expect(answer.body).toContain(`<Header>${header}</Header><additionalMessage>${additionalMessage.replace("'", '&apos;')}</additionalMessage>`);
      }
    }
    expect(await body('kept')).toBe('kept');
    expect(await failure(s3.send(new HeadObjectCommand({ Bucket: 'cond', Key: 'fresh' })))).toEqual(['NotFound', 404]);
    expect(await failure(s3.send(new CopyObjectCommand({ Bucket: 'cond', Key: 'fresh', CopySource: 'cond/kept', IfNoneMatch: ETag })))).toEqual(['NotImplemented', 501]);
  });

  test('CompleteMultipartUpload: If-Match * is 501 and leaves the upload to complete; If-None-Match * completes', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'cond', Key: 'multi' }));
    const part = await s3.send(new UploadPartCommand({ Bucket: 'cond', Key: 'multi', UploadId, PartNumber: 1, Body: 'only part' }));
    const complete = (condition: { IfMatch?: string; IfNoneMatch?: string }) =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket: 'cond', Key: 'multi', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] }, ...condition }));
    expect(await failure(complete({ IfMatch: '*' }))).toEqual(['NotImplemented', 501]);
    await complete({ IfNoneMatch: '*' });
    expect(await body('multi')).toBe('only part');
  });
});
