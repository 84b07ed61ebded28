import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithClient, locateBoto3 } from './client-binaries';
import { startClientStack, type ClientStack } from './client-stack';
import { runClientOk } from './run-client';
import { MiB, firstDifference, writeRandomFile } from './test-files';

const DRIVER = join(__dirname, 'boto3-driver.py');

/** What the driver's `http` operation saw. */
interface HttpResult {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

describeWithClient(locateBoto3(), 'boto3 against the gateway', (python) => {
  let stack: ClientStack;

  beforeAll(async () => {
    stack = await startClientStack('boto3');
    await boto3('create_bucket', { bucket: 'boto' });
  }, 60_000);
  afterAll(() => stack?.close());

  /** Runs one driver operation and parses the JSON it prints. */
  async function boto3<T = Record<string, unknown>>(operation: string, args: object): Promise<T> {
    const env = stack.env({ STRONGROOM_S3_ENDPOINT: stack.endpoint, PYTHONDONTWRITEBYTECODE: '1' });
    return JSON.parse(await runClientOk(python, [DRIVER, operation, JSON.stringify(args)], env)) as T;
  }
  const presign = async (method: string, key: string, params: object = {}) => (await boto3<{ url: string }>('presign', { method, bucket: 'boto', key, expires: 300, params })).url;
  const fiveMiB = { threshold: 5 * MiB, chunk: 5 * MiB };

  test('upload_file as a multipart upload (5 MiB threshold and parts), download_file with ranged GETs, byte for byte', async () => {
    const source = writeRandomFile(stack.path('upload.bin'), 12 * MiB + 12345);
    const head = await boto3('upload_file', { bucket: 'boto', key: 'data/upload.bin', file: source, ...fiveMiB });
    expect(head).toEqual({ ContentLength: 12 * MiB + 12345, ETag: expect.stringMatching(/^"[0-9a-f]{32}-3"$/) });
    const back = stack.path('upload.back');
    await boto3('download_file', { bucket: 'boto', key: 'data/upload.bin', file: back, ...fiveMiB });
    expect(firstDifference(source, back)).toBeNull();
  }, 60_000);

  test('a client configured for another region finds the bucket\'s region from the errors, a HEAD\'s included (x-amz-bucket-region), and reads on', async () => {
    const source = stack.path('regional.txt');
    writeFileSync(source, 'served from us-east-1');
    await boto3('upload_file', { bucket: 'boto', key: 'regional.txt', file: source, ...fiveMiB });
    expect(await boto3('from_other_region', { region: 'eu-west-1', bucket: 'boto', key: 'regional.txt' })).toEqual({ BucketRegion: 'us-east-1', ContentLength: 21, Body: 'served from us-east-1' });
  });

  test('presigned PUT and GET URLs used with plain urllib', async () => {
    const source = writeRandomFile(stack.path('presigned.bin'), 256 * 1024);
    const put = await boto3<HttpResult>('http', { method: 'PUT', url: await presign('put_object', 'shared/pre signed+file.bin'), file: source });
    expect(put.status).toBe(200);
    const getUrl = await presign('get_object', 'shared/pre signed+file.bin', { ResponseContentDisposition: 'attachment; filename="report 1.bin"' });
    const back = stack.path('presigned.back');
    const got = await boto3<HttpResult>('http', { method: 'GET', url: getUrl, out: back });
    expect(got.status).toBe(200);
    expect(got.headers?.['content-disposition']).toBe('attachment; filename="report 1.bin"');
    expect(firstDifference(source, back)).toBeNull();

    const tampered = getUrl.replace(/X-Amz-Signature=([0-9a-f])/, (_match, digit: string) => `X-Amz-Signature=${digit === '0' ? '1' : '0'}`);
    const refused = await boto3<HttpResult>('http', { method: 'GET', url: tampered });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  test('generate_presigned_post: the form posted with plain urllib stores the file under ${filename}, within content-length-range', async () => {
    const source = writeRandomFile(stack.path('form.bin'), 300 * 1024 + 7);
    const posted = await boto3<HttpResult>('presigned_post', {
      bucket: 'boto',
      key: 'forms/${filename}',
      filename: 'report 2026.bin',
      file: source,
      fields: { 'Content-Type': 'application/pdf', success_action_status: '201' },
      conditions: [{ 'Content-Type': 'application/pdf' }, { success_action_status: '201' }, ['content-length-range', 1, MiB]],
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toContain('<Key>forms/report 2026.bin</Key>');
    const back = stack.path('form.back');
    await boto3('download_file', { bucket: 'boto', key: 'forms/report 2026.bin', file: back, ...fiveMiB });
    expect(firstDifference(source, back)).toBeNull();

    const tooLarge = await boto3<HttpResult>('presigned_post', {
      bucket: 'boto',
      key: 'forms/large.bin',
      filename: 'large.bin',
      file: writeRandomFile(stack.path('large.bin'), 2048),
      conditions: [['content-length-range', 1, 1024]],
    });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body).toContain('<Code>EntityTooLarge</Code>');
  });
});
