import { rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { awsCli, type AwsCli } from './aws-cli';
import { describeWithClient, locateAwsCli } from './client-binaries';
import { startClientStack, type ClientStack } from './client-stack';
import { MiB, firstDifference, treeDifferences, writeRandomFile } from './test-files';

describeWithClient(locateAwsCli(), 'aws-cli v2 `aws s3` against the gateway', (command) => {
  let stack: ClientStack;
  let aws: AwsCli;

  beforeAll(async () => {
    stack = await startClientStack('aws-cli-s3');
    aws = awsCli(stack, command);
  }, 60_000);
  afterAll(() => stack?.close());

  const listed = async (url: string) =>
    (await aws.run(['s3', 'ls', '--recursive', url]))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.split(/\s+/).slice(3).join(' '))
      .sort();

  test('mb, ls, cp up and down, rm, rb', async () => {
    expect(await aws.run(['s3', 'mb', 's3://cli-basics'])).toContain('make_bucket: cli-basics');
    expect(await aws.run(['s3', 'ls'])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d cli-basics$/m);
    const local = stack.path('hello.txt');
    writeFileSync(local, 'hello from aws-cli\n');
    await aws.run(['s3', 'cp', local, 's3://cli-basics/docs/hello.txt']);
    expect(await aws.run(['s3', 'ls', 's3://cli-basics/docs/'])).toMatch(/ 19 hello\.txt$/m);
    expect(await aws.run(['s3', 'ls', 's3://cli-basics/'])).toMatch(/^\s+PRE docs\/$/m);
    await aws.run(['s3', 'cp', 's3://cli-basics/docs/hello.txt', stack.path('hello.back')]);
    expect(firstDifference(local, stack.path('hello.back'))).toBeNull();
    expect(await aws.run(['s3', 'rm', 's3://cli-basics/docs/hello.txt'])).toContain('delete: s3://cli-basics/docs/hello.txt');
    expect(await listed('s3://cli-basics')).toEqual([]);
    expect(await aws.run(['s3', 'rb', 's3://cli-basics'])).toContain('remove_bucket: cli-basics');
    expect(await aws.run(['s3', 'ls'])).not.toContain('cli-basics');
  });

  test('sync a tree up and back (keys with spaces, +, = and non-ASCII), then sync --delete, rm --recursive, rb --force', async () => {
    const tree = stack.path('tree');
    const names = ['a.txt', 'nested/deeper/b.bin', 'with space/c d.txt', 'special/a+b=c&d.txt', 'unicode/été ☃.txt'];
    names.forEach((name, index) => writeRandomFile(`${tree}/${name}`, 1000 * (index + 1)));
    await aws.run(['s3', 'mb', 's3://cli-sync']);
    await aws.run(['s3', 'sync', tree, 's3://cli-sync/tree']);
    expect(await listed('s3://cli-sync')).toEqual(names.map((name) => `tree/${name}`).sort());
    expect(await aws.run(['s3', 'sync', tree, 's3://cli-sync/tree'])).toBe('');
    await aws.run(['s3', 'sync', 's3://cli-sync/tree', stack.path('tree.back')]);
    expect(treeDifferences(tree, stack.path('tree.back'))).toEqual([]);

    unlinkSync(`${tree}/a.txt`);
    expect(await aws.run(['s3', 'sync', '--delete', tree, 's3://cli-sync/tree'])).toContain('delete: s3://cli-sync/tree/a.txt');
    expect(await listed('s3://cli-sync')).toEqual(names.slice(1).map((name) => `tree/${name}`).sort());
    await aws.run(['s3', 'rm', '--recursive', 's3://cli-sync/tree/nested']);
    expect(await listed('s3://cli-sync')).toHaveLength(names.length - 2);
    await aws.run(['s3', 'rb', '--force', 's3://cli-sync']);
    expect(await aws.run(['s3', 'ls'])).not.toContain('cli-sync');
  });

  test('a 64 MiB multipart upload and a ranged parallel download, byte for byte', async () => {
    const big = writeRandomFile(stack.path('big.bin'), 64 * MiB);
    const back = stack.path('big.back');
    try {
      await aws.run(['s3', 'mb', 's3://cli-big']);
      await aws.run(['s3', 'cp', big, 's3://cli-big/big.bin']);
      const head = await aws.s3api(['head-object', '--bucket', 'cli-big', '--key', 'big.bin']);
      expect(head).toMatchObject({ ContentLength: 64 * MiB, ServerSideEncryption: 'AES256' });
      expect(head.ETag).toMatch(/^"[0-9a-f]{32}-8"$/);
      await aws.run(['s3', 'cp', 's3://cli-big/big.bin', back]);
      expect(firstDifference(big, back)).toBeNull();
      await aws.run(['s3', 'rb', '--force', 's3://cli-big']);
    } finally {
      rmSync(big, { force: true });
      rmSync(back, { force: true });
    }
  }, 120_000);
});
