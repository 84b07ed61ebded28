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

describe('x-amz-website-redirect-location: stored with the object, sent on GET and HEAD, never carried over by a copy, as in S3', () => {
  let harness: S3Harness;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'site' }));
  }, 60_000);
  afterAll(() => harness.close());

  const redirectOf = async (key: string) => (await s3.send(new HeadObjectCommand({ Bucket: 'site', Key: key }))).WebsiteRedirectLocation;

  test('a PutObject keeps it; HEAD and GET send it back', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'site', Key: 'old.html', Body: 'moved', WebsiteRedirectLocation: '/new.html' }));
    expect(await redirectOf('old.html')).toBe('/new.html');
    const got = await s3.send(new GetObjectCommand({ Bucket: 'site', Key: 'old.html' }));
    expect([got.WebsiteRedirectLocation, await got.Body!.transformToString()]).toEqual(['/new.html', 'moved']);
    await s3.send(new PutObjectCommand({ Bucket: 'site', Key: 'plain.html', Body: 'x' }));
    expect(await redirectOf('plain.html')).toBeUndefined();
  });

  test.each([
    ['no /, http:// or https:// prefix', 'new.html'],
    ['another scheme', 'ftp://example.com/new.html'],
    ['longer than 2 KiB', `/${'a'.repeat(2048)}`],
  ])('%s is 400 InvalidRedirectLocation and stores nothing', async (_case, location) => {
    const answer = await harness.raw({ method: 'PUT', path: '/site/refused.html', headers: { 'x-amz-website-redirect-location': location }, body: 'x' });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidRedirectLocation']);
    expect(answer.body).toContain('<Message>The website redirect location must have a prefix of &apos;http://&apos; or &apos;https://&apos; or &apos;/&apos;.</Message>');
    expect(await failure(s3.send(new HeadObjectCommand({ Bucket: 'site', Key: 'refused.html' })))).toEqual(['NotFound', 404]);
  });

  test('a copy has it only when the copy request gives it, whatever the metadata directive', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'site', Key: 'source.html', Body: 'src', WebsiteRedirectLocation: 'https://example.com/' }));
    await s3.send(new CopyObjectCommand({ Bucket: 'site', Key: 'copied.html', CopySource: 'site/source.html' }));
    await s3.send(new CopyObjectCommand({ Bucket: 'site', Key: 'replaced.html', CopySource: 'site/source.html', MetadataDirective: 'REPLACE' }));
    await s3.send(new CopyObjectCommand({ Bucket: 'site', Key: 'given.html', CopySource: 'site/source.html', WebsiteRedirectLocation: '/given' }));
    expect([await redirectOf('copied.html'), await redirectOf('replaced.html'), await redirectOf('given.html')]).toEqual([undefined, undefined, '/given']);
  });

  test('a copy onto itself that only sets it is a change S3 allows', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'site', Key: 'self.html', Body: 'self' }));
    expect(await failure(s3.send(new CopyObjectCommand({ Bucket: 'site', Key: 'self.html', CopySource: 'site/self.html' })))).toEqual(['InvalidRequest', 400]);
    await s3.send(new CopyObjectCommand({ Bucket: 'site', Key: 'self.html', CopySource: 'site/self.html', WebsiteRedirectLocation: '/elsewhere' }));
    expect(await redirectOf('self.html')).toBe('/elsewhere');
  });

  test('a multipart upload takes it at creation; the completed object has it', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'site', Key: 'big.html', WebsiteRedirectLocation: 'http://example.com/big' }));
    const part = await s3.send(new UploadPartCommand({ Bucket: 'site', Key: 'big.html', UploadId, PartNumber: 1, Body: 'only part' }));
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'site', Key: 'big.html', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    expect(await redirectOf('big.html')).toBe('http://example.com/big');
    const refused = await failure(s3.send(new CreateMultipartUploadCommand({ Bucket: 'site', Key: 'bad.html', WebsiteRedirectLocation: 'bad' })));
    expect(refused).toEqual(['InvalidRedirectLocation', 400]);
  });
});
