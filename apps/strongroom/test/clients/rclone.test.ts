import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithClient, locateRclone } from './client-binaries';
import { REGION, startClientStack, type ClientStack } from './client-stack';
import { runClient, runClientOk } from './run-client';
import { MiB, firstDifference, listTree, treeDifferences, writeRandomFile } from './test-files';

/** Forces rclone's multipart upload for anything above 5 MiB, in 5 MiB parts (its default cutoff is 200 MiB). */
const MULTIPART = ['--s3-upload-cutoff', '5M', '--s3-chunk-size', '5M'];

describeWithClient(locateRclone(), 'rclone (s3 remote, provider Other) against the gateway', (command) => {
  let stack: ClientStack;
  let config: string;

  beforeAll(async () => {
    stack = await startClientStack('rclone');
    const { accessKeyId, secretAccessKey } = stack.s3.owner;
    config = join(stack.home, 'rclone.conf');
    const remote = (name: string, ...extra: string[]) => [
      `[${name}]`,
      'type = s3',
      'provider = Other',
      'env_auth = false',
      `access_key_id = ${accessKeyId}`,
      `secret_access_key = ${secretAccessKey}`,
      `endpoint = ${stack.endpoint}`,
      `region = ${REGION}`,
      'force_path_style = true',
      ...extra,
    ];
    /**
     * `strongroom` names its ACLs; `rclone-defaults` is the remote as a user
     * would write it: with `acl` unset, rclone 1.60 sends `x-amz-acl: private`
     * on every upload.
     */
    const settings = [...remote('strongroom', 'acl = bucket-owner-full-control', 'bucket_acl = private'), '', ...remote('rclone-defaults')];
    writeFileSync(config, `${settings.join('\n')}\n`);
  }, 60_000);
  afterAll(() => stack?.close());

  /** Retries off, so that a gateway bug fails instead of being retried away. */
  const argv = (args: readonly string[]) => ['--config', config, '--retries', '1', '--low-level-retries', '1', ...args];
  const rclone = (...args: string[]) => runClientOk(command, argv(args), stack.env());
  const lines = (output: string) => output.split('\n').filter((line) => line.trim() !== '');
  const md5 = (path: string) => createHash('md5').update(readFileSync(path)).digest('hex');

  test('mkdir, copy, ls, check (and a change it detects), md5sum, copy back, delete, rmdir', async () => {
    const tree = stack.path('tree');
    const names = ['a.txt', 'nested/b.bin', 'with space/c+d.txt', 'large.bin'];
    names.forEach((name, index) => writeRandomFile(join(tree, name), name === 'large.bin' ? 7 * MiB : 4096 * (index + 1)));
    await rclone('mkdir', 'strongroom:rclone-bucket');
    expect(await rclone('lsd', 'strongroom:')).toMatch(/ rclone-bucket$/m);
    await rclone('copy', tree, 'strongroom:rclone-bucket/tree');

    const listed = lines(await rclone('ls', 'strongroom:rclone-bucket')).map((line) => line.trim().split(/ (.*)/).slice(0, 2));
    expect(listed.sort((a, b) => a[1]!.localeCompare(b[1]!))).toEqual(listTree(tree).map((name) => [String(readFileSync(join(tree, name)).length), `tree/${name}`]));
    await rclone('check', tree, 'strongroom:rclone-bucket/tree');
    const sums = lines(await rclone('md5sum', 'strongroom:rclone-bucket/tree')).sort((a, b) => a.slice(34).localeCompare(b.slice(34)));
    expect(sums).toEqual(listTree(tree).map((name) => `${md5(join(tree, name))}  ${name}`));

    await rclone('copy', 'strongroom:rclone-bucket/tree', stack.path('tree.back'));
    expect(treeDifferences(tree, stack.path('tree.back'))).toEqual([]);

    writeFileSync(join(tree, 'a.txt'), 'changed locally');
    const changed = await runClient(command, argv(['check', tree, 'strongroom:rclone-bucket/tree']), stack.env());
    expect(changed.code).not.toBe(0);
    expect(changed.stderr).toMatch(/1 differences found/);

    await rclone('delete', 'strongroom:rclone-bucket/tree');
    expect(await rclone('ls', 'strongroom:rclone-bucket')).toBe('');
    await rclone('rmdir', 'strongroom:rclone-bucket');
    expect(await rclone('lsd', 'strongroom:')).not.toContain('rclone-bucket');
  }, 60_000);

  /**
   * rclone 1.60 sends `x-amz-acl: private` on PutObject and
   * CreateMultipartUpload when no `acl` is configured. S3 accepts `private`
   * from the bucket owner on a BucketOwnerEnforced bucket (it grants the
   * bucket owner FULL_CONTROL and nothing else).
   */
  test("rclone's default `x-amz-acl: private` uploads into a new (BucketOwnerEnforced) bucket", async () => {
    await rclone('mkdir', 'rclone-defaults:rclone-acl');
    const source = writeRandomFile(stack.path('acl', 'small.bin'), 1024);
    await rclone('copy', source, 'rclone-defaults:rclone-acl');
    expect(await rclone('ls', 'rclone-defaults:rclone-acl')).toMatch(/^\s*1024 small\.bin$/m);
  });

  /**
   * Go's encoding/xml writes `"` as `&#34;`, so rclone's
   * CompleteMultipartUpload body carries `<ETag>&#34;f135…&#34;</ETag>`:
   * the gateway must decode character references.
   */
  test('a multipart copy (5 MiB parts) completes, with the object byte for byte', async () => {
    await rclone('mkdir', 'strongroom:rclone-multipart');
    const source = writeRandomFile(stack.path('multipart', 'large.bin'), 7 * MiB);
    await rclone(...MULTIPART, 'copy', source, 'strongroom:rclone-multipart');
    const head = await stack.s3.client().send(new HeadObjectCommand({ Bucket: 'rclone-multipart', Key: 'large.bin' }));
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
    await rclone('check', stack.path('multipart'), 'strongroom:rclone-multipart');
    await rclone('copy', 'strongroom:rclone-multipart/large.bin', stack.path('multipart.back'));
    expect(firstDifference(source, stack.path('multipart.back', 'large.bin'))).toBeNull();
  });

  test('non-ASCII metadata, sent (and signed) as raw UTF-8, is stored as text and answered RFC 2047 encoded', async () => {
    await rclone('mkdir', 'strongroom:rclone-meta');
    const source = writeRandomFile(stack.path('meta', 'file.bin'), 64);
    await rclone('copyto', '--metadata', '--metadata-set', 'city=東京', source, 'strongroom:rclone-meta/file.bin');
    const head = await stack.s3.client().send(new HeadObjectCommand({ Bucket: 'rclone-meta', Key: 'file.bin' }));
    expect(head.Metadata).toMatchObject({ city: '=?UTF-8?B?5p2x5Lqs?=' });
  });
});
