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
import { as } from '../storage/storage-harness';
import { codeOf, OWNER, startS3Harness, type S3Harness } from './s3-harness';

/** The text of `=?UTF-8?B?...?=` words separated by spaces. */
const decodeWords = (value: string) =>
  Buffer.concat(value.split(' ').map((word) => Buffer.from(/^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/.exec(word)![1]!, 'base64'))).toString('utf8');

describe('user metadata: Unicode stored, RFC 2047 encoded-words on GET and HEAD, as in S3', () => {
  let harness: S3Harness;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'meta' }));
  }, 60_000);
  afterAll(() => harness.close());

  /** The metadata as storage keeps it. */
  const stored = async (key: string) => (await harness.backend.client.headObject({ requester: as.root(OWNER), bucket: 'meta', key })).object?.userMetadata;
  /** The `x-amz-meta-<name>` header of a HEAD and of a GET, as sent. */
  const answered = async (key: string, name: string) => {
    const head = await harness.raw({ method: 'HEAD', path: `/meta/${key}` });
    const get = await harness.raw({ method: 'GET', path: `/meta/${key}` });
    expect([head.status, get.status]).toEqual([200, 200]);
    return [head.headers[`x-amz-meta-${name}`], get.headers[`x-amz-meta-${name}`]];
  };

  test('an ASCII value is stored and sent back unchanged', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'meta', Key: 'ascii', Body: 'x', Metadata: { color: 'blue sky', literal: '=?not an encoded word?=' } }));
    expect(await stored('ascii')).toEqual({ color: 'blue sky', literal: '=?not an encoded word?=' });
    expect(await answered('ascii', 'color')).toEqual(['blue sky', 'blue sky']);
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'meta', Key: 'ascii' }))).Metadata).toEqual({ color: 'blue sky', literal: '=?not an encoded word?=' });
  });

  test('an encoded-word is stored decoded and sent back encoded; the SDK hands back the encoded-word as it came', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'meta', Key: 'encoded', Body: 'x', Metadata: { name: '=?UTF-8?B?w6k=?=', quoted: '=?utf-8?q?caf=C3=A9_au_lait?=' } }));
    expect(await stored('encoded')).toEqual({ name: 'é', quoted: 'café au lait' });
    expect(await answered('encoded', 'name')).toEqual(['=?UTF-8?B?w6k=?=', '=?UTF-8?B?w6k=?=']);
    expect(await answered('encoded', 'quoted')).toEqual(Array(2).fill('=?UTF-8?B?Y2Fmw6kgYXUgbGFpdA==?='));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'meta', Key: 'encoded' }));
    expect(head.Metadata).toEqual({ name: '=?UTF-8?B?w6k=?=', quoted: '=?UTF-8?B?Y2Fmw6kgYXUgbGFpdA==?=' });
    const got = await s3.send(new GetObjectCommand({ Bucket: 'meta', Key: 'encoded' }));
    expect(got.Metadata).toEqual(head.Metadata);
    await got.Body!.transformToString();
  });

  test('raw UTF-8 bytes in a header (Go SDKs, rclone, s3cmd) are read as UTF-8 and sent back encoded; other bytes (botocore) one character each', async () => {
    const put = await harness.raw({ method: 'PUT', path: '/meta/raw', headers: { 'x-amz-meta-name': 'é', 'x-amz-meta-city': '東京' }, body: 'x' });
    expect(put.status).toBe(200);
    expect(await stored('raw')).toEqual({ name: 'é', city: '東京' });
    expect(await answered('raw', 'name')).toEqual(['=?UTF-8?B?w6k=?=', '=?UTF-8?B?w6k=?=']);
    expect(await answered('raw', 'city')).toEqual(Array(2).fill('=?UTF-8?B?5p2x5Lqs?='));

    const latin1 = await harness.raw({ method: 'PUT', path: '/meta/latin1', headers: { 'x-amz-meta-name': 'été' }, headerBytes: 'latin1', body: 'x' });
    expect(latin1.status).toBe(200);
    expect(await stored('latin1')).toEqual({ name: 'été' });
    expect(await answered('latin1', 'name')).toEqual(Array(2).fill('=?UTF-8?B?w6l0w6k=?='));
  });

  test('a long value is sent as several encoded-words of at most 75 characters', async () => {
    const text = `${'日本語'.repeat(40)} 😀`;
    expect((await harness.raw({ method: 'PUT', path: '/meta/long', headers: { 'x-amz-meta-long': text }, body: 'x' })).status).toBe(200);
    const [header] = await answered('long', 'long');
    const words = String(header).split(' ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
    expect(decodeWords(String(header))).toBe(text);
  });

  test('a header sent twice is stored with its values joined by a comma, as S3 joins them and SigV4 signs them', async () => {
    const put = await harness.raw({ method: 'PUT', path: '/meta/repeated', repeatedHeaders: { 'x-amz-meta-list': ['a', 'b c'] }, body: 'x' });
    expect(put.status).toBe(200);
    expect(await stored('repeated')).toEqual({ list: 'a,b c' });
    expect(await answered('repeated', 'list')).toEqual(['a,b c', 'a,b c']);
  });

  test('a metadata name of __proto__ is an ordinary name: stored, and sent back', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'meta', Key: 'proto', Body: 'x', Metadata: Object.fromEntries([['__proto__', 'kept'], ['other', 'too']]) }));
    expect(Object.entries((await stored('proto')) ?? {}).sort()).toEqual([
      ['__proto__', 'kept'],
      ['other', 'too'],
    ]);
    expect(await answered('proto', '__proto__')).toEqual(['kept', 'kept']);
  });

  test('CopyObject keeps the decoded metadata (COPY) or decodes the new (REPLACE); CreateMultipartUpload decodes it too', async () => {
    await s3.send(new CopyObjectCommand({ Bucket: 'meta', Key: 'copied', CopySource: 'meta/raw' }));
    expect(await stored('copied')).toEqual({ name: 'é', city: '東京' });
    await s3.send(new CopyObjectCommand({ Bucket: 'meta', Key: 'replaced', CopySource: 'meta/raw', MetadataDirective: 'REPLACE', Metadata: { city: '=?UTF-8?B?5aSn6Ziq?=' } }));
    expect(await stored('replaced')).toEqual({ city: '大阪' });
    expect(await answered('replaced', 'city')).toEqual(Array(2).fill('=?UTF-8?B?5aSn6Ziq?='));
    const rawCopy = await harness.raw({
      method: 'PUT',
      path: '/meta/raw-copy',
      headers: { 'x-amz-copy-source': '/meta/raw', 'x-amz-metadata-directive': 'REPLACE', 'x-amz-meta-city': '京都' },
    });
    expect(rawCopy.status).toBe(200);
    expect(await stored('raw-copy')).toEqual({ city: '京都' });

    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'meta', Key: 'multi', Metadata: { city: '=?UTF-8?Q?=E6=9D=B1=E4=BA=AC?=' } }));
    const { ETag } = await s3.send(new UploadPartCommand({ Bucket: 'meta', Key: 'multi', UploadId, PartNumber: 1, Body: 'only part' }));
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'meta', Key: 'multi', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] } }));
    expect(await stored('multi')).toEqual({ city: '東京' });
    expect(await answered('multi', 'city')).toEqual(Array(2).fill('=?UTF-8?B?5p2x5Lqs?='));
  });

  test('a decoded control character is InvalidArgument; the 2 KB limit counts the decoded text in UTF-8', async () => {
    const control = await harness.raw({ method: 'PUT', path: '/meta/control', headers: { 'x-amz-meta-note': '=?UTF-8?Q?a=0D=0Aset-cookie:_x?=' }, body: 'x' });
    expect([control.status, codeOf(control.body)]).toEqual([400, 'InvalidArgument']);
    const words = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
    expect((await harness.raw({ method: 'PUT', path: '/meta/fits', headers: { 'x-amz-meta-n': words(`${'日'.repeat(682)}x`) }, body: 'x' })).status).toBe(200);
    const over = await harness.raw({ method: 'PUT', path: '/meta/over', headers: { 'x-amz-meta-n': '日'.repeat(683) }, body: 'x' });
    expect([over.status, codeOf(over.body)]).toEqual([400, 'MetadataTooLarge']);
  });
});
