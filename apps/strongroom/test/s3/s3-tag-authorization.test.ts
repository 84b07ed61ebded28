import {
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetBucketTaggingCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { codeOf, failure, startS3Harness, type S3Harness } from './s3-harness';

const BUCKET = 'tag-guarded';
/** A tag S3 refuses with InvalidTag: `#` is outside its character set. */
const BAD_TAG = { Key: 'bad#key', Value: 'v' };
/**
 * A tag S3 refuses with InvalidTag in an `x-amz-tagging` header: an `aws:`
 * key. A character outside the set is, in a header, S3's InvalidArgument
 * about the header's form, which the gateway answers before authorization.
 */
const BAD_TAGGING = 'aws%3Ateam=v';

/** A write carrying {@link BAD_TAG} to {@link BUCKET}, sent with `client`, copying from `source` (`<bucket>/<key>`) where it copies. */
type TaggedWrite = (client: S3Client, source: string) => Promise<unknown>;

const WRITES: readonly [string, TaggedWrite][] = [
  ['PutObjectTagging', (client) => client.send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: 'doc', Tagging: { TagSet: [BAD_TAG] } }))],
  ['PutBucketTagging', (client) => client.send(new PutBucketTaggingCommand({ Bucket: BUCKET, Tagging: { TagSet: [BAD_TAG] } }))],
  ['PutObject with x-amz-tagging', (client) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'put.txt', Body: 'put', Tagging: BAD_TAGGING }))],
  [
    'CopyObject replacing the tags',
    (client, source) => client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copy.txt', CopySource: source, TaggingDirective: 'REPLACE', Tagging: BAD_TAGGING })),
  ],
  ['CreateMultipartUpload with x-amz-tagging', (client) => client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'upload.txt', Tagging: BAD_TAGGING }))],
];

/**
 * As S3 documents it ("How Amazon S3 authorizes a request": it "first
 * verifies that the requester has the necessary permissions"), a write's
 * tags are checked only once the write is authorized: InvalidTag before
 * AccessDenied would tell a caller who may not write how far its request
 * got. An `x-amz-tagging` header that cannot be read as a query string
 * of tags (a duplicated key, a character no tag takes) is refused before
 * authorization, as any malformed header is: it names only the caller's own
 * header, whatever the bucket holds.
 */
describe('tags are checked after authorization: a caller who may not write is denied, never told its tags are invalid', () => {
  let harness: S3Harness;
  let owner: S3Client;
  let other: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    owner = harness.client();
    other = harness.client(harness.other);
    await owner.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await owner.send(new PutBucketTaggingCommand({ Bucket: BUCKET, Tagging: { TagSet: [{ Key: 'team', Value: 'owners' }] } }));
    await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'doc', Body: 'doc', Tagging: 'kept=yes' }));
    await other.send(new CreateBucketCommand({ Bucket: 'tag-source' }));
    await other.send(new PutObjectCommand({ Bucket: 'tag-source', Key: 'src', Body: 'src' }));
  }, 60_000);
  afterAll(() => harness.close());

  test.each(WRITES)('%s: another account gets AccessDenied', async (_write, write) => {
    expect(await failure(write(other, 'tag-source/src'))).toEqual(['AccessDenied', 403]);
  });

  test('a form posted without permission gets AccessDenied', async () => {
    const form = new FormData();
    form.append('key', 'posted.txt');
    form.append('tagging', '<Tagging><TagSet><Tag><Key>bad#key</Key><Value>v</Value></Tag></TagSet></Tagging>');
    form.append('file', new Blob([Buffer.from('posted')]), 'posted.txt');
    const response = await fetch(`${harness.http}/${BUCKET}`, { method: 'POST', body: form });
    expect([response.status, codeOf(await response.text())]).toEqual([403, 'AccessDenied']);
  });

  test('nothing a refused write asked for was stored', async () => {
    for (const key of ['put.txt', 'copy.txt', 'posted.txt']) {
      await expect(owner.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({ name: 'NotFound' });
    }
    expect((await owner.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'doc' }))).TagSet).toEqual([{ Key: 'kept', Value: 'yes' }]);
    expect((await owner.send(new GetBucketTaggingCommand({ Bucket: BUCKET }))).TagSet).toEqual([{ Key: 'team', Value: 'owners' }]);
    expect((await owner.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads ?? []).toEqual([]);
  });

  test.each(WRITES)('%s: the owner, who may write, is told the tag is invalid', async (_write, write) => {
    expect(await failure(write(owner, `${BUCKET}/doc`))).toEqual(['InvalidTag', 400]);
  });

  test('a write authorized, then refused for its tags, stored nothing either', async () => {
    for (const write of WRITES.map(([, each]) => each)) expect(await failure(write(owner, `${BUCKET}/doc`))).toEqual(['InvalidTag', 400]);
    for (const key of ['put.txt', 'copy.txt']) {
      await expect(owner.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({ name: 'NotFound' });
    }
    expect((await owner.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'doc' }))).TagSet).toEqual([{ Key: 'kept', Value: 'yes' }]);
    expect((await owner.send(new GetBucketTaggingCommand({ Bucket: BUCKET }))).TagSet).toEqual([{ Key: 'team', Value: 'owners' }]);
    expect((await owner.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads ?? []).toEqual([]);
  });
});
