import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startS3Harness, type S3Harness } from './s3-harness';

describe('S3 multipart uploads through the gateway', () => {
  let harness: S3Harness;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
    await s3.send(new PutObjectCommand({ Bucket: 'listing', Key: 'a/1', Body: 'a/1' }));
  }, 60_000);
  afterAll(() => harness.close());

  test('multipart: upload, copy a range into a part, list, complete; abort', async () => {
    const part1 = Buffer.alloc(5 * 1024 * 1024, 1);
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'big', ContentType: 'application/x-big' }));
    const uploaded = await s3.send(new UploadPartCommand({ Bucket: 'listing', Key: 'big', UploadId, PartNumber: 1, Body: part1 }));
    const copied = await s3.send(new UploadPartCopyCommand({ Bucket: 'listing', Key: 'big', UploadId, PartNumber: 2, CopySource: 'listing/a/1', CopySourceRange: 'bytes=0-1' }));
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'listing' }));
    expect(uploads.Uploads?.map((upload) => [upload.Key, upload.UploadId])).toEqual([['big', UploadId]]);
    const parts = await s3.send(new ListPartsCommand({ Bucket: 'listing', Key: 'big', UploadId }));
    expect(parts.Parts?.map((part) => [part.PartNumber, part.Size])).toEqual([[1, part1.length], [2, 2]]);
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'listing',
        Key: 'big',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: uploaded.ETag }, { PartNumber: 2, ETag: copied.CopyPartResult?.ETag }] },
      }),
    );
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
    const body = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: 'listing', Key: 'big' }))).Body!.transformToByteArray());
    expect(body.equals(Buffer.concat([part1, Buffer.from('a/')]))).toBe(true);
    const part = await s3.send(new GetObjectCommand({ Bucket: 'listing', Key: 'big', PartNumber: 2 }));
    expect([await part.Body!.transformToString(), part.PartsCount]).toEqual(['a/', 2]);
    const aborted = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'gone' }));
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'listing', Key: 'gone', UploadId: aborted.UploadId }));
    await expect(s3.send(new ListPartsCommand({ Bucket: 'listing', Key: 'gone', UploadId: aborted.UploadId }))).rejects.toMatchObject({ name: 'NoSuchUpload' });
  });

  test('bad part lists get EntityTooSmall, InvalidPart, InvalidPartOrder; unknown uploads NoSuchUpload', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'bad' }));
    const parts = [];
    for (const PartNumber of [1, 2]) {
      const { ETag } = await s3.send(new UploadPartCommand({ Bucket: 'listing', Key: 'bad', UploadId, PartNumber, Body: `part ${PartNumber}` }));
      parts.push({ PartNumber, ETag });
    }
    const complete = (Parts: { PartNumber: number; ETag?: string }[]) => s3.send(new CompleteMultipartUploadCommand({ Bucket: 'listing', Key: 'bad', UploadId, MultipartUpload: { Parts } }));
    await expect(complete(parts)).rejects.toMatchObject({ name: 'EntityTooSmall', $metadata: { httpStatusCode: 400 } });
    await expect(complete([{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }])).rejects.toMatchObject({ name: 'InvalidPart' });
    await expect(complete([parts[1]!, parts[0]!])).rejects.toMatchObject({ name: 'InvalidPartOrder' });
    await expect(s3.send(new GetObjectCommand({ Bucket: 'listing', Key: 'bad' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(s3.send(new UploadPartCommand({ Bucket: 'listing', Key: 'bad', UploadId: 'no-such-upload', PartNumber: 1, Body: 'x' }))).rejects.toMatchObject({
      name: 'NoSuchUpload',
      $metadata: { httpStatusCode: 404 },
    });
  });
});
