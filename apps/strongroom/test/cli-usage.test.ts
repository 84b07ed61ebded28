import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closedPort, runWith } from './cli/cli-harness';

const USAGE = 252;
const CONFIGURATION = 253;
const CONNECTION = 255;

describe('strongroom command line (no service needed)', () => {
  let directory: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'strongroom-cli-usage-'));
    const tokenFile = join(directory, 'token');
    writeFileSync(tokenFile, 'some-token\n');
    env = {
      STRONGROOM_TOKEN_FILE: tokenFile,
      STRONGROOM_KMS_ENDPOINT: `127.0.0.1:${await closedPort()}`,
      STRONGROOM_POLICY_ENDPOINT: `127.0.0.1:${await closedPort()}`,
    };
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runWith(env, args);

  test.each([
    [['--help']],
    [['-h']],
    [['help']],
  ])('%j prints the top usage', async (args) => {
    const result = await cli(...args);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: strongroom \[global options\] <group> <command>/);
    expect(result.stdout).toContain('STRONGROOM_KMS_ENDPOINT');
    expect(result.stdout).toContain('account, user, access-key, policy  --policy-endpoint, else $STRONGROOM_POLICY_ENDPOINT, else 127.0.0.1:7002');
    expect(result.stdout).toContain('  --policy-endpoint <host:port>  ');
  });

  test.each([
    ['account', ['create', 'get']],
    ['user', ['create', 'get', 'list', 'delete', 'put-policy', 'get-policy', 'delete-policy', 'list-policies']],
    ['access-key', ['create', 'list', 'update', 'delete']],
    [
      'policy',
      [
        'put-bucket-policy',
        'get-bucket-policy',
        'delete-bucket-policy',
        'get-bucket-policy-status',
        'get-public-access-block',
        'put-public-access-block',
        'delete-public-access-block',
        'get-bucket-access-analysis',
        'authorize',
      ],
    ],
  ])('%s --help lists its commands', async (group, commands) => {
    const result = await cli(group, '--help');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^ {2}\S+/gm)?.map((line) => line.trim())).toEqual(commands);
  });

  test('policy authorize --help shows its synopsis', async () => {
    const result = await cli('policy', 'authorize', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: strongroom policy authorize --action <action> --resource <arn> --bucket-id <bucket-id> \[--context <json>\] \[--anonymous\]\n/);
  });

  test('kms --help lists every kms command', async () => {
    const result = await cli('kms', '--help');
    expect(result.code).toBe(0);
    for (const command of ['create-key', 'list-key-rotations', 'generate-data-key-without-plaintext', 're-encrypt', 'revoke-grant', 'audit']) {
      expect(result.stdout).toContain(`  ${command} `);
    }
  });

  test.each([
    [['kms', 'encrypt', '--help']],
    [['kms', 'encrypt', 'help']],
    [['--help', 'kms', 'encrypt']],
  ])('%j prints the command usage, even without its required flags', async (args) => {
    const result = await cli(...args);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: strongroom kms encrypt --key-id <key> --plaintext <blob> \[--encryption-context <context>\]\n/);
  });

  test.each([
    [[], 'the following arguments are required: <group>'],
    [['iam'], "argument group: Invalid choice 'iam', valid choices are: kms, account, user, access-key, policy"],
    [['kms'], 'the following arguments are required: <command>'],
    [['kms', 'encrypt-everything'], "argument command: Invalid choice 'encrypt-everything'"],
    [['kms', 'encrypt', '--plaintext', 'AAAA'], 'the following arguments are required: --key-id'],
    [['kms', 'encrypt'], 'the following arguments are required: --key-id, --plaintext'],
    [['kms', 'describe-key', '--key-id', 'k', '--bogus'], 'Unknown options: --bogus'],
    [['kms', 'describe-key', '--key-id', 'k', 'stray'], 'Unknown options: stray'],
    [['kms', 'describe-key', '--key-id'], 'argument --key-id: expected one argument'],
    [['kms', 'describe-key', '--key-id', 'k', '--output', 'yaml'], "argument --output: Invalid choice: 'yaml'"],
    [['kms', 'encrypt', '--key-id', 'k', '--plaintext', 'not base64!'], "Error parsing parameter '--plaintext': Invalid base64"],
    [['kms', 'encrypt', '--key-id', 'k', '--plaintext', 'fileb:///no/such/file'], "Error parsing parameter '--plaintext': Unable to load paramfile fileb:///no/such/file"],
    [['kms', 'encrypt', '--key-id', 'k', '--plaintext', 'AAAA', '--encryption-context', 'novalue'], "Error parsing parameter '--encryption-context': Expected: '='"],
    [['kms', 'encrypt', '--key-id', 'k', '--plaintext', 'AAAA', '--encryption-context', '{"n":1}'], 'the value of "n" must be a string'],
    [['kms', 'create-grant', '--key-id', 'k', '--grantee-principal', '111122223333', '--operations', 'Decrypt', 'Sign'], "Invalid value 'Sign', valid values: Decrypt,"],
    [['kms', 'create-key', '--tags', '[{"TagValue":"x"}]'], 'tag 1 needs a string TagKey'],
    [['kms', 'generate-data-key', '--key-id', 'k', '--key-spec', 'AES_512'], "Invalid value 'AES_512', valid values: AES_256, AES_128"],
    [['kms', 'list-keys', '--limit', 'ten'], "Error parsing parameter '--limit': invalid integer"],
    [['kms', 'audit', '--start-time', 'yesterday'], "Error parsing parameter '--start-time': invalid timestamp"],
    [['account', 'create'], 'the following arguments are required: --display-name'],
    [['user', 'create'], 'the following arguments are required: --user-name'],
    [['user', 'put-policy', '--user-name', 'a'], 'the following arguments are required: --policy-name, --policy-document'],
    [['user', 'put-policy', '--user-name', 'a', '--policy-name', 'p', '--policy-document', 'file:///no/such/file'], "Error parsing parameter '--policy-document': Unable to load paramfile"],
    [['access-key', 'update', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE', '--status', 'Disabled'], "Invalid value 'Disabled', valid values: Active, Inactive"],
    [['access-key', 'create', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE'], 'give both --access-key-id and --secret-access-key, or neither'],
    [['access-key', 'create', '--secret-access-key', 'file:///no/such/file'], 'give both --access-key-id and --secret-access-key, or neither'],
    [['policy', 'put-bucket-policy', '--bucket-id', 'b'], 'the following arguments are required: --policy'],
    [['policy', 'put-public-access-block'], 'the following arguments are required: --public-access-block-configuration'],
    [
      ['policy', 'put-public-access-block', '--public-access-block-configuration', 'BlockPublicAcls=true,BlockEverything=true'],
      'Unknown parameter in PublicAccessBlockConfiguration: "BlockEverything", must be one of: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets',
    ],
    [['policy', 'put-public-access-block', '--public-access-block-configuration', 'BlockPublicAcls=yes'], 'BlockPublicAcls must be true or false, not "yes"'],
    [['policy', 'put-public-access-block', '--public-access-block-configuration', '{"BlockPublicAcls":1}'], 'BlockPublicAcls must be true or false, not 1'],
    [['policy', 'put-public-access-block', '--public-access-block-configuration', '{"BlockPublicAcls":'], "Error parsing parameter '--public-access-block-configuration': Invalid JSON"],
    [['policy', 'authorize', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::b'], 'the following arguments are required: --bucket-id'],
    [
      ['policy', 'authorize', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::b', '--bucket-id', 'b', '--context', '{"s3:prefix":{"a":1}}'],
      'the value of "s3:prefix" must be a string, number, boolean or a list of them',
    ],
    [['policy', 'authorize', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::b', '--bucket-id', 'b', '--context', 'novalue'], "Error parsing parameter '--context': Expected: '='"],
  ])('%j is a usage error (exit 252)', async (args, message) => {
    const result = await cli(...args);
    expect(result.code).toBe(USAGE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^strongroom: error: /m);
    expect(result.stderr).toContain(message);
    expect(result.stderr.endsWith('\n')).toBe(true);
  });

  test('a plaintext that is not base64 is not echoed in the error: it may be the secret itself', async () => {
    const result = await cli('kms', 'encrypt', '--key-id', 'k', '--plaintext', 'RAW-PLAINTEXT-NOT-BASE64');
    expect(result.code).toBe(USAGE);
    expect(result.stderr).toContain("Error parsing parameter '--plaintext': Invalid base64 (24 characters");
    expect(result.stderr).not.toContain('RAW-PLAINTEXT');
  });

  test('an unreachable endpoint exits 255 with a hint to start the stack', async () => {
    const result = await cli('kms', 'list-keys');
    expect(result.code).toBe(CONNECTION);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^Could not connect to the endpoint "${env.STRONGROOM_KMS_ENDPOINT}": .*npm start`));
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  test('a server that never answers hits --cli-read-timeout: exit 255', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const endpoint = `127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    try {
      const result = await cli('kms', 'list-keys', '--endpoint', endpoint, '--cli-read-timeout', '1');
      expect(result.code).toBe(CONNECTION);
      expect(result.stderr).toMatch(new RegExp(`^Read timeout on endpoint "${endpoint}" when calling the ListKeys operation\\. .*npm start`));
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test('the policy groups call $STRONGROOM_POLICY_ENDPOINT, or --policy-endpoint given before or after the command', async () => {
    const viaEnv = await cli('user', 'list');
    expect(viaEnv.code).toBe(CONNECTION);
    expect(viaEnv.stderr).toMatch(new RegExp(`^Could not connect to the endpoint "${env.STRONGROOM_POLICY_ENDPOINT}": .*npm start`));
    const port = await closedPort();
    for (const args of [['--policy-endpoint', `127.0.0.1:${port}`, 'policy', 'get-public-access-block'], ['access-key', 'list', '--policy-endpoint', `127.0.0.1:${port}`]]) {
      const result = await cli(...args);
      expect(result.code).toBe(CONNECTION);
      expect(result.stderr).toContain(`"127.0.0.1:${port}"`);
    }
    const kms = await cli('kms', 'list-keys', '--policy-endpoint', `127.0.0.1:${port}`);
    expect(kms.stderr).toContain(`"${env.STRONGROOM_KMS_ENDPOINT}"`);
  });

  test('--endpoint overrides the environment', async () => {
    const port = await closedPort();
    const result = await cli('kms', 'describe-key', '--key-id', 'alias/x', '--endpoint', `127.0.0.1:${port}`);
    expect(result.code).toBe(CONNECTION);
    expect(result.stderr).toContain(`"127.0.0.1:${port}"`);
  });

  test('a missing token file exits 253 naming the file and `npm start`', async () => {
    const result = await runWith({ STRONGROOM_DATA_DIR: join(directory, 'no-stack') }, ['kms', 'list-keys']);
    expect(result.code).toBe(CONFIGURATION);
    expect(result.stderr).toContain(join(directory, 'no-stack', 'service-token'));
    expect(result.stderr).toContain('npm start');
  });

  test('a missing token file and a missing CA file are told in one run, each naming its file', async () => {
    const caFile = join(directory, 'no-such-ca.pem');
    const result = await runWith({ STRONGROOM_DATA_DIR: join(directory, 'no-stack'), STRONGROOM_SERVICES_CA_FILE: caFile }, ['kms', 'list-keys']);
    expect(result.code).toBe(CONFIGURATION);
    expect(result.stderr).toContain(`Unable to read the service token from ${join(directory, 'no-stack', 'service-token')}`);
    expect(result.stderr).toContain('the file STRONGROOM_SERVICES_CA_FILE names is not a readable PEM certificate bundle (ENOENT)');
  });

  describe('the bin', () => {
    const bin = join(__dirname, '..', 'bin', 'strongroom.js');
    const run = promisify(execFile);

    test('node bin/strongroom.js --help prints usage', async () => {
      const { stdout, stderr } = await run('node', [bin, '--help']);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^usage: strongroom /);
    });

    test('its exit code is the CLI’s', async () => {
      const failure = await run('node', [bin, 'kms', 'list-keys'], { env: { ...process.env, ...env } }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(CONNECTION);
      expect(failure?.stderr).toContain('Could not connect to the endpoint');
    });
  });
});
