import { readFileSync, writeFileSync } from 'node:fs';
import { awsCli, type AwsCli } from './aws-cli';
import { describeWithClient, locateAwsCli } from './client-binaries';
import { startClientStack, type ClientStack } from './client-stack';
import { MiB, firstDifference, writeRandomFile } from './test-files';

/** A test that runs a dozen aws-cli processes (about a second each, several under load) gets more than jest's default 30 s. */
const CLI_SEQUENCE_TIMEOUT_MS = 90_000;
/** How long the storage service acts on an Object Ownership it read: short, so a test of a change waits a moment, not the default 5 s. */
const OWNERSHIP_TTL_MS = 200;

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

describeWithClient(locateAwsCli(), 'aws-cli v2 `aws s3api` against the gateway', (command) => {
  let stack: ClientStack;
  let aws: AwsCli;

  beforeAll(async () => {
    stack = await startClientStack('aws-cli-s3api', { ownershipTtlMs: OWNERSHIP_TTL_MS });
    aws = awsCli(stack, command);
  }, 60_000);
  afterAll(() => stack?.close());

  /** Writes `text` to a scratch file and returns its path (for `--body`). */
  const file = (name: string, text: string) => {
    writeFileSync(stack.path(name), text);
    return stack.path(name);
  };
  /** The AWS error code aws-cli printed for a call that must fail. */
  const errorCode = async (args: readonly string[], account = stack.s3.owner) => {
    const run = await aws.attempt(['s3api', ...args], account);
    expect(run.code).not.toBe(0);
    return /An error occurred \((\w+)\) when calling the (\w+) operation/.exec(run.stderr)?.slice(1) ?? run.stderr;
  };
  const read = async (bucket: string, key: string, account = stack.s3.owner) => {
    const out = stack.path(`read-${bucket}-${key}`);
    await aws.s3api(['get-object', '--bucket', bucket, '--key', key, out], account);
    return readFileSync(out, 'utf8');
  };

  test('versioning: put-bucket-versioning, two versions and a delete marker in list-object-versions, get by version id', async () => {
    await aws.s3api(['create-bucket', '--bucket', 'cli-versions']);
    await aws.s3api(['put-bucket-versioning', '--bucket', 'cli-versions', '--versioning-configuration', 'Status=Enabled']);
    expect(await aws.s3api(['get-bucket-versioning', '--bucket', 'cli-versions'])).toEqual({ Status: 'Enabled' });
    const first = await aws.s3api(['put-object', '--bucket', 'cli-versions', '--key', 'doc', '--body', file('v1', 'first')]);
    const second = await aws.s3api(['put-object', '--bucket', 'cli-versions', '--key', 'doc', '--body', file('v2', 'second')]);
    expect(first.VersionId).not.toEqual(second.VersionId);
    const removed = await aws.s3api(['delete-object', '--bucket', 'cli-versions', '--key', 'doc']);
    expect(removed).toMatchObject({ DeleteMarker: true, VersionId: expect.any(String) });
    const versions = await aws.s3api(['list-object-versions', '--bucket', 'cli-versions']);
    expect((versions.Versions as { VersionId: string; IsLatest: boolean; Size: number }[]).map((version) => [version.VersionId, version.IsLatest, version.Size])).toEqual([
      [second.VersionId, false, 6],
      [first.VersionId, false, 5],
    ]);
    expect((versions.DeleteMarkers as { VersionId: string; IsLatest: boolean; Key: string }[]).map((marker) => [marker.Key, marker.VersionId, marker.IsLatest])).toEqual([
      ['doc', removed.VersionId, true],
    ]);
    expect(await errorCode(['get-object', '--bucket', 'cli-versions', '--key', 'doc', stack.path('gone')])).toEqual(['NoSuchKey', 'GetObject']);
    await aws.s3api(['get-object', '--bucket', 'cli-versions', '--key', 'doc', '--version-id', String(first.VersionId), stack.path('old')]);
    expect(readFileSync(stack.path('old'), 'utf8')).toBe('first');
    await aws.s3api(['put-bucket-versioning', '--bucket', 'cli-versions', '--versioning-configuration', 'Status=Suspended']);
    expect(await aws.s3api(['get-bucket-versioning', '--bucket', 'cli-versions'])).toEqual({ Status: 'Suspended' });
  }, CLI_SEQUENCE_TIMEOUT_MS);

  test('a multipart upload of parts 1 and 1000: complete-multipart-upload answers a form-encoded Location; get-object --part-number counts parts 1 to PartsCount', async () => {
    const key = 'parts/big file+1.bin';
    const target = ['--bucket', 'cli-parts', '--key', key];
    await aws.s3api(['create-bucket', '--bucket', 'cli-parts']);
    const uploadId = String((await aws.s3api(['create-multipart-upload', ...target])).UploadId);
    const first = writeRandomFile(stack.path('part-1.bin'), 5 * MiB);
    const upload = async (partNumber: number, body: string) =>
      ({ PartNumber: partNumber, ETag: (await aws.s3api(['upload-part', ...target, '--upload-id', uploadId, '--part-number', String(partNumber), '--body', body])).ETag });
    const parts = [await upload(1, first), await upload(1000, file('part-1000.txt', 'the tail'))];
    const completed = await aws.s3api(['complete-multipart-upload', ...target, '--upload-id', uploadId, '--multipart-upload', JSON.stringify({ Parts: parts })]);
    expect(completed.Location).toBe(`${stack.endpoint}/cli-parts/parts%2Fbig+file%2B1.bin`);

    const second = await aws.s3api(['get-object', ...target, '--part-number', '2', stack.path('read-part-2')]);
    expect(second).toMatchObject({ ContentLength: 8, PartsCount: 2, ContentRange: `bytes ${5 * MiB}-${5 * MiB + 7}/${5 * MiB + 8}` });
    expect(readFileSync(stack.path('read-part-2'), 'utf8')).toBe('the tail');
    await aws.s3api(['get-object', ...target, '--part-number', '1', stack.path('read-part-1')]);
    expect(firstDifference(first, stack.path('read-part-1'))).toBeNull();
    expect(await errorCode(['get-object', ...target, '--part-number', '1000', stack.path('read-part-1000')])).toEqual(['InvalidPartNumber', 'GetObject']);
  }, CLI_SEQUENCE_TIMEOUT_MS);

  test('ACLs on a bucket created with --object-ownership ObjectWriter: object and bucket grants to another account, then BucketOwnerEnforced', async () => {
    const { owner, other } = stack.s3;
    await aws.s3api(['create-bucket', '--bucket', 'cli-acl', '--object-ownership', 'ObjectWriter']);
    await aws.s3api(['put-object', '--bucket', 'cli-acl', '--key', 'doc.txt', '--body', file('doc.txt', 'shared text')]);
    /** Grants in a stable order: S3 promises none for grants given as headers. */
    const grants = async (args: readonly string[]) =>
      ((await aws.s3api(args)).Grants as { Grantee: { ID?: string; Type: string }; Permission: string }[])
        .map((grant) => [grant.Grantee.Type, grant.Grantee.ID, grant.Permission])
        .sort((a, b) => a.join().localeCompare(b.join()));
    const sorted = (...rows: string[][]) => rows.sort((a, b) => a.join().localeCompare(b.join()));
    expect(await grants(['get-object-acl', '--bucket', 'cli-acl', '--key', 'doc.txt'])).toEqual([['CanonicalUser', owner.canonicalUserId, 'FULL_CONTROL']]);
    expect(await errorCode(['get-object', '--bucket', 'cli-acl', '--key', 'doc.txt', stack.path('denied')], other)).toEqual(['AccessDenied', 'GetObject']);

    await aws.s3api(['put-object-acl', '--bucket', 'cli-acl', '--key', 'doc.txt', '--grant-full-control', `id=${owner.canonicalUserId}`, '--grant-read', `id=${other.canonicalUserId}`]);
    expect(await grants(['get-object-acl', '--bucket', 'cli-acl', '--key', 'doc.txt'])).toEqual(
      sorted(['CanonicalUser', owner.canonicalUserId, 'FULL_CONTROL'], ['CanonicalUser', other.canonicalUserId, 'READ']),
    );
    expect(await read('cli-acl', 'doc.txt', other)).toBe('shared text');

    expect(await errorCode(['list-objects-v2', '--bucket', 'cli-acl'], other)).toEqual(['AccessDenied', 'ListObjectsV2']);
    await aws.s3api(['put-bucket-acl', '--bucket', 'cli-acl', '--grant-full-control', `id=${owner.canonicalUserId}`, '--grant-read', `id=${other.canonicalUserId}`]);
    expect(await grants(['get-bucket-acl', '--bucket', 'cli-acl'])).toEqual(
      sorted(['CanonicalUser', owner.canonicalUserId, 'FULL_CONTROL'], ['CanonicalUser', other.canonicalUserId, 'READ']),
    );
    expect(((await aws.s3api(['list-objects-v2', '--bucket', 'cli-acl'], other)).Contents as { Key: string }[]).map((object) => object.Key)).toEqual(['doc.txt']);

    const enforce = ['put-bucket-ownership-controls', '--bucket', 'cli-acl', '--ownership-controls', 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'];
    expect(await errorCode(enforce)).toEqual(['InvalidBucketAclWithObjectOwnership', 'PutBucketOwnershipControls']);
    await aws.s3api(['put-bucket-acl', '--bucket', 'cli-acl', '--acl', 'private']);
    await aws.s3api(enforce);
    await new Promise((resolve) => setTimeout(resolve, OWNERSHIP_TTL_MS + 100)); // a storage replica may act on the Object Ownership it read for its TTL (docs/architecture.md)
    expect(await errorCode(['put-object-acl', '--bucket', 'cli-acl', '--key', 'doc.txt', '--grant-read', `id=${other.canonicalUserId}`])).toEqual(['AccessControlListNotSupported', 'PutObjectAcl']);
  }, CLI_SEQUENCE_TIMEOUT_MS);

  test('bucket policy: a cross-account grant, get-bucket-policy, get-bucket-policy-status', async () => {
    const other = stack.s3.other;
    await aws.s3api(['create-bucket', '--bucket', 'cli-policy']);
    await aws.s3api(['put-object', '--bucket', 'cli-policy', '--key', 'report.csv', '--body', file('report.csv', 'a,b\n1,2\n')]);
    expect(await errorCode(['get-object', '--bucket', 'cli-policy', '--key', 'report.csv', stack.path('denied')], other)).toEqual(['AccessDenied', 'GetObject']);
    const grant = { Sid: 'ReadForOther', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other.accountId}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::cli-policy/*' };
    await aws.s3api(['put-bucket-policy', '--bucket', 'cli-policy', '--policy', policy(grant)]);
    expect(JSON.parse(String((await aws.s3api(['get-bucket-policy', '--bucket', 'cli-policy'])).Policy))).toMatchObject({ Statement: [grant] });
    expect(await read('cli-policy', 'report.csv', other)).toBe('a,b\n1,2\n');
    expect(await aws.s3api(['get-bucket-policy-status', '--bucket', 'cli-policy'])).toEqual({ PolicyStatus: { IsPublic: false } });
    await aws.s3api(['delete-bucket-policy', '--bucket', 'cli-policy']);
    expect(await errorCode(['get-bucket-policy', '--bucket', 'cli-policy'])).toEqual(['NoSuchBucketPolicy', 'GetBucketPolicy']);
  }, CLI_SEQUENCE_TIMEOUT_MS);

  test('put-bucket-policy naming a user that does not exist prints MalformedPolicy "Invalid principal in policy", as AWS answers it', async () => {
    await aws.s3api(['create-bucket', '--bucket', 'cli-principal']);
    const ghost = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${stack.s3.other.accountId}:user/ghost` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::cli-principal/*' };
    const run = await aws.attempt(['s3api', 'put-bucket-policy', '--bucket', 'cli-principal', '--policy', policy(ghost)], stack.s3.owner);
    expect(run.stderr).toContain('An error occurred (MalformedPolicy) when calling the PutBucketPolicy operation: Invalid principal in policy');
    expect(await errorCode(['get-bucket-policy', '--bucket', 'cli-principal'])).toEqual(['NoSuchBucketPolicy', 'GetBucketPolicy']);
  }, CLI_SEQUENCE_TIMEOUT_MS);

  test('a configuration Strongroom does not keep reads as S3 answers a bucket without one: get-bucket-cors', async () => {
    await aws.s3api(['create-bucket', '--bucket', 'cli-unkept']);
    expect(await errorCode(['get-bucket-cors', '--bucket', 'cli-unkept'])).toEqual(['NoSuchCORSConfiguration', 'GetBucketCors']);
  });

  test('public access block: defaults, put/get, a public policy refused then allowed, anonymous reads with --no-sign-request', async () => {
    const all = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
    const publicRead = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::cli-public/*' });
    const anonymous = () => aws.attempt(['s3api', 'get-object', '--no-sign-request', '--bucket', 'cli-public', '--key', 'index.html', stack.path('anonymous.html')]);
    await aws.s3api(['create-bucket', '--bucket', 'cli-public']);
    await aws.s3api(['put-object', '--bucket', 'cli-public', '--key', 'index.html', '--body', file('index.html', '<h1>hi</h1>')]);
    expect(await aws.s3api(['get-public-access-block', '--bucket', 'cli-public'])).toEqual({ PublicAccessBlockConfiguration: all });
    expect(await errorCode(['put-bucket-policy', '--bucket', 'cli-public', '--policy', publicRead])).toEqual(['AccessDenied', 'PutBucketPolicy']);

    const restrictOnly = { ...all, BlockPublicPolicy: false };
    await aws.s3api(['put-public-access-block', '--bucket', 'cli-public', '--public-access-block-configuration', JSON.stringify(restrictOnly)]);
    expect(await aws.s3api(['get-public-access-block', '--bucket', 'cli-public'])).toEqual({ PublicAccessBlockConfiguration: restrictOnly });
    await aws.s3api(['put-bucket-policy', '--bucket', 'cli-public', '--policy', publicRead]);
    expect(await aws.s3api(['get-bucket-policy-status', '--bucket', 'cli-public'])).toEqual({ PolicyStatus: { IsPublic: true } });
    expect((await anonymous()).stderr).toMatch(/An error occurred \(AccessDenied\) when calling the GetObject operation/);

    await aws.s3api(['delete-public-access-block', '--bucket', 'cli-public']);
    expect(await errorCode(['get-public-access-block', '--bucket', 'cli-public'])).toEqual(['NoSuchPublicAccessBlockConfiguration', 'GetPublicAccessBlock']);
    expect((await anonymous()).code).toBe(0);
    expect(readFileSync(stack.path('anonymous.html'), 'utf8')).toBe('<h1>hi</h1>');
  }, CLI_SEQUENCE_TIMEOUT_MS);

  test.each([
    ['an invalid bucket name', ['create-bucket', '--bucket', 'ab'], ['InvalidBucketName', 'CreateBucket']],
    ['a missing bucket', ['list-objects-v2', '--bucket', 'cli-no-such-bucket'], ['NoSuchBucket', 'ListObjectsV2']],
    ['a malformed policy', ['put-bucket-policy', '--bucket', 'cli-policy', '--policy', '{"Statement": "nope"}'], ['MalformedPolicy', 'PutBucketPolicy']],
  ])('a bad request (%s) prints its S3 error code', async (_name, args, expected) => {
    expect(await errorCode(args)).toEqual(expected);
  });
});
