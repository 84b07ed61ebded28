import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { SigV4Verifier, type SignedRequest } from '../src';
import { keysFrom } from './support/fixtures';
import { S3TestServer, type SeenRequest } from './support/s3-test-server';

/**
 * `@aws-sdk/client-s3` with its default settings (which send aws-chunked
 * bodies with checksum trailers for streams) against a node:http server that
 * authenticates every request with this library.
 */
const ACCESS_KEY = 'AKIACLIENTS3TEST0001';
const SECRET = 'client/s3+secret=key';
const server = new S3TestServer(
  new SigV4Verifier<unknown>({ region: 'eu-west-1', service: 's3', getSigningKey: keysFrom({ [ACCESS_KEY]: SECRET }) }),
);
let endpoint = '';
const clients: S3Client[] = [];

function client(overrides: Partial<S3ClientConfig> = {}): S3Client {
  const created = new S3Client({
    region: 'eu-west-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET },
    maxAttempts: 1,
    ...overrides,
  });
  clients.push(created);
  return created;
}

function last(): SeenRequest & { auth: SignedRequest<unknown> } {
  const seen = server.seen.at(-1);
  if (seen?.auth.kind !== 'signed') throw new Error('no signed request seen');
  return seen as SeenRequest & { auth: SignedRequest<unknown> };
}

beforeAll(async () => {
  endpoint = await server.start();
});

afterAll(async () => {
  for (const created of clients) created.destroy();
  await server.stop();
});

const ODD_KEYS = ['plain.txt', 'a b+c~d=e&f.txt', 'ünïcödé/日本語/😀.bin', "!'()*$@:;,#?[].txt", 'dir//double/../dots/./x', '%41%zz'];

describe('@aws-sdk/client-s3 against the verifier', () => {
  it.each(ODD_KEYS)('PutObject and GetObject of key %j (small body: hex x-amz-content-sha256)', async (key) => {
    const s3 = client();
    const body = Buffer.from(`contents of ${key}`);
    await s3.send(new PutObjectCommand({ Bucket: 'bucket', Key: key, Body: body }));
    const put = last();
    expect(put.auth.payload.kind).toBe('sha256');
    expect(put.auth.contentSha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(put.body.equals(body)).toBe(true);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'bucket', Key: key }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    expect(last().auth.authType).toBe('REST-HEADER');
  });

  it('PutObject with a stream body: STREAMING-UNSIGNED-PAYLOAD-TRAILER with a CRC32 trailer, decoded and verified', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 17, 'x');
    data.write('the start', 0);
    await client().send(
      new PutObjectCommand({ Bucket: 'bucket', Key: 'streamed/ü.bin', Body: Readable.from([data]), ContentLength: data.length }),
    );
    const put = last();
    expect(put.auth.contentSha256).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    expect(put.auth.payload).toEqual({
      kind: 'aws-chunked',
      signed: false,
      trailer: 'x-amz-checksum-crc32',
      decodedContentLength: data.length,
    });
    expect(put.body.equals(data)).toBe(true);
    expect(put.checksum).toMatchObject({ algorithm: 'CRC32', verified: true });
  });

  it.each(['SHA256', 'SHA1', 'CRC32C', 'CRC64NVME'] as const)(
    'UploadPart with a stream body and ChecksumAlgorithm %s',
    async (algorithm) => {
      const data = Buffer.alloc(200_000, algorithm);
      await client().send(
        new UploadPartCommand({
          Bucket: 'bucket',
          Key: 'multi part',
          UploadId: 'upload+id/=',
          PartNumber: 3,
          Body: Readable.from([data.subarray(0, 70_000), data.subarray(70_000)]),
          ContentLength: data.length,
          ChecksumAlgorithm: algorithm,
        }),
      );
      const part = last();
      expect(part.body.equals(data)).toBe(true);
      expect(part.checksum).toMatchObject({ algorithm, verified: true });
    },
  );

  it('ListObjectsV2, HeadObject with a Range, CopyObject, PutObjectTagging and DeleteObjects', async () => {
    const s3 = client();
    await s3.send(
      new ListObjectsV2Command({ Bucket: 'bucket', Prefix: 'a b+c/ü', Delimiter: '/', StartAfter: 'x=y', ContinuationToken: 'tok+/=' }),
    );
    expect(last().url).toContain('list-type=2');
    await s3.send(new HeadObjectCommand({ Bucket: 'bucket', Key: 'h k', Range: 'bytes=0-9' }));
    expect(last().auth.signedHeaders).toContain('range');
    await s3.send(
      new CopyObjectCommand({
        Bucket: 'bucket',
        Key: 'copy',
        CopySource: 'bucket/a b+c ü.txt',
        MetadataDirective: 'REPLACE',
        Metadata: { note: '  spaced   out  ' },
      }),
    );
    expect(last().auth.signedHeaders).toEqual(expect.arrayContaining(['x-amz-copy-source', 'x-amz-meta-note']));
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'bucket', Key: 't', Tagging: { TagSet: [{ Key: 'k', Value: 'v w' }] } }));
    await s3.send(new DeleteObjectsCommand({ Bucket: 'bucket', Delete: { Objects: [{ Key: 'a' }, { Key: 'b c' }] } }));
    expect(last().auth.payload.kind).toBe('sha256');
    expect(last().body.toString()).toContain('<Key>b c</Key>');
  });

  it('a wrong secret is SignatureDoesNotMatch, an unknown key InvalidAccessKeyId, another region AuthorizationHeaderMalformed', async () => {
    await expect(
      client({ credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: 'wrong' } }).send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })),
    ).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      client({ credentials: { accessKeyId: 'AKIANOBODY', secretAccessKey: SECRET } }).send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })),
    ).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
    });
    await expect(client({ region: 'us-west-2' }).send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }))).rejects.toMatchObject({
      name: 'AuthorizationHeaderMalformed',
      message: "The authorization header is malformed; the region 'us-west-2' is wrong; expecting 'eu-west-1'",
    });
  });

  it('a client clock 20 minutes fast is RequestTimeTooSkewed', async () => {
    await expect(client({ systemClockOffset: 20 * 60 * 1000 }).send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }))).rejects.toMatchObject(
      {
        name: 'RequestTimeTooSkewed',
      },
    );
  });
});
