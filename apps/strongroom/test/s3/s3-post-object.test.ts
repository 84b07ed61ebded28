import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { checksumOf } from '@strongroom/checksums';
import { deriveSigningKey } from '@strongroom/sigv4';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { blobFiles } from '../storage/blob-files';
import { as } from '../storage/storage-harness';
import { codeOf, failure, OWNER, startS3Harness, type S3Harness, type TestAccount } from './s3-harness';

/** The `<Message>` of an XML error body, quotes unescaped. */
function messageOf(body: string): string | undefined {
  return /<Message>([^<]*)<\/Message>/.exec(body)?.[1]?.replace(/&quot;/g, '"').replace(/&apos;/g, "'");
}

const DAY_MS = 86_400_000;

/** ISO 8601 basic: `20261127T120000Z`. */
function amzDate(time: Date): string {
  return time.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * The fields of a signed POST form, as boto3's generate_presigned_post
 * writes them: `exact` fields with an exact-match condition each, the
 * extra `conditions`, the bucket, and the SigV4 fields; the policy signed
 * with the account's signing key of the day it is dated (`signedAt`); it
 * expires `expiresInSeconds` from now.
 */
function presignedPost(
  account: TestAccount,
  bucket: string,
  exact: Readonly<Record<string, string>>,
  conditions: readonly unknown[] = [],
  expiresInSeconds = 300,
  signedAt = new Date(),
): Record<string, string> {
  const date = amzDate(signedAt);
  const signed = {
    ...exact,
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': `${account.accessKeyId}/${date.slice(0, 8)}/us-east-1/s3/aws4_request`,
    'x-amz-date': date,
  };
  const document = {
    expiration: new Date(Date.now() + expiresInSeconds * 1000).toISOString(),
    conditions: [{ bucket }, ...Object.entries(signed).map(([name, value]) => ({ [name]: value })), ...conditions],
  };
  const policy = Buffer.from(JSON.stringify(document)).toString('base64');
  const signature = createHmac('sha256', deriveSigningKey(account.secretAccessKey, date.slice(0, 8), 'us-east-1', 's3'))
    .update(policy)
    .digest('hex');
  return { ...signed, policy, 'x-amz-signature': signature };
}

/** A multipart/form-data body built by hand, for what fetch's FormData will not send (a preamble, an epilogue). */
function multipartBody(boundary: string, fields: Readonly<Record<string, string>>, file: Buffer, filename: string, around: { preamble?: string; epilogue?: string } = {}): Buffer {
  const parts = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  const fileHead = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const preamble = Buffer.from(around.preamble === undefined ? '' : `${around.preamble}\r\n`);
  return Buffer.concat([preamble, ...parts, fileHead, file, Buffer.from(`\r\n--${boundary}--\r\n${around.epilogue ?? ''}`)]);
}

/** The SSE-C fields of a key, as a PutObject's headers would carry it. */
function customerKeyFields(key: Buffer): Record<string, string> {
  return {
    'x-amz-server-side-encryption-customer-algorithm': 'AES256',
    'x-amz-server-side-encryption-customer-key': key.toString('base64'),
    'x-amz-server-side-encryption-customer-key-MD5': createHash('md5').update(key).digest('base64'),
  };
}

describe('POST Object: browser form uploads with a SigV4 POST policy', () => {
  let harness: S3Harness;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    for (const bucket of ['forms', 'public-drop', 'post-only', 'acl-guarded']) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }, 60_000);
  afterAll(() => harness.close());

  /** POSTs a form with fetch's FormData; the file goes last unless `file` is undefined. */
  async function post(fields: Readonly<Record<string, string>>, file: Buffer | undefined, options: { bucket?: string; filename?: string; redirect?: 'follow' | 'manual' } = {}) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    if (file !== undefined) form.append('file', new Blob([file]), options.filename ?? 'upload.bin');
    const response = await fetch(`${harness.http}/${options.bucket ?? 'forms'}`, { method: 'POST', body: form, redirect: options.redirect ?? 'follow' });
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  /** POSTs a hand-built form to `forms` over HTTPS, trusting the harness's self-signed certificate. */
  function postSecurely(fields: Readonly<Record<string, string>>, file: Buffer): Promise<{ status: number; body: string }> {
    const boundary = 'secureBoundary7';
    const body = multipartBody(boundary, fields, file, 'secret.bin');
    return new Promise((resolve, reject) => {
      const sent = request(
        `${harness.https}/forms`,
        { method: 'POST', ca: harness.ca, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          response.on('error', reject);
        },
      );
      sent.on('error', reject);
      sent.end(body);
    });
  }

  const head = (key: string, bucket = 'forms') => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const absent = (key: string, bucket = 'forms') => expect(head(key, bucket)).rejects.toMatchObject({ name: 'NotFound' });

  test('a signed form stores the file (204 by default), byte for byte, encrypted at rest with SSE-S3', async () => {
    const file = randomBytes(3 * 1024 * 1024 + 17);
    const answer = await post(presignedPost(harness.owner, 'forms', { key: 'big/random.bin' }), file);
    const md5 = createHash('md5').update(file).digest('hex');
    expect(answer.status).toBe(204);
    expect(answer.headers.get('etag')).toBe(`"${md5}"`);
    expect(answer.headers.get('x-amz-server-side-encryption')).toBe('AES256');
    expect(answer.headers.get('location')).toBe(`${harness.http}/forms/big%2Frandom.bin`);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'forms', Key: 'big/random.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(file)).toBe(true);
    expect(got).toMatchObject({ ServerSideEncryption: 'AES256', ETag: `"${md5}"`, ContentLength: file.length });

    const marker = Buffer.from(`plaintext marker ${randomBytes(8).toString('hex')}`);
    expect((await post(presignedPost(harness.owner, 'forms', { key: 'marked.txt' }), marker)).status).toBe(204);
    const blobDirectory = harness.backend.storage.blobDirectory;
    const files = blobFiles(blobDirectory);
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) expect(readFileSync(join(blobDirectory, name)).includes(marker)).toBe(false);
  });

  test('a form serves while its policy runs, up to 7 days after it was signed', async () => {
    const sixDaysOld = presignedPost(harness.owner, 'forms', { key: 'six-days.txt' }, [], 86_400, new Date(Date.now() - 6 * DAY_MS));
    expect((await post(sixDaysOld, Buffer.from('still valid'))).status).toBe(204);
    expect((await head('six-days.txt')).ContentLength).toBe(11);
  });

  test('success_action_status 201 answers a PostResponse document; 200 an empty body', async () => {
    const created = await post(presignedPost(harness.owner, 'forms', { key: 'status/201.txt', success_action_status: '201' }), Buffer.from('two oh one'));
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/xml');
    const etag = `"${createHash('md5').update('two oh one').digest('hex')}"`;
    expect(created.body).toContain(`<Location>${harness.http}/forms/status%2F201.txt</Location>`);
    expect(created.body).toContain('<Bucket>forms</Bucket>');
    expect(created.body).toContain('<Key>status/201.txt</Key>');
    expect(created.body).toContain(`<ETag>${etag.replace(/"/g, '&quot;')}</ETag>`);
    const ok = await post(presignedPost(harness.owner, 'forms', { key: 'status/200.txt', success_action_status: '200' }), Buffer.from('two hundred'));
    expect([ok.status, ok.body]).toEqual([200, '']);
  });

  test('success_action_redirect answers 303 to the URL with bucket, key and etag', async () => {
    const target = 'https://example.com/done?from=form';
    const answer = await post(presignedPost(harness.owner, 'forms', { key: 'redirected.txt', success_action_redirect: target }), Buffer.from('r'), { redirect: 'manual' });
    expect(answer.status).toBe(303);
    const location = new URL(answer.headers.get('location')!);
    expect([location.origin, location.pathname, location.searchParams.get('from')]).toEqual(['https://example.com', '/done', 'form']);
    expect([location.searchParams.get('bucket'), location.searchParams.get('key'), location.searchParams.get('etag')]).toEqual(['forms', 'redirected.txt', `"${createHash('md5').update('r').digest('hex')}"`]);
  });

  test('the Location (header and PostResponse) and the redirect form-encode the key as S3 does: / as %2F, a space as +', async () => {
    const key = 'dir/sub dir/a+b~c*d(e)é.txt';
    const encoded = 'dir%2Fsub+dir%2Fa%2Bb%7Ec*d%28e%29%C3%A9.txt';
    const created = await post(presignedPost(harness.owner, 'forms', { key, success_action_status: '201' }), Buffer.from('located'));
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${harness.http}/forms/${encoded}`);
    expect(created.body).toContain(`<Location>${harness.http}/forms/${encoded}</Location>`);
    expect(created.body).toContain(`<Key>${key}</Key>`);
    const redirected = await post(presignedPost(harness.owner, 'forms', { key, success_action_redirect: 'https://example.com/done' }), Buffer.from('located'), { redirect: 'manual' });
    expect(redirected.headers.get('location')).toContain(`&key=${encoded}&`);
    expect((await head(key)).ContentLength).toBe(7);
  });

  test('${filename} becomes the file name; Content-Type, metadata and tags are stored', async () => {
    const fields = presignedPost(harness.owner, 'forms', {
      'Content-Type': 'image/jpeg',
      'x-amz-meta-uuid': '14365123651274',
      tagging: '<Tagging><TagSet><Tag><Key>team</Key><Value>red</Value></Tag></TagSet></Tagging>',
    }, [['starts-with', '$key', 'user/betty/']]);
    const answer = await post({ ...fields, key: 'user/betty/${filename}' }, Buffer.from('jpeg bytes'), { filename: 'lol catz.jpg' });
    expect(answer.status).toBe(204);
    const stored = await head('user/betty/lol catz.jpg');
    expect(stored).toMatchObject({ ContentType: 'image/jpeg', Metadata: { uuid: '14365123651274' }, TagCount: 1 });
  });

  test('${filename} is replaced in every field, as S3 documents, and the policy is checked against the replaced values', async () => {
    const fields = presignedPost(harness.owner, 'forms', { 'x-amz-meta-original': 'report.pdf' }, [
      ['starts-with', '$key', 'named/'],
      ['starts-with', '$Content-Disposition', 'attachment; filename="'],
    ]);
    const form = { ...fields, key: 'named/${filename}', 'Content-Disposition': 'attachment; filename="${filename}"', 'x-amz-meta-original': '${filename}' };
    const answer = await post(form, Buffer.from('pdf bytes'), { filename: 'C:\\docs\\report.pdf' });
    expect(answer.status).toBe(204);
    expect(await head('named/report.pdf')).toMatchObject({ ContentDisposition: 'attachment; filename="report.pdf"', Metadata: { original: 'report.pdf' } });

    const other = await post({ ...form, key: 'named/other-${filename}' }, Buffer.from('pdf bytes'), { filename: 'other.pdf' });
    expect([other.status, codeOf(other.body)]).toEqual([403, 'AccessDenied']);
    expect(messageOf(other.body)).toContain('Policy Condition failed: ["eq", "$x-amz-meta-original", "report.pdf"]');
    await absent('named/other-other.pdf');
  });

  test('a metadata field is Unicode text, stored as such and sent back RFC 2047 encoded, as a PutObject of the same text', async () => {
    const fields = presignedPost(harness.owner, 'forms', { key: 'unicode/meta.txt', 'x-amz-meta-name': '日本', 'x-amz-meta-word': '=?UTF-8?B?w6k=?=', 'x-amz-meta-plain': 'ascii' });
    expect((await post(fields, Buffer.from('text'))).status).toBe(204);
    const kept = await harness.backend.client.headObject({ requester: as.root(OWNER), bucket: 'forms', key: 'unicode/meta.txt' });
    expect(kept.object?.userMetadata).toEqual({ name: '日本', word: 'é', plain: 'ascii' });
    const answer = await harness.raw({ method: 'HEAD', path: '/forms/unicode/meta.txt' });
    expect([answer.headers['x-amz-meta-name'], answer.headers['x-amz-meta-word'], answer.headers['x-amz-meta-plain']]).toEqual(['=?UTF-8?B?5pel5pys?=', '=?UTF-8?B?w6k=?=', 'ascii']);
    expect((await head('unicode/meta.txt')).Metadata).toEqual({ name: '=?UTF-8?B?5pel5pys?=', word: '=?UTF-8?B?w6k=?=', plain: 'ascii' });
  });

  test('text beyond Latin-1 in a metadata field, and a file name beyond it in ${filename}, is stored and sent back RFC 2047 encoded', async () => {
    const fields = presignedPost(harness.owner, 'forms', { 'x-amz-meta-name': 'Zoë 日本' }, [['starts-with', '$key', 'unicode/'], ['starts-with', '$x-amz-meta-file', '']]);
    const answer = await post({ ...fields, key: 'unicode/${filename}', 'x-amz-meta-file': '${filename}' }, Buffer.from('text'), { filename: 'Zoë 日本.txt' });
    expect(answer.status).toBe(204);
    const kept = await harness.backend.client.headObject({ requester: as.root(OWNER), bucket: 'forms', key: 'unicode/Zoë 日本.txt' });
    expect(kept.object?.userMetadata).toEqual({ name: 'Zoë 日本', file: 'Zoë 日本.txt' });
    const raw = await harness.raw({ method: 'HEAD', path: `/forms/${encodeURIComponent('unicode/Zoë 日本.txt')}` });
    expect(raw.headers['x-amz-meta-name']).toBe(`=?UTF-8?B?${Buffer.from('Zoë 日本').toString('base64')}?=`);
  });

  test('an SSE-KMS field is honoured over TLS (refused over plain HTTP, as S3 does), and field names match in any case (as @aws-sdk/s3-presigned-post writes them)', async () => {
    const lower = presignedPost(harness.owner, 'forms', { key: 'kms.txt', 'x-amz-server-side-encryption': 'aws:kms' });
    const sdkStyle: Record<string, string> = { bucket: 'forms' };
    for (const [name, value] of Object.entries(lower)) sdkStyle[name === 'policy' ? 'Policy' : name.replace(/^x-amz-(algorithm|credential|date|signature)$/, (_all, part: string) => `X-Amz-${part[0]!.toUpperCase()}${part.slice(1)}`)] = value;
    expect(Object.keys(sdkStyle)).toEqual(expect.arrayContaining(['Policy', 'X-Amz-Signature', 'X-Amz-Credential']));
    const overHttp = await post(sdkStyle, Buffer.from('secret stuff'));
    expect([overHttp.status, codeOf(overHttp.body)]).toEqual([400, 'InvalidArgument']);
    expect(overHttp.body).toContain('must be made over a secure connection');
    await absent('kms.txt');
    expect((await postSecurely(sdkStyle, Buffer.from('secret stuff'))).status).toBe(204);
    const secure = harness.client(undefined, { secure: true });
    expect((await secure.send(new HeadObjectCommand({ Bucket: 'forms', Key: 'kms.txt' }))).ServerSideEncryption).toBe('aws:kms');
    expect((await failure(head('kms.txt')))[1]).toBe(400);
  });

  test('an x-amz-checksum field is verified against the file and stored', async () => {
    const file = Buffer.from('checked contents');
    const crc32 = checksumOf('CRC32', file).toString('base64');
    const answer = await post(presignedPost(harness.owner, 'forms', { key: 'checked.txt', 'x-amz-checksum-crc32': crc32 }), file);
    expect([answer.status, answer.headers.get('x-amz-checksum-crc32')]).toEqual([204, crc32]);
    const wrong = await post(presignedPost(harness.owner, 'forms', { key: 'corrupt.txt', 'x-amz-checksum-crc32': crc32 }), Buffer.from('other contents!!'));
    expect([wrong.status, codeOf(wrong.body)]).toEqual([400, 'BadDigest']);
    await absent('corrupt.txt');
  });

  test('virtual-hosted style: the form is posted to <bucket>.localhost', async () => {
    const boundary = 'vhostBoundary42';
    const fields = presignedPost(harness.owner, 'forms', { key: 'vhost.txt', success_action_status: '201' });
    const port = new URL(harness.http).port;
    const answer = await harness.raw({
      method: 'POST',
      path: '/',
      headers: { host: `forms.localhost:${port}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: multipartBody(boundary, fields, Buffer.from('virtual'), 'v.txt'),
      account: null,
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toContain(`<Location>http://forms.localhost:${port}/vhost.txt</Location>`);
    expect((await head('vhost.txt')).ContentLength).toBe(7);
  });

  test.each([
    ['an expired policy', () => presignedPost(harness.owner, 'forms', { key: 'expired.txt' }, [], -1), 403, 'AccessDenied', 'Invalid according to Policy: Policy expired.'],
    ['a form signed over 7 days ago, as long as its policy runs', () => presignedPost(harness.owner, 'forms', { key: 'old.txt' }, [], 86_400, new Date(Date.now() - 8 * DAY_MS)), 403, 'AccessDenied', 'Request has expired'],
    ['a form dated an hour ahead', () => presignedPost(harness.owner, 'forms', { key: 'early.txt' }, [], 7200, new Date(Date.now() + 3_600_000)), 403, 'AccessDenied', 'Request is not yet valid'],
    [
      'a bad signature',
      () => ({ ...presignedPost(harness.owner, 'forms', { key: 'forged.txt' }), 'x-amz-signature': '0'.repeat(64) }),
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    ],
    [
      'another account signing with a wrong secret',
      () => presignedPost({ ...harness.other, secretAccessKey: 'x'.repeat(40) }, 'forms', { key: 'forged.txt' }),
      403,
      'SignatureDoesNotMatch',
      'Check your key and signing method.',
    ],
    [
      'a field the policy does not name',
      () => ({ ...presignedPost(harness.owner, 'forms', { key: 'extra.txt' }), 'x-amz-meta-sneaky': 'yes' }),
      403,
      'AccessDenied',
      'Invalid according to Policy: Extra input fields: x-amz-meta-sneaky',
    ],
    [
      'a key outside its starts-with prefix',
      () => ({ ...presignedPost(harness.owner, 'forms', {}, [['starts-with', '$key', 'user/alice/']]), key: 'user/bob/x.txt' }),
      403,
      'AccessDenied',
      'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "user/alice/"]',
    ],
    [
      'a policy with starts-with on a field S3 matches exactly only',
      () => presignedPost(harness.owner, 'forms', { key: 'any-bucket.txt' }, [['starts-with', '$bucket', '']]),
      400,
      'InvalidPolicyDocument',
      'Invalid Policy: Invalid Condition: "$bucket" supports exact matching only.',
    ],
    [
      'a policy whose exact match names two fields in one object',
      () => presignedPost(harness.owner, 'forms', { key: 'two-fields.txt' }, [{ 'x-amz-meta-a': 'a', 'x-amz-meta-b': 'b' }]),
      400,
      'InvalidPolicyDocument',
      'Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.',
    ],
    ['a policy for another bucket', () => presignedPost(harness.owner, 'elsewhere', { key: 'other-bucket.txt' }), 403, 'AccessDenied', 'Policy Condition failed: ["eq", "$bucket", "elsewhere"]'],
    [
      'a file larger than content-length-range',
      () => presignedPost(harness.owner, 'forms', { key: 'too-large.txt' }, [['content-length-range', 0, 10]]),
      400,
      'EntityTooLarge',
      'Your proposed upload exceeds the maximum allowed size',
    ],
    [
      'a file smaller than content-length-range',
      () => presignedPost(harness.owner, 'forms', { key: 'too-small.txt' }, [['content-length-range', 100, 1000]]),
      400,
      'EntityTooSmall',
      'Your proposed upload is smaller than the minimum allowed size',
    ],
    ['a signed form without a date', () => ({ ...presignedPost(harness.owner, 'forms', { key: 'no-date.txt' }), 'x-amz-date': '' }), 400, 'InvalidArgument', "Bucket POST must contain a field named 'x-amz-date'."],
    ['an unsigned form with a security token', () => ({ key: 'anonymous-token.txt', 'x-amz-security-token': 'not-issued-here' }), 400, 'InvalidToken', 'The provided token is malformed or otherwise invalid.'],
    [
      'a security token Strongroom did not issue',
      () => presignedPost(harness.owner, 'forms', { key: 'token.txt', 'x-amz-security-token': 'not-issued-here' }),
      400,
      'InvalidToken',
      'The provided token is malformed or otherwise invalid.',
    ],
  ])('refuses %s and stores nothing', async (_what, fields, status, code, message) => {
    const form: Record<string, string> = fields();
    const answer = await post(form, Buffer.from('eleven byte'));
    expect([answer.status, codeOf(answer.body)]).toEqual([status, code]);
    expect(messageOf(answer.body)).toContain(message);
    await absent(form.key ?? 'user/bob/x.txt');
  });

  test('refuses a form without a file, a body that is not a form, and a broken one', async () => {
    const noFile = await post(presignedPost(harness.owner, 'forms', { key: 'no-file.txt' }), undefined);
    expect([noFile.status, codeOf(noFile.body)]).toEqual([400, 'InvalidArgument']);
    expect(messageOf(noFile.body)).toBe('POST requires exactly one file upload per request.');
    expect(noFile.body).toContain('<ArgumentName>file</ArgumentName>');
    const urlEncoded = await fetch(`${harness.http}/forms`, { method: 'POST', body: new URLSearchParams({ key: 'x' }) });
    const urlEncodedBody = await urlEncoded.text();
    expect([urlEncoded.status, codeOf(urlEncodedBody)]).toEqual([412, 'PreconditionFailed']);
    expect(urlEncodedBody).toContain('<Condition>Bucket POST must be of the enclosure-type multipart/form-data</Condition>');
    const truncated = multipartBody('b0undary', { key: 'broken.txt' }, Buffer.from('data'), 'b.txt').subarray(0, -20);
    const broken = await harness.raw({ method: 'POST', path: '/forms', headers: { 'content-type': 'multipart/form-data; boundary=b0undary' }, body: truncated, account: null });
    expect([broken.status, codeOf(broken.body)]).toEqual([400, 'MalformedPOSTRequest']);
    await absent('no-file.txt');
    await absent('broken.txt');
  });

  test('an anonymous form is denied on a private bucket, and allowed where a bucket policy lets anyone write', async () => {
    const denied = await post({ key: 'anonymous.txt' }, Buffer.from('hello'));
    expect([denied.status, codeOf(denied.body)]).toEqual([403, 'AccessDenied']);
    await absent('anonymous.txt');

    await s3.send(new DeletePublicAccessBlockCommand({ Bucket: 'public-drop' }));
    const anyoneWrites = { Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::public-drop/inbox/*' };
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'public-drop', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [anyoneWrites] }) }));
    const allowed = await post({ key: 'inbox/${filename}', 'Content-Type': 'text/plain' }, Buffer.from('dropped'), { bucket: 'public-drop', filename: 'note.txt' });
    expect(allowed.status).toBe(204);
    expect(await head('inbox/note.txt', 'public-drop')).toMatchObject({ ContentType: 'text/plain', ServerSideEncryption: 'AES256' });
    const outside = await post({ key: 'elsewhere.txt' }, Buffer.from('x'), { bucket: 'public-drop' });
    expect([outside.status, codeOf(outside.body)]).toEqual([403, 'AccessDenied']);
  });

  test('SSE-C fields over plain HTTP are refused, as SSE-C headers are', async () => {
    const key = randomBytes(32);
    const answer = await post({ key: 'sse-c.txt', ...customerKeyFields(key) }, Buffer.from('secret'));
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidRequest']);
  });

  test('SSE-C fields over plain HTTP are refused before the signature is checked, so the policy holding the key is never echoed', async () => {
    const key = randomBytes(32);
    const forged: Record<string, string> = { ...presignedPost(harness.owner, 'forms', { key: 'sse-c-forged.txt', ...customerKeyFields(key) }), 'x-amz-signature': '0'.repeat(64) };
    const answer = await post(forged, Buffer.from('secret'));
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidRequest']);
    expect(answer.body).not.toContain(forged.policy!.slice(0, 24));
    expect(answer.body).not.toContain(key.toString('base64'));
  });

  test('over HTTPS, errors about a form whose policy holds an SSE-C key never quote the key', async () => {
    const key = randomBytes(32);
    const signed = presignedPost(harness.owner, 'forms', { key: 'sse-c-secure.txt', ...customerKeyFields(key) });
    const forged = await postSecurely({ ...signed, 'x-amz-signature': '0'.repeat(64) }, Buffer.from('secret'));
    expect([forged.status, codeOf(forged.body)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(forged.body).not.toContain('<StringToSign>');
    expect(forged.body).not.toContain(signed.policy!.slice(0, 24));

    const otherKey = randomBytes(32);
    const mismatched = await postSecurely({ ...signed, ...customerKeyFields(otherKey) }, Buffer.from('secret'));
    expect([mismatched.status, codeOf(mismatched.body)]).toEqual([403, 'AccessDenied']);
    expect(messageOf(mismatched.body)).toContain('Policy Condition failed: ["eq", "$x-amz-server-side-encryption-customer-key", "[redacted]"]');
    for (const body of [forged.body, mismatched.body]) {
      expect(body).not.toContain(key.toString('base64'));
      expect(body).not.toContain(otherKey.toString('base64'));
    }
    await absent('sse-c-secure.txt');
  });

  test('starts-with on Content-Type holds for every entry of a comma-separated list, and a field sent twice is refused', async () => {
    const imagesOnly = (key: string) => presignedPost(harness.owner, 'forms', { key }, [['starts-with', '$Content-Type', 'image/']]);
    const listed = await post({ ...imagesOnly('typed/list.png'), 'Content-Type': 'image/png,text/html' }, Buffer.from('<script>alert(1)</script>'));
    expect([listed.status, codeOf(listed.body)]).toEqual([403, 'AccessDenied']);
    expect(messageOf(listed.body)).toContain('Policy Condition failed: ["starts-with", "$Content-Type", "image/"]');
    const twice = await post({ ...imagesOnly('typed/twice.png'), 'Content-Type': 'image/png', 'content-type': 'text/html' }, Buffer.from('<script>alert(1)</script>'));
    expect([twice.status, codeOf(twice.body)]).toEqual([400, 'InvalidArgument']);
    expect(twice.body).toContain('<ArgumentName>content-type</ArgumentName>');
    await absent('typed/list.png');
    await absent('typed/twice.png');

    const images = await post({ ...imagesOnly('typed/images.png'), 'Content-Type': 'image/png, image/gif' }, Buffer.from('png'));
    expect(images.status).toBe(204);
  });

  test.each([
    ['a character beyond U+00FF outside metadata', 'content-disposition', 'attachment; filename="snow \u2603 man.txt"'],
    ['a NUL', 'x-amz-meta-note', 'nul \u0000 here'],
    ['a name that is not a token', 'x-amz-meta-a b', 'fine'],
  ])('refuses a field that becomes a header with %s, naming it, and stores nothing', async (_what, name, value) => {
    const key = `headers/${name.length}-${value.length}.txt`;
    const fields = { ...presignedPost(harness.owner, 'forms', { key }, [['starts-with', `$${name}`, '']]), [name]: value };
    const answer = await post(fields, Buffer.from('data'));
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
    expect(answer.body).toContain(`<ArgumentName>${name}</ArgumentName>`);
    await absent(key);
  });

  test('counts a preamble toward the 20 KiB before the file, and reads at most 20 KiB after it', async () => {
    const boundary = 'limitsBoundary9';
    const send = (key: string, around: { preamble?: string; epilogue?: string }) =>
      harness.raw({
        method: 'POST',
        path: '/forms',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: multipartBody(boundary, presignedPost(harness.owner, 'forms', { key }), Buffer.from('data'), 'd.txt', around),
        account: null,
      });
    const preamble = await send('limits/preamble.txt', { preamble: 'p'.repeat(24 * 1024) });
    expect([preamble.status, codeOf(preamble.body)]).toEqual([400, 'MaxPostPreDataLengthExceeded']);
    expect(messageOf(preamble.body)).toBe('Your POST request fields preceeding the upload file was too large.');
    expect(preamble.body).toContain('<MaxPostPreDataLengthBytes>20480</MaxPostPreDataLengthBytes>');
    const epilogue = await send('limits/epilogue.txt', { epilogue: 'e'.repeat(64 * 1024) });
    expect([epilogue.status, codeOf(epilogue.body)]).toEqual([400, 'MalformedPOSTRequest']);
    await absent('limits/preamble.txt');
    await absent('limits/epilogue.txt');
    expect((await send('limits/small.txt', { preamble: 'short', epilogue: 'e'.repeat(1024) })).status).toBe(204);
  });

  test('bucket policies see a form as S3 does: s3:authType POST, and the condition keys of its fields', async () => {
    const deny = (sid: string, condition: object) => ({ Sid: sid, Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::post-only/*', Condition: condition });
    const policy = {
      Version: '2012-10-17',
      Statement: [deny('FormsOnly', { StringNotEquals: { 's3:authType': 'POST' } }), deny('SseS3Only', { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } })],
    };
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'post-only', Policy: JSON.stringify(policy) }));
    const withSse = await post(presignedPost(harness.owner, 'post-only', { key: 'ok.txt', 'x-amz-server-side-encryption': 'AES256' }), Buffer.from('ok'), { bucket: 'post-only' });
    expect(withSse.status).toBe(204);
    const withoutSse = await post(presignedPost(harness.owner, 'post-only', { key: 'no-sse.txt' }), Buffer.from('no'), { bucket: 'post-only' });
    expect([withoutSse.status, codeOf(withoutSse.body)]).toEqual([403, 'AccessDenied']);
    await expect(s3.send(new PutObjectCommand({ Bucket: 'post-only', Key: 'put.txt', Body: 'put', ServerSideEncryption: 'AES256' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  test("a form's acl field is what bucket policies see as s3:x-amz-acl", async () => {
    const ownerControl = { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::acl-guarded/*', Condition: { StringNotEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } };
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'acl-guarded', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [ownerControl] }) }));
    const granted = await post(presignedPost(harness.owner, 'acl-guarded', { key: 'granted.txt', acl: 'bucket-owner-full-control' }), Buffer.from('ok'), { bucket: 'acl-guarded' });
    expect(granted.status).toBe(204);
    const other = await post(presignedPost(harness.owner, 'acl-guarded', { key: 'private.txt', acl: 'private' }), Buffer.from('no'), { bucket: 'acl-guarded' });
    expect([other.status, codeOf(other.body)]).toEqual([403, 'AccessDenied']);
    await absent('private.txt', 'acl-guarded');
  });
});
