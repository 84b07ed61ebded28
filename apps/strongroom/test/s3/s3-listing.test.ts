import {
  CreateBucketCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { blobFiles } from '../storage/blob-files';
import { bucketPolicy, codeOf, startS3Harness, type S3Harness } from './s3-harness';

const KEYS = ['a/1', 'a/2', 'b/1', 'c', 'd e/f', 'é'];

describe('S3 listing, versioning and tagging through the gateway', () => {
  let harness: S3Harness;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
    for (const key of KEYS) await s3.send(new PutObjectCommand({ Bucket: 'listing', Key: key, Body: key }));
  }, 60_000);
  afterAll(() => harness.close());

  const read = async (key: string, versionId?: string) =>
    (await (await s3.send(new GetObjectCommand({ Bucket: 'listing', Key: key, VersionId: versionId }))).Body!.transformToString());

  test('ListObjects v1 with a delimiter and markers', async () => {
    const page = await s3.send(new ListObjectsCommand({ Bucket: 'listing', Delimiter: '/' }));
    expect(page.Contents?.map((object) => object.Key)).toEqual(['c', 'é']);
    expect(page.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['a/', 'b/', 'd e/']);
    expect(page.Contents?.[0]?.Owner?.ID).toBe(harness.owner.canonicalUserId);
    const after = await s3.send(new ListObjectsCommand({ Bucket: 'listing', Marker: 'b/1', Prefix: '' }));
    expect(after.Contents?.map((object) => object.Key)).toEqual(['c', 'd e/f', 'é']);
  });

  test('max-keys=0 lists nothing and is not truncated, in v1, v2 and versions; a bucket policy sees s3:max-keys 0, and above 1000 the size asked for', async () => {
    const v2 = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 0 }));
    expect(v2).toMatchObject({ KeyCount: 0, MaxKeys: 0, IsTruncated: false });
    expect(v2.Contents).toBeUndefined();
    const v1 = await s3.send(new ListObjectsCommand({ Bucket: 'listing', MaxKeys: 0 }));
    expect([v1.MaxKeys, v1.IsTruncated, v1.Contents]).toEqual([0, false, undefined]);
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: 'listing', MaxKeys: 0 }));
    expect([versions.MaxKeys, versions.IsTruncated, versions.Versions]).toEqual([0, false, undefined]);
    await s3.send(new CreateBucketCommand({ Bucket: 'listing-small-pages' }));
    const pagesUpTo = (limit: string) =>
      bucketPolicy({ Effect: 'Deny', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::listing-small-pages', Condition: { NumericGreaterThan: { 's3:max-keys': limit } } });
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'listing-small-pages', Policy: pagesUpTo('10') }));
    expect(await s3.send(new ListObjectsV2Command({ Bucket: 'listing-small-pages', MaxKeys: 0 }))).toMatchObject({ KeyCount: 0 });
    expect(await s3.send(new ListObjectsV2Command({ Bucket: 'listing-small-pages', MaxKeys: 10 }))).toMatchObject({ KeyCount: 0 });
    // Without max-keys, s3:max-keys is absent, as in S3, and NumericGreaterThan does not hold for an absent key.
    expect(await s3.send(new ListObjectsV2Command({ Bucket: 'listing-small-pages' }))).toMatchObject({ KeyCount: 0, MaxKeys: 1000 });
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'listing-small-pages', Policy: pagesUpTo('2000') }));
    expect(await s3.send(new ListObjectsV2Command({ Bucket: 'listing-small-pages', MaxKeys: 1500 }))).toMatchObject({ KeyCount: 0, MaxKeys: 1000 });
    // The policy sees the page size asked for, not the 1000 S3 lists at most.
    await expect(s3.send(new ListObjectsV2Command({ Bucket: 'listing-small-pages', MaxKeys: 5000 }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(s3.send(new ListObjectsCommand({ Bucket: 'listing-small-pages', MaxKeys: 5000 }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  test('s3:prefix, s3:delimiter and s3:max-keys are absent from the policy context when the request has no such parameter, and "" when it has an empty one', async () => {
    // AWS's walkthrough "Controlling access to a bucket with user policies" tells the two apart with a Null condition on s3:prefix;
    // its condition key table has s3:delimiter and s3:max-keys require the user to specify the parameter.
    await s3.send(new CreateBucketCommand({ Bucket: 'listing-stated-keys' }));
    const denyWithout = (key: string) =>
      ({ Effect: 'Deny', Principal: '*', Action: ['s3:ListBucket', 's3:ListBucketVersions'], Resource: 'arn:aws:s3:::listing-stated-keys', Condition: { Null: { [key]: 'true' } } });
    const policy = bucketPolicy(denyWithout('s3:prefix'), denyWithout('s3:delimiter'), denyWithout('s3:max-keys'));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'listing-stated-keys', Policy: policy }));
    const list = (query: Record<string, string>) => harness.raw({ method: 'GET', path: '/listing-stated-keys', query });
    const listings: Record<string, string>[] = [{}, { 'list-type': '2' }, { versions: '' }];
    for (const listing of listings) {
      expect((await list({ ...listing, prefix: '', delimiter: '', 'max-keys': '0' })).status).toBe(200);
      expect((await list({ ...listing, prefix: 'a/', delimiter: '/', 'max-keys': '1000' })).status).toBe(200);
      const lacking: Record<string, string>[] = [{}, { prefix: '', delimiter: '' }, { prefix: '', 'max-keys': '5' }, { delimiter: '/', 'max-keys': '5' }];
      for (const query of lacking) {
        const answer = await list({ ...listing, ...query });
        expect([answer.status, codeOf(answer.body)]).toEqual([403, 'AccessDenied']);
      }
    }
    await s3.send(new PutBucketPolicyCommand({
      Bucket: 'listing-stated-keys',
      Policy: bucketPolicy({ Effect: 'Deny', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::listing-stated-keys', Condition: { StringEquals: { 's3:prefix': '' } } }),
    }));
    // StringEquals fails for a key the request lacks: only the empty prefix it does carry is denied.
    expect((await list({ 'list-type': '2' })).status).toBe(200);
    expect((await list({ 'list-type': '2', prefix: 'a/' })).status).toBe(200);
    expect((await list({ 'list-type': '2', prefix: '' })).status).toBe(403);
  });

  test('ListObjectsV2 pages with continuation tokens, start-after, prefixes and URL encoding', async () => {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 2, ContinuationToken: token }));
      expect(page.KeyCount).toBeLessThanOrEqual(2);
      keys.push(...(page.Contents ?? []).map((object) => object.Key!));
      token = page.NextContinuationToken;
    } while (token !== undefined);
    expect(keys).toEqual(KEYS);
    const prefixed = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'a/', StartAfter: 'a/1', FetchOwner: true }));
    expect(prefixed.Contents?.map((object) => [object.Key, object.Owner?.ID])).toEqual([['a/2', harness.owner.canonicalUserId]]);
    const encoded = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/', EncodingType: 'url' }));
    expect(encoded.EncodingType).toBe('url');
    expect(encoded.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['a/', 'b/', 'd%20e/']);
    expect(encoded.Contents?.map((object) => object.Key)).toEqual(['c', '%C3%A9']);
  });

  test('ListObjectsV2 with a continuation token and start-after pages from the token and echoes no StartAfter, as S3 answers', async () => {
    const first = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 2 }));
    const next = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', StartAfter: 'c', ContinuationToken: first.NextContinuationToken }));
    expect([next.Contents?.map((object) => object.Key), next.ContinuationToken, next.StartAfter]).toEqual([KEYS.slice(2), first.NextContinuationToken, undefined]);
    const started = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', StartAfter: 'c' }));
    expect([started.Contents?.map((object) => object.Key), started.StartAfter]).toEqual([['d e/f', 'é'], 'c']);
  });

  test('versioning: versions, delete markers, reads by version id', async () => {
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'listing', VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'listing' }))).Status).toBe('Enabled');
    const first = await s3.send(new PutObjectCommand({ Bucket: 'listing', Key: 'v', Body: 'one' }));
    await s3.send(new PutObjectCommand({ Bucket: 'listing', Key: 'v', Body: 'two' }));
    expect(first.VersionId).toBeDefined();
    expect([await read('v'), await read('v', first.VersionId)]).toEqual(['two', 'one']);
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: 'listing', Key: 'v' }));
    expect(deleted.DeleteMarker).toBe(true);
    await expect(read('v')).rejects.toMatchObject({ name: 'NoSuchKey' });
    const marked = await harness.raw({ method: 'GET', path: '/listing/v' });
    expect([marked.status, marked.headers['x-amz-delete-marker'], marked.headers['x-amz-version-id']]).toEqual([404, 'true', deleted.VersionId]);
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: 'listing', Prefix: 'v' }));
    expect(versions.Versions?.map((version) => version.IsLatest)).toEqual([false, false]);
    expect(versions.DeleteMarkers?.map((marker) => [marker.VersionId, marker.IsLatest])).toEqual([[deleted.VersionId, true]]);
    await s3.send(new DeleteObjectCommand({ Bucket: 'listing', Key: 'v', VersionId: deleted.VersionId }));
    expect(await read('v')).toBe('two');
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'listing', VersioningConfiguration: { Status: 'Suspended' } }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'listing' }))).Status).toBe('Suspended');
  });

  test('a PUT whose bucket was suspended while its body streamed writes the null version, which ListObjectVersions shows, and answers no x-amz-version-id, as S3 answers a PUT there', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'suspended-mid-put' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'suspended-mid-put', VersioningConfiguration: { Status: 'Enabled' } }));
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const body = Readable.from(
      (async function* () {
        yield Buffer.alloc(8192, 'a');
        await gate;
        yield Buffer.from('tail');
      })(),
    );
    const put = s3.send(new PutObjectCommand({ Bucket: 'suspended-mid-put', Key: 'k', Body: body, ContentLength: 8196 }));
    for (let waited = 0; !blobFiles(harness.backend.storage.blobDirectory).some((path) => path.startsWith('tmp/')); waited += 10) {
      if (waited > 10_000) throw new Error('the PUT never reached the sealer');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'suspended-mid-put', VersioningConfiguration: { Status: 'Suspended' } }));
    open();
    expect((await put).VersionId).toBeUndefined();
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'suspended-mid-put' }));
    expect(listed.Versions?.map((version) => [version.Key, version.VersionId, version.IsLatest])).toEqual([['k', 'null', true]]);
  });

  test('a key whose current version is a delete marker: GET and HEAD are 404 with the marker\'s id and its Last-Modified, as S3 answers since 2023', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'marked' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'marked', VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new PutObjectCommand({ Bucket: 'marked', Key: 'm', Body: 'm' }));
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: 'marked', Key: 'm' }));
    const [marker] = (await s3.send(new ListObjectVersionsCommand({ Bucket: 'marked' }))).DeleteMarkers ?? [];
    for (const method of ['GET', 'HEAD']) {
      const answer = await harness.raw({ method, path: '/marked/m' });
      expect([answer.status, answer.headers['x-amz-delete-marker'], answer.headers['x-amz-version-id'], answer.headers.allow]).toEqual([404, 'true', deleted.VersionId, undefined]);
      expect(new Date(String(answer.headers['last-modified']))).toEqual(marker?.LastModified);
    }
  });

  test('a versions page that ends on a common prefix names no version-id marker, and echoing its markers back pages on', async () => {
    const first = await harness.raw({ method: 'GET', path: '/listing', query: { versions: '', delimiter: '/', 'max-keys': '1' } });
    expect(first.body).toContain('<IsTruncated>true</IsTruncated>');
    expect(first.body).toContain('<NextKeyMarker>a/</NextKeyMarker>');
    expect(first.body).not.toContain('NextVersionIdMarker');
    const next = await s3.send(new ListObjectVersionsCommand({ Bucket: 'listing', Delimiter: '/', MaxKeys: 1, KeyMarker: 'a/' }));
    expect(next.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['b/']);
  });

  test('pages that end at a common prefix resume past it, as S3 pages them: v1 NextMarker, v2 tokens and version key markers name the prefix', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'folders' }));
    for (const Key of ['folder/aSubfolder/subFile1', 'folder/aSubfolder/subFile2', 'folder/file1', 'folder/file2']) await s3.send(new PutObjectCommand({ Bucket: 'folders', Key, Body: Key }));
    const page = { Bucket: 'folders', Prefix: 'folder/', Delimiter: '/', MaxKeys: 1 };
    const entries = (listed: { Contents?: { Key?: string }[]; Versions?: { Key?: string }[]; CommonPrefixes?: { Prefix?: string }[] }) => [
      ...(listed.CommonPrefixes ?? []).map((prefix) => prefix.Prefix),
      ...(listed.Contents ?? listed.Versions ?? []).map((object) => object.Key),
    ];
    const v1: unknown[] = [];
    let marker: string | undefined;
    do {
      const listed = await s3.send(new ListObjectsCommand({ ...page, Marker: marker }));
      v1.push([entries(listed), listed.NextMarker]);
      marker = listed.IsTruncated ? listed.NextMarker : undefined;
    } while (marker !== undefined);
    expect(v1).toEqual([[['folder/aSubfolder/'], 'folder/aSubfolder/'], [['folder/file1'], 'folder/file1'], [['folder/file2'], undefined]]);
    const v2: unknown[] = [];
    let token: string | undefined;
    do {
      const listed = await s3.send(new ListObjectsV2Command({ ...page, ContinuationToken: token }));
      v2.push(entries(listed));
      token = listed.NextContinuationToken;
    } while (token !== undefined);
    expect(v2).toEqual([['folder/aSubfolder/'], ['folder/file1'], ['folder/file2']]);
    // A marker within the common prefix lists neither it nor its keys again.
    const withinV1 = await s3.send(new ListObjectsCommand({ ...page, Marker: 'folder/aSubfolder/subFile1' }));
    expect([entries(withinV1), withinV1.NextMarker]).toEqual([['folder/file1'], 'folder/file1']);
    const withinVersions = await s3.send(new ListObjectVersionsCommand({ ...page, KeyMarker: 'folder/aSubfolder/subFile1' }));
    expect([entries(withinVersions), withinVersions.NextKeyMarker]).toEqual([['folder/file1'], 'folder/file1']);
  });

  test('bucket tagging and location', async () => {
    await expect(s3.send(new GetBucketTaggingCommand({ Bucket: 'listing' }))).rejects.toMatchObject({ name: 'NoSuchTagSet' });
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'listing', Tagging: { TagSet: [{ Key: 'cost-center', Value: '42' }] } }));
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: 'listing' }))).TagSet).toEqual([{ Key: 'cost-center', Value: '42' }]);
    await s3.send(new DeleteBucketTaggingCommand({ Bucket: 'listing' }));
    await expect(s3.send(new GetBucketTaggingCommand({ Bucket: 'listing' }))).rejects.toMatchObject({ name: 'NoSuchTagSet' });
    expect((await s3.send(new GetBucketLocationCommand({ Bucket: 'listing' }))).LocationConstraint).toBeUndefined();
  });

  test.each([
    ['/listing', { 'list-type': '2', prefix: '\u0000' }],
    ['/listing', { 'list-type': '2', 'start-after': '\u0000' }],
    ['/listing', { marker: 'a\u0000' }],
    ['/listing', { delimiter: '\u0000' }],
    ['/listing', { versions: '', 'key-marker': '\u0000' }],
    ['/listing', { uploads: '', prefix: '\u0000' }],
    ['/listing', { uploads: '', 'key-marker': 'a', 'upload-id-marker': '\u0000' }],
    ['/', { prefix: '\u0000' }],
  ])('a NUL in a listing parameter (%s %o) is 400 InvalidArgument, never a 500', async (path, query) => {
    const answer = await harness.raw({ method: 'GET', path, query });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
  });

  test.each([
    [{ 'max-keys': '-1' }, 'Argument maxKeys must be an integer between 0 and 2147483647', 'maxKeys', '-1'],
    [{ 'list-type': '2', 'max-keys': '-5' }, 'Argument maxKeys must be an integer between 0 and 2147483647', 'maxKeys', '-5'],
    [{ versions: '', 'max-keys': '-1' }, 'max-keys cannot be negative', 'max-keys', undefined],
    [{ 'list-type': '2', 'max-keys': 'abc' }, 'Provided max-keys not an integer or within integer range', 'max-keys', 'abc'],
    [{ versions: '', 'max-keys': '2147483648' }, 'Provided max-keys not an integer or within integer range', 'max-keys', '2147483648'],
  ])('max-keys %o is InvalidArgument in S3\'s words: %s', async (query, message, argumentName, argumentValue) => {
    const answer = await harness.raw({ method: 'GET', path: '/listing', query });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
    expect(answer.body).toContain(`<Message>${message}</Message><ArgumentName>${argumentName}</ArgumentName>`);
    expect(/<ArgumentValue>([^<]*)<\/ArgumentValue>/.exec(answer.body)?.[1]).toBe(argumentValue);
  });

  const listings: Record<string, string>[] = [{}, { 'list-type': '2' }, { versions: '' }, { uploads: '' }];
  test.each(['URL', 'Url', 'foo', ''].flatMap((value) => listings.map((listing) => ({ ...listing, 'encoding-type': value }))))('encoding-type other than exactly url (%o) is 400 InvalidArgument, as S3 answers', async (query) => {
    const answer = await harness.raw({ method: 'GET', path: '/listing', query });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
    expect(answer.body).toContain('<Message>Invalid Encoding Method specified in Request</Message><ArgumentName>encoding-type</ArgumentName>');
  });

  test.each(['0', '10001', '-1', 'abc', ''])('ListBuckets with max-buckets %o (S3 takes 1 to 10000) is 400 InvalidArgument', async (maxBuckets) => {
    const answer = await harness.raw({ method: 'GET', path: '/', query: { 'max-buckets': maxBuckets } });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
    expect(answer.body).toContain('<ArgumentName>max-buckets</ArgumentName>');
  });

  test.each(['Mars', 'us_east_1', 'US-EAST-1'])('ListBuckets with bucket-region %o, not a region name, is 400 InvalidArgument in S3\'s words rather than an empty list', async (region) => {
    const answer = await harness.raw({ method: 'GET', path: '/', query: { 'bucket-region': region } });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
    expect(answer.body).toContain(`<Message>Argument value ${region} is not a valid AWS Region</Message><ArgumentName>bucket-region</ArgumentName>`);
  });

  test('ListBuckets with the bucket-region of a well-formed name lists that region\'s buckets, none for a region holding none', async () => {
    const here = await harness.raw({ method: 'GET', path: '/', query: { 'bucket-region': 'us-east-1' } });
    expect([here.status, here.body.includes('<Name>listing</Name>')]).toEqual([200, true]);
    const elsewhere = await harness.raw({ method: 'GET', path: '/', query: { 'bucket-region': 'eu-west-3' } });
    expect([elsewhere.status, elsewhere.body.includes('<Bucket>')]).toEqual([200, false]);
  });

  test.each([
    ['/listing', { 'list-type': '2', 'continuation-token': '' }],
    ['/listing', { 'list-type': '2', 'continuation-token': 'garbage' }],
    ['/', { 'continuation-token': 'garbage' }],
  ])('GET %s %o is 400 InvalidArgument naming the continuation-token, without its value, as S3 answers it', async (path, query) => {
    const answer = await harness.raw({ method: 'GET', path, query });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
    expect(answer.body).toContain('<Message>The continuation token provided is incorrect</Message><ArgumentName>continuation-token</ArgumentName>');
    expect(answer.body).not.toContain('ArgumentValue');
  });

  test('ListBuckets takes an empty continuation-token as none, as S3 does: the first page', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'listing-buckets-paged' }));
    const first = await harness.raw({ method: 'GET', path: '/', query: { 'max-buckets': '1' } });
    const empty = await harness.raw({ method: 'GET', path: '/', query: { 'max-buckets': '1', 'continuation-token': '' } });
    expect(empty.status).toBe(200);
    expect(empty.body).toContain('<ContinuationToken>');
    expect(empty.body).toBe(first.body);
  });

  test('a continuation token that decodes to NULs is one Strongroom never made', async () => {
    const answer = await harness.raw({ method: 'GET', path: '/listing', query: { 'list-type': '2', 'continuation-token': 'AAAA' } });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
    expect(answer.body).toContain('<Message>The continuation token provided is incorrect</Message>');
  });

  test('a continuation token is good for the bucket it came from only', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'listing-other' }));
    await s3.send(new PutObjectCommand({ Bucket: 'listing-other', Key: 'zz', Body: 'x' }));
    const page = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 1 }));
    expect(page.NextContinuationToken).toBeDefined();
    const answer = await harness.raw({ method: 'GET', path: '/listing-other', query: { 'list-type': '2', 'continuation-token': page.NextContinuationToken! } });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
    expect(answer.body).toContain('<Message>The continuation token provided is incorrect</Message>');
  });
});
