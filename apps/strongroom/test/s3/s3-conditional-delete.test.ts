import { CreateBucketCommand, DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, PutBucketVersioningCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { startS3Harness, type S3Harness } from './s3-harness';

describe('S3 conditional deletes through the gateway with @aws-sdk/client-s3', () => {
  let harness: S3Harness;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'plain' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'versioned' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }));
  }, 60_000);
  afterAll(() => harness.close());

  const put = (Bucket: string, Key: string) => s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
  const exists = (Bucket: string, Key: string) =>
    s3.send(new HeadObjectCommand({ Bucket, Key })).then(
      () => true,
      () => false,
    );

  test('DeleteObject with If-Match: 412 PreconditionFailed on a wrong ETag (the object stays), 204 on the right one or *', async () => {
    const { ETag } = await put('plain', 'doc');
    await expect(s3.send(new DeleteObjectCommand({ Bucket: 'plain', Key: 'doc', IfMatch: '"abc"' }))).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    const kept = await s3.send(new GetObjectCommand({ Bucket: 'plain', Key: 'doc' }));
    expect(await kept.Body!.transformToString()).toBe('doc');
    expect((await s3.send(new DeleteObjectCommand({ Bucket: 'plain', Key: 'doc', IfMatch: ETag }))).$metadata.httpStatusCode).toBe(204);
    expect(await exists('plain', 'doc')).toBe(false);
    await put('plain', 'star');
    await s3.send(new DeleteObjectCommand({ Bucket: 'plain', Key: 'star', IfMatch: '*' }));
    expect(await exists('plain', 'star')).toBe(false);
  });

  test('DeleteObject with If-Match and no current object: 404 NoSuchKey', async () => {
    await expect(s3.send(new DeleteObjectCommand({ Bucket: 'plain', Key: 'never', IfMatch: '*' }))).rejects.toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    await expect(s3.send(new DeleteObjectCommand({ Bucket: 'plain', Key: 'never', IfMatch: '"abc"' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  test('versioned: a matching If-Match adds a delete marker, after which If-Match is NoSuchKey', async () => {
    const { ETag, VersionId } = await put('versioned', 'doc');
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'doc', IfMatch: ETag }));
    expect(marker.DeleteMarker).toBe(true);
    expect(marker.VersionId).toMatch(/^[0-9a-f]{48}$/);
    await expect(s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'doc', IfMatch: ETag }))).rejects.toMatchObject({ name: 'NoSuchKey' });
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'versioned', Key: 'doc', VersionId }))).ETag).toBe(ETag);
  });

  test('refused with 501 NotImplemented before anything is deleted: If-Match with a versionId, and the directory-bucket conditions', async () => {
    const { ETag, VersionId } = await put('versioned', 'named');
    await expect(s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'named', VersionId, IfMatch: ETag }))).rejects.toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
    await expect(s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'named', IfMatchSize: 99 }))).rejects.toMatchObject({ name: 'NotImplemented' });
    await expect(s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'named', IfMatchLastModifiedTime: new Date() }))).rejects.toMatchObject({ name: 'NotImplemented' });
    await expect(s3.send(new DeleteObjectsCommand({ Bucket: 'versioned', Delete: { Objects: [{ Key: 'named', Size: 99 }] } }))).rejects.toMatchObject({ name: 'NotImplemented' });
    expect(await exists('versioned', 'named')).toBe(true);
  });

  test('DeleteObjects: a wrong <ETag> is that key\'s PreconditionFailed, a missing key\'s NoSuchKey; the others are deleted', async () => {
    const first = await put('plain', 'b1');
    await put('plain', 'b2');
    await put('plain', 'b3');
    const named = await put('versioned', 'b4');
    const result = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'plain',
        Delete: {
          Objects: [
            { Key: 'b1', ETag: first.ETag },
            { Key: 'b2', ETag: '"abc"' },
            { Key: 'b3' },
            { Key: 'gone', ETag: '*' },
          ],
        },
      }),
    );
    expect(result.Deleted?.map((deleted) => deleted.Key)).toEqual(['b1', 'b3']);
    expect(result.Errors?.map(({ Key, Code }) => ({ Key, Code }))).toEqual([
      { Key: 'b2', Code: 'PreconditionFailed' },
      { Key: 'gone', Code: 'NoSuchKey' },
    ]);
    expect(await exists('plain', 'b2')).toBe(true);

    const versioned = await s3.send(new DeleteObjectsCommand({ Bucket: 'versioned', Delete: { Objects: [{ Key: 'b4', VersionId: named.VersionId, ETag: named.ETag }] } }));
    expect(versioned.Errors?.map(({ Key, VersionId, Code }) => ({ Key, VersionId, Code }))).toEqual([{ Key: 'b4', VersionId: named.VersionId, Code: 'NotImplemented' }]);
    expect(await exists('versioned', 'b4')).toBe(true);
  });
});
