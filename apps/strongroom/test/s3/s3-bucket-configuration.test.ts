import { CreateBucketCommand, DeletePublicAccessBlockCommand, GetBucketTaggingCommand, HeadBucketCommand, PutBucketPolicyCommand, type S3Client } from '@aws-sdk/client-s3';
import { checksumOf, encodeChecksum } from '@strongroom/checksums';
import { createHash } from 'node:crypto';
import { bucketPolicy, codeOf, type S3Harness, startS3Harness } from './s3-harness';

const md5 = (body: string) => createHash('md5').update(body).digest('base64');

/** An S3 error answer: its status, code and message. */
function answerOf(response: { status: number; body: string }): [number, string | undefined, string | undefined] {
  return [response.status, codeOf(response.body), /<Message>([^<]*)<\/Message>/.exec(response.body)?.[1]];
}

describe('S3 bucket configuration bodies and parameters, read as S3 reads them (found by the bucket audit)', () => {
  let harness: S3Harness;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'configured' }));
  }, 60_000);
  afterAll(() => harness.close());

  test('CreateBucketConfiguration: Tags tag the new bucket, as Terraform sends them; a directory bucket is NotImplemented and any other element MalformedXML, never dropped', async () => {
    const create = (bucket: string, inner: string) =>
      harness.raw({ method: 'PUT', path: `/${bucket}`, body: `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${inner}</CreateBucketConfiguration>` });
    expect((await create('tagged', '<Tags><Tag><Key>team</Key><Value>x</Value></Tag></Tags>')).status).toBe(200);
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: 'tagged' }))).TagSet).toEqual([{ Key: 'team', Value: 'x' }]);
    expect(answerOf(await create('mistagged', '<Tags><Tag><Key>aws:team</Key><Value>x</Value></Tag></Tags>')).slice(0, 2)).toEqual([400, 'InvalidTag']);
    expect(answerOf(await create('directory', '<Bucket><Type>Directory</Type></Bucket>')).slice(0, 2)).toEqual([501, 'NotImplemented']);
    expect(answerOf(await create('garbled', '<Garbage/>')).slice(0, 2)).toEqual([400, 'MalformedXML']);
    for (const bucket of ['mistagged', 'directory', 'garbled']) await expect(s3.send(new HeadBucketCommand({ Bucket: bucket }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    expect((await create('located', '<LocationConstraint></LocationConstraint>')).status).toBe(200);
  });

  test('PutBucketTagging needs Content-MD5 or a checksum; a tag needs its Value; aws: keys get the bucket message', async () => {
    const tagging = '<Tagging><TagSet><Tag><Key>team</Key><Value>x</Value></Tag></TagSet></Tagging>';
    const put = (body: string, headers: Record<string, string> = { 'content-md5': md5(body) }) => harness.raw({ method: 'PUT', path: '/configured', query: { tagging: '' }, body, headers });
    expect(answerOf(await put(tagging, {}))).toEqual([400, 'InvalidRequest', 'Missing required header for this request: Content-MD5 OR x-amz-checksum-*']);
    expect((await put(tagging)).status).toBe(204);
    expect((await put(tagging, { 'x-amz-checksum-crc32': encodeChecksum(checksumOf('CRC32', Buffer.from(tagging))) })).status).toBe(204);
    expect(answerOf(await put('<Tagging><TagSet><Tag><Key>team</Key></Tag></TagSet></Tagging>')).slice(0, 2)).toEqual([400, 'MalformedXML']);
    expect(answerOf(await put('<Tagging><TagSet><Tag><Key>aws:team</Key><Value>x</Value></Tag></TagSet></Tagging>'))).toEqual([
      400,
      'InvalidTag',
      'System tags cannot be added/updated by requester',
    ]);
  });

  test('ListBuckets takes max-buckets from 1 to 10000, as S3 does, rather than capping it', async () => {
    const notAnInteger = await harness.raw({ method: 'GET', path: '/', query: { 'max-buckets': 'x' } });
    expect(answerOf(notAnInteger)).toEqual([400, 'InvalidArgument', 'Provided max-buckets not an integer or within integer range']);
    for (const maxBuckets of ['0', '10001']) {
      expect([maxBuckets, ...answerOf(await harness.raw({ method: 'GET', path: '/', query: { 'max-buckets': maxBuckets } }))]).toEqual([
        maxBuckets,
        400,
        'InvalidArgument',
        'Argument max-buckets must be an integer between 1 and 10000',
      ]);
    }
    expect((await harness.raw({ method: 'GET', path: '/', query: { 'max-buckets': '10000' } })).status).toBe(200);
  });

  test("a missing configuration's error carries S3's message", async () => {
    const read = (query: string) => harness.raw({ method: 'GET', path: '/configured', query: { [query]: '' } });
    expect(answerOf(await read('policy'))).toEqual([404, 'NoSuchBucketPolicy', 'The bucket policy does not exist']);
    await s3.send(new DeletePublicAccessBlockCommand({ Bucket: 'configured' }));
    expect(answerOf(await read('publicAccessBlock'))).toEqual([404, 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found']);
    await harness.raw({ method: 'DELETE', path: '/configured', query: { ownershipControls: '' } });
    expect(answerOf(await read('ownershipControls'))).toEqual([404, 'OwnershipControlsNotFoundError', 'The bucket ownership controls were not found']);
    await harness.raw({ method: 'DELETE', path: '/configured', query: { tagging: '' } });
    expect(answerOf(await read('tagging'))).toEqual([404, 'NoSuchTagSet', 'The TagSet does not exist']);
    for (const query of ['policy', 'publicAccessBlock', 'ownershipControls', 'tagging']) expect((await read(query)).body).toContain('<BucketName>configured</BucketName>');
  });

  test('PutPublicAccessBlock needs one setting at least, and no other element', async () => {
    const put = (inner: string) => {
      const body = `<PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${inner}</PublicAccessBlockConfiguration>`;
      return harness.raw({ method: 'PUT', path: '/configured', query: { publicAccessBlock: '' }, body, headers: { 'content-md5': md5(body) } });
    };
    expect(answerOf(await put(''))).toEqual([400, 'InvalidRequest', 'Must specify at least one configuration.']);
    expect(answerOf(await put('<BlockPublicAcls>true</BlockPublicAcls><Foo>1</Foo>')).slice(0, 2)).toEqual([400, 'MalformedXML']);
    expect((await put('<BlockPublicAcls>true</BlockPublicAcls>')).status).toBe(200);
  });

  test("under BucketOwnerEnforced, PutBucketAcl's canned private is AccessControlListNotSupported, as S3 answers Terraform's; a new bucket, and the owner's objects, take it", async () => {
    expect((await harness.raw({ method: 'PUT', path: '/enforced', headers: { 'x-amz-acl': 'private' } })).status).toBe(200);
    const refused = await harness.raw({ method: 'PUT', path: '/enforced', query: { acl: '' }, headers: { 'x-amz-acl': 'private' } });
    expect(answerOf(refused).slice(0, 2)).toEqual([400, 'AccessControlListNotSupported']);
    expect((await harness.raw({ method: 'PUT', path: '/enforced', query: { acl: '' }, headers: { 'x-amz-acl': 'bucket-owner-full-control' } })).status).toBe(200);
    // rclone sends private with every upload by default; S3 refuses it only from another account (rclone#6413).
    expect((await harness.raw({ method: 'PUT', path: '/enforced/acl', body: 'a', headers: { 'x-amz-acl': 'private' } })).status).toBe(200);
  });

  test('a bucket policy within 20 KB once its white space is left out is taken however it is indented', async () => {
    const statements = Array.from({ length: 60 }, (_unused, index) => ({
      Sid: `Read${index}`,
      Effect: 'Deny',
      Principal: { AWS: `arn:aws:iam::${harness.other.accountId}:root` },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::configured/prefix-${index}/*`,
    }));
    const policy = bucketPolicy(...statements);
    const indented = JSON.stringify(JSON.parse(policy), null, 12);
    expect([Buffer.byteLength(policy) < 20 * 1024, Buffer.byteLength(indented) > 20 * 1024]).toEqual([true, true]);
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'configured', Policy: indented }));
  });
});
