import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithClient, locateS3cmd } from './client-binaries';
import { REGION, startClientStack, type ClientStack } from './client-stack';
import { runClient, runClientOk } from './run-client';
import { MiB, firstDifference, writeRandomFile } from './test-files';

function md5(path: string): string {
  return createHash('md5').update(readFileSync(path)).digest('hex');
}

describeWithClient(locateS3cmd(), 's3cmd against the gateway (path style, plain HTTP, SigV4)', (command) => {
  let stack: ClientStack;
  let config: string;

  beforeAll(async () => {
    stack = await startClientStack('s3cmd');
    const { accessKeyId, secretAccessKey } = stack.s3.owner;
    config = join(stack.home, '.s3cfg');
    const settings = [
      '[default]',
      `access_key = ${accessKeyId}`,
      `secret_key = ${secretAccessKey}`,
      `host_base = ${stack.hostPort}`,
      `host_bucket = ${stack.hostPort}`,
      `bucket_location = ${REGION}`,
      'use_https = False',
      'signature_v2 = False',
      'progress_meter = False',
    ];
    writeFileSync(config, `${settings.join('\n')}\n`);
  }, 60_000);
  afterAll(() => stack?.close());

  /** The flags the brief of these tests names, on every call, over the config file's own settings. */
  const argv = (args: readonly string[]) => ['-c', config, `--host=${stack.hostPort}`, `--host-bucket=${stack.hostPort}`, '--no-ssl', `--region=${REGION}`, ...args];
  const s3cmd = (...args: string[]) => runClientOk(command, argv(args), stack.env());
  const keys = async (url: string) =>
    (await s3cmd('ls', '--recursive', url))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.split(/\s+/).slice(3).join(' '));

  test('mb, put (single and multipart), ls, info, get, del, rb', async () => {
    expect(await s3cmd('mb', 's3://s3cmd-bucket')).toContain("Bucket 's3://s3cmd-bucket/' created");
    expect(await s3cmd('ls')).toMatch(/ s3:\/\/s3cmd-bucket$/m);

    const small = stack.path('small.txt');
    writeFileSync(small, 'hello from s3cmd\n');
    const large = writeRandomFile(stack.path('large.bin'), 11 * MiB);
    await s3cmd('put', small, 's3://s3cmd-bucket/docs/small file+1.txt');
    await s3cmd('put', '--multipart-chunk-size-mb=5', large, 's3://s3cmd-bucket/large.bin');
    expect(await keys('s3://s3cmd-bucket')).toEqual(['s3://s3cmd-bucket/docs/small file+1.txt', 's3://s3cmd-bucket/large.bin']);
    expect(await s3cmd('ls', 's3://s3cmd-bucket/')).toMatch(/^\s+DIR\s+s3:\/\/s3cmd-bucket\/docs\/$/m);

    const info = await s3cmd('info', 's3://s3cmd-bucket/large.bin');
    expect(info).toMatch(/File size:\s+11534336/);
    expect(info).toMatch(/SSE:\s+AES256/);
    expect(info).toContain(`MD5 sum:   ${md5(large)}`);
    const head = await stack.s3.client().send(new HeadObjectCommand({ Bucket: 's3cmd-bucket', Key: 'large.bin' }));
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-3"$/);

    await s3cmd('get', 's3://s3cmd-bucket/docs/small file+1.txt', stack.path('small.back'));
    await s3cmd('get', 's3://s3cmd-bucket/large.bin', stack.path('large.back'));
    expect(firstDifference(small, stack.path('small.back'))).toBeNull();
    expect(firstDifference(large, stack.path('large.back'))).toBeNull();

    const notEmpty = await runClient(command, argv(['rb', 's3://s3cmd-bucket']), stack.env());
    expect(notEmpty.code).not.toBe(0);
    expect(notEmpty.stderr).toContain('BucketNotEmpty');
    await s3cmd('del', 's3://s3cmd-bucket/docs/small file+1.txt', 's3://s3cmd-bucket/large.bin');
    expect(await keys('s3://s3cmd-bucket')).toEqual([]);
    expect(await s3cmd('rb', 's3://s3cmd-bucket')).toContain("Bucket 's3://s3cmd-bucket/' removed");
    expect(await s3cmd('ls')).not.toContain('s3cmd-bucket');
  }, 60_000);

  test('setacl on a bucket with ACLs (ObjectWriter): a grant to a canonical id reaches the other account; an email grantee is 405, an id of no account InvalidArgument', async () => {
    const { owner, other } = stack.s3;
    await stack.s3.client().send(new CreateBucketCommand({ Bucket: 's3cmd-acl', ObjectOwnership: 'ObjectWriter' }));
    const file = stack.path('shared.txt');
    writeFileSync(file, 'shared by setacl');
    await s3cmd('put', file, 's3://s3cmd-acl/shared.txt');
    const otherReads = () => stack.s3.client(other).send(new GetObjectCommand({ Bucket: 's3cmd-acl', Key: 'shared.txt' }));
    await expect(otherReads()).rejects.toMatchObject({ name: 'AccessDenied' });

    // s3cmd reads the object's ACL, adds the grant and puts the whole ACL back as XML.
    await s3cmd('setacl', `--acl-grant=read:${other.canonicalUserId}`, 's3://s3cmd-acl/shared.txt');
    const info = await s3cmd('info', 's3://s3cmd-acl/shared.txt');
    expect(info).toContain(`${owner.canonicalUserId}: FULL_CONTROL`);
    expect(info).toContain(`${other.canonicalUserId}: READ`);
    expect(await (await otherReads()).Body?.transformToString()).toBe('shared by setacl');

    const refused = async (grantee: string) => (await runClient(command, argv(['setacl', `--acl-grant=read:${grantee}`, 's3://s3cmd-acl/shared.txt']), stack.env())).stderr;
    expect(await refused('someone@example.com')).toContain('405 (MethodNotAllowed)');
    expect(await refused('0'.repeat(64))).toContain('400 (InvalidArgument): Invalid id');
  });

  test("mb --bucket-location=EU, S3's legacy name of eu-west-1, is another region than the gateway's us-east-1: IllegalLocationConstraintException, no bucket", async () => {
    const refused = await runClient(command, argv(['mb', '--bucket-location=EU', 's3://s3cmd-europe']), stack.env());
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('400 (IllegalLocationConstraintException)');
    expect(await s3cmd('ls')).not.toContain('s3cmd-europe');
  });

  test('non-ASCII metadata, sent (and signed) as raw UTF-8, is stored as text and answered RFC 2047 encoded', async () => {
    await s3cmd('mb', 's3://s3cmd-meta');
    const file = stack.path('meta.txt');
    writeFileSync(file, 'metadata');
    await s3cmd('put', '--add-header=x-amz-meta-city:東京', '--add-header=x-amz-meta-color:blue', file, 's3://s3cmd-meta/meta.txt');
    const head = await stack.s3.client().send(new HeadObjectCommand({ Bucket: 's3cmd-meta', Key: 'meta.txt' }));
    expect(head.Metadata).toMatchObject({ city: '=?UTF-8?B?5p2x5Lqs?=', color: 'blue' });
  });
});
