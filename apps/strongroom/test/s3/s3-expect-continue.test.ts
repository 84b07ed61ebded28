import { CreateBucketCommand, CreateMultipartUploadCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { codeOf, startS3Harness, type S3Harness } from './s3-harness';

describe('Expect: 100-continue: the body is asked for only once the write is authorized and wanted', () => {
  let harness: S3Harness;
  let s3: S3Client;
  const body = Buffer.alloc(64 * 1024, 'b');

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'continue' }));
    await s3.send(new PutObjectCommand({ Bucket: 'continue', Key: 'present', Body: 'already here' }));
  }, 60_000);
  afterAll(() => harness.close());

  const absent = async (key: string) => expect(s3.send(new HeadObjectCommand({ Bucket: 'continue', Key: key }))).rejects.toMatchObject({ name: 'NotFound' });

  test('an authorized PUT gets 100 Continue, then stores the body', async () => {
    const answer = await harness.raw({ method: 'PUT', path: '/continue/accepted', body, expectContinue: true });
    expect([answer.status, answer.continued]).toEqual([200, true]);
    const stored = await s3.send(new GetObjectCommand({ Bucket: 'continue', Key: 'accepted' }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(body)).toBe(true);
    expect(stored.ServerSideEncryption).toBe('AES256');
  });

  test('a PUT the bucket owner does not allow is refused before the body is sent', async () => {
    const answer = await harness.raw({ method: 'PUT', path: '/continue/denied', body, expectContinue: true, account: harness.other });
    expect([answer.status, codeOf(answer.body), answer.continued]).toEqual([403, 'AccessDenied', false]);
    expect(answer.headers.connection).toBe('close');
    await absent('denied');
  });

  test('an anonymous PUT, a bad signature and a missing bucket are refused before the body is sent', async () => {
    const anonymous = await harness.raw({ method: 'PUT', path: '/continue/anonymous', body, expectContinue: true, account: null });
    expect([anonymous.status, codeOf(anonymous.body), anonymous.continued]).toEqual([403, 'AccessDenied', false]);
    const forged = await harness.raw({
      method: 'PUT',
      path: '/continue/forged',
      body,
      expectContinue: true,
      account: { ...harness.owner, secretAccessKey: 'x'.repeat(40) },
    });
    expect([forged.status, codeOf(forged.body), forged.continued]).toEqual([403, 'SignatureDoesNotMatch', false]);
    const missing = await harness.raw({ method: 'PUT', path: '/no-such-bucket/key', body, expectContinue: true });
    expect([missing.status, codeOf(missing.body), missing.continued]).toEqual([404, 'NoSuchBucket', false]);
    await absent('anonymous');
    await absent('forged');
  });

  test('a conditional PUT that cannot succeed is refused before the body is sent', async () => {
    const answer = await harness.raw({ method: 'PUT', path: '/continue/present', headers: { 'if-none-match': '*' }, body, expectContinue: true });
    expect([answer.status, codeOf(answer.body), answer.continued]).toEqual([412, 'PreconditionFailed', false]);
    const kept = await s3.send(new GetObjectCommand({ Bucket: 'continue', Key: 'present' }));
    expect(await kept.Body!.transformToString()).toBe('already here');
  });

  test('UploadPart waits for the upload to be found and the part authorized', async () => {
    const noUpload = await harness.raw({ method: 'PUT', path: '/continue/multi', query: { partNumber: '1', uploadId: 'no-such-upload' }, body, expectContinue: true });
    expect([noUpload.status, codeOf(noUpload.body), noUpload.continued]).toEqual([404, 'NoSuchUpload', false]);
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'continue', Key: 'multi' }));
    const query = { partNumber: '1', uploadId: UploadId! };
    const denied = await harness.raw({ method: 'PUT', path: '/continue/multi', query, body, expectContinue: true, account: harness.other });
    expect([denied.status, codeOf(denied.body), denied.continued]).toEqual([403, 'AccessDenied', false]);
    const part = await harness.raw({ method: 'PUT', path: '/continue/multi', query, body, expectContinue: true });
    expect([part.status, part.continued]).toEqual([200, true]);
    expect(part.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  test('other requests with a body get 100 Continue once they read it', async () => {
    const tagging = '<Tagging><TagSet><Tag><Key>team</Key><Value>blue</Value></Tag></TagSet></Tagging>';
    const headers = { 'content-md5': createHash('md5').update(tagging).digest('base64') };
    const answer = await harness.raw({ method: 'PUT', path: '/continue', query: { tagging: '' }, body: tagging, headers, expectContinue: true });
    expect([answer.status, answer.continued]).toEqual([204, true]);
    const refused = await harness.raw({ method: 'PUT', path: '/continue', query: { tagging: '' }, body: tagging, headers, expectContinue: true, account: harness.other });
    expect([refused.status, codeOf(refused.body)]).toEqual([403, 'AccessDenied']);
  });
});
