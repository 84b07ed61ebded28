import { ErrorReason } from '@strongroom/contracts';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT, OTHER_ACCOUNT, closedPort, runWith, startPolicyCliHarness, type CliResult, type PolicyCliHarness } from './cli/cli-harness';
import { today } from './policy/policy-harness';

const SERVICE_ERROR = 254;
const PROVISIONED_ID = 'AKIAIOSFODNN7EXAMPLE';
const PROVISIONED_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** The parts of the CLI's JSON outputs the tests read. */
interface AccountDoc {
  Account: { AccountId: string; CanonicalUserId: string };
}
interface UserDoc {
  User: { UserName: string; UserId: string; Arn: string };
}
interface AccessKeyDoc {
  AccessKey: { AccessKeyId: string; SecretAccessKey: string; Status: string; UserName?: string };
}
interface AccessKeyListDoc {
  AccessKeyMetadata: { AccessKeyId: string; Status: string; UserName?: string }[];
}
interface AuthorizeDoc {
  EvalDecision: string;
  DecidedBy: { Basis: string; Sid?: string; StatementIndex?: number; Setting?: string }[];
}

function expectServiceError(result: CliResult, exception: string, operation: string): void {
  expect(result.code).toBe(SERVICE_ERROR);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(new RegExp(`^An error occurred \\(${exception}\\) when calling the ${operation} operation: .+\\n$`));
}

function expectOk(result: CliResult): void {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
}

/** Runs a command that prints nothing on success, as aws does for puts and deletes. */
async function expectSilent(result: Promise<CliResult>): Promise<void> {
  const done = await result;
  expectOk(done);
  expect(done.stdout).toBe('');
}

function signingKey(secret: string, date: string): Buffer {
  const step = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
  return step(step(step(step(`AWS4${secret}`, date), 'us-east-1'), 's3'), 'aws4_request');
}

const statement = (fields: Record<string, unknown>) => ({ Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*', ...fields });
const PUBLIC_READ_DENY_INSECURE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    statement({ Sid: 'PublicRead', Effect: 'Allow' }),
    statement({ Sid: 'DenyInsecure', Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
  ],
});

describe('strongroom account, user, access-key and policy (against running KMS and policy services)', () => {
  let harness: PolicyCliHarness;

  beforeAll(async () => {
    harness = await startPolicyCliHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  test('account create and get print the account; duplicates and unknown accounts get IAM-style errors', async () => {
    const created = await harness.cli('account', 'create', '--account-id', ACCOUNT, '--display-name', 'main', '--email', 'owner@example.com');
    expectOk(created);
    expect(created.json<AccountDoc>().Account).toEqual({
      AccountId: ACCOUNT,
      CanonicalUserId: expect.stringMatching(/^[0-9a-f]{64}$/),
      DisplayName: 'main',
      Email: 'owner@example.com',
      Arn: `arn:aws:iam::${ACCOUNT}:root`,
      CreateDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const fetched = await harness.cli('account', 'get');
    expectOk(fetched);
    expect(fetched.json()).toEqual(created.json());
    expectOk(await harness.cli('account', 'create', '--account-id', OTHER_ACCOUNT, '--display-name', 'other'));
    expectServiceError(await harness.cli('account', 'create', '--account-id', ACCOUNT, '--display-name', 'again'), 'EntityAlreadyExists', 'CreateAccount');
    expectServiceError(await harness.cli('account', 'get', '--account', '999999999999'), 'AccountNotFoundException', 'GetAccount');
    expectServiceError(await harness.cli('account', 'create', '--account-id', '12', '--display-name', 'short'), 'ValidationError', 'CreateAccount');
  });

  test('user create, get, list and delete, with aws iam shapes and errors', async () => {
    const created = await harness.cli('user', 'create', '--user-name', 'alice');
    expectOk(created);
    expect(created.json<UserDoc>().User).toEqual({
      Path: '/',
      UserName: 'alice',
      UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
      Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      CreateDate: expect.any(String),
    });
    expect((await harness.cli('user', 'get', '--user-name', 'alice')).json()).toEqual(created.json());
    expectOk(await harness.cli('user', 'create', '--user-name', 'temp'));
    expect((await harness.cli('user', 'list')).json<{ Users: { UserName: string }[] }>().Users.map((user) => user.UserName)).toEqual(['alice', 'temp']);
    const text = await harness.cli('user', 'list', '--output', 'text');
    expect(text.stdout.split('\n')[0]).toMatch(new RegExp(`^USERS\\tarn:aws:iam::${ACCOUNT}:user/alice\\t\\S+\\t/\\tAIDA\\w+\\talice$`));
    await expectSilent(harness.cli('user', 'delete', '--user-name', 'temp'));
    expectServiceError(await harness.cli('user', 'get', '--user-name', 'temp'), 'NoSuchEntity', 'GetUser');
    expectServiceError(await harness.cli('user', 'create', '--user-name', 'alice'), 'EntityAlreadyExists', 'CreateUser');
    expectServiceError(await harness.cli('user', 'create', '--user-name', 'not a name'), 'ValidationError', 'CreateUser');
    expectServiceError(await harness.cli('user', 'list', '--principal-arn', `arn:aws:iam::${ACCOUNT}:user/alice`), 'AccessDenied', 'ListUsers');
  });

  test('user put-policy (JSON or file://), get-policy, list-policies, delete-policy', async () => {
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] };
    const file = join(harness.directory, 'policy.json');
    writeFileSync(file, JSON.stringify(document));
    await expectSilent(harness.cli('user', 'put-policy', '--user-name', 'alice', '--policy-name', 'list-users', '--policy-document', `file://${file}`));
    const fetched = await harness.cli('user', 'get-policy', '--user-name', 'alice', '--policy-name', 'list-users');
    expectOk(fetched);
    expect(fetched.json()).toEqual({ UserName: 'alice', PolicyName: 'list-users', PolicyDocument: document });
    expectOk(await harness.cli('user', 'list', '--principal-arn', `arn:aws:iam::${ACCOUNT}:user/alice`));
    await expectSilent(harness.cli('user', 'put-policy', '--user-name', 'alice', '--policy-name', 'extra', '--policy-document', JSON.stringify(document)));
    expect((await harness.cli('user', 'list-policies', '--user-name', 'alice')).json()).toEqual({ PolicyNames: ['extra', 'list-users'] });
    const principal = JSON.stringify({ ...document, Statement: [{ ...document.Statement[0], Principal: '*' }] });
    const malformed = await harness.cli('user', 'put-policy', '--user-name', 'alice', '--policy-name', 'bad', '--policy-document', principal);
    expectServiceError(malformed, 'MalformedPolicyDocument', 'PutUserPolicy');
    expect(malformed.stderr).toContain('Statement[0]');
    await expectSilent(harness.cli('user', 'delete-policy', '--user-name', 'alice', '--policy-name', 'extra'));
    expectServiceError(await harness.cli('user', 'get-policy', '--user-name', 'alice', '--policy-name', 'extra'), 'NoSuchEntity', 'GetUserPolicy');
    expectServiceError(await harness.cli('user', 'list-policies', '--user-name', 'nobody'), 'NoSuchEntity', 'ListUserPolicies');
  });

  test('access-key create shows the secret once; list, update and delete never do; the key signs until deactivated', async () => {
    const created = await harness.cli('access-key', 'create', '--user-name', 'alice');
    expectOk(created);
    const { AccessKey } = created.json<AccessKeyDoc>();
    expect(AccessKey).toEqual({
      UserName: 'alice',
      AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/),
      Status: 'Active',
      SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
      CreateDate: expect.any(String),
    });
    const listed = await harness.cli('access-key', 'list', '--user-name', 'alice');
    expect(listed.json<AccessKeyListDoc>().AccessKeyMetadata).toEqual([{ UserName: 'alice', AccessKeyId: AccessKey.AccessKeyId, Status: 'Active', CreateDate: expect.any(String) }]);
    expect(listed.stdout).not.toContain(AccessKey.SecretAccessKey);
    const scope = { accessKeyId: AccessKey.AccessKeyId, date: today(), region: 'us-east-1', service: 's3' };
    expect(Buffer.from((await harness.policyClient.getSigningKey(scope)).signingKey)).toEqual(signingKey(AccessKey.SecretAccessKey, today()));

    await expectSilent(harness.cli('access-key', 'update', '--access-key-id', AccessKey.AccessKeyId, '--status', 'Inactive'));
    expect((await harness.cli('access-key', 'list', '--user-name', 'alice')).json<AccessKeyListDoc>().AccessKeyMetadata[0]!.Status).toBe('Inactive');
    await expect(harness.policyClient.getSigningKey(scope)).rejects.toMatchObject({ reason: ErrorReason.ACCESS_KEY_INACTIVE });
    await expectSilent(harness.cli('access-key', 'delete', '--access-key-id', AccessKey.AccessKeyId));
    expect((await harness.cli('access-key', 'list', '--user-name', 'alice')).json()).toEqual({ AccessKeyMetadata: [] });
    expectServiceError(await harness.cli('access-key', 'delete', '--access-key-id', AccessKey.AccessKeyId), 'NoSuchEntity', 'DeleteAccessKey');
    expectServiceError(await harness.cli('access-key', 'create', '--user-name', 'nobody'), 'NoSuchEntity', 'CreateAccessKey');
  });

  test('access-key create provisions a root key from a secret store (secret read from a file)', async () => {
    const secretFile = join(harness.directory, 'secret');
    writeFileSync(secretFile, `${PROVISIONED_SECRET}\n`, { mode: 0o600 });
    const created = await harness.cli('access-key', 'create', '--access-key-id', PROVISIONED_ID, '--secret-access-key', `file://${secretFile}`);
    expectOk(created);
    expect(created.json<AccessKeyDoc>().AccessKey).toEqual({ AccessKeyId: PROVISIONED_ID, Status: 'Active', SecretAccessKey: PROVISIONED_SECRET, CreateDate: expect.any(String) });
    const { signingKey: key, principal } = await harness.policyClient.getSigningKey({ accessKeyId: PROVISIONED_ID, date: today(), region: 'us-east-1', service: 's3' });
    expect(Buffer.from(key)).toEqual(signingKey(PROVISIONED_SECRET, today()));
    expect(principal).toMatchObject({ accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root` });
    expect((await harness.cli('access-key', 'list')).json<AccessKeyListDoc>().AccessKeyMetadata.map((item) => item.AccessKeyId)).toEqual([PROVISIONED_ID]);
    const again = await harness.cli('access-key', 'create', '--access-key-id', PROVISIONED_ID, '--secret-access-key', PROVISIONED_SECRET);
    expectServiceError(again, 'EntityAlreadyExists', 'CreateAccessKey');
    expectServiceError(await harness.cli('access-key', 'create', '--access-key-id', 'AKIA1', '--secret-access-key', 'short'), 'ValidationError', 'CreateAccessKey');
  });

  test('policy: Block Public Access, bucket policy, its status, the access analysis and Authorize, with S3 errors', async () => {
    const bucketId = await harness.registerBucket(ACCOUNT, 'photos');
    const bucket = ['--bucket-id', bucketId];
    const fresh = await harness.cli('policy', 'get-public-access-block', ...bucket);
    expect(fresh.json()).toEqual({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } });
    expectServiceError(await harness.cli('policy', 'put-bucket-policy', ...bucket, '--policy', PUBLIC_READ_DENY_INSECURE), 'AccessDenied', 'PutBucketPolicy');

    const allowPolicies = 'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=false,RestrictPublicBuckets=false';
    await expectSilent(harness.cli('policy', 'put-public-access-block', ...bucket, '--public-access-block-configuration', allowPolicies));
    const policyFile = join(harness.directory, 'bucket-policy.json');
    writeFileSync(policyFile, PUBLIC_READ_DENY_INSECURE);
    await expectSilent(harness.cli('policy', 'put-bucket-policy', ...bucket, '--policy', `file://${policyFile}`));
    expect((await harness.cli('policy', 'get-bucket-policy', ...bucket)).json()).toEqual({ Policy: PUBLIC_READ_DENY_INSECURE });
    const status = await harness.cli('policy', 'get-bucket-policy-status', ...bucket);
    expect(status.json()).toEqual({ PolicyStatus: { IsPublic: true }, PublicStatements: [{ StatementIndex: 0, Sid: 'PublicRead', Why: expect.any(String) }] });
    const analysis = await harness.cli('policy', 'get-bucket-access-analysis', ...bucket);
    expect(analysis.json()).toMatchObject({
      AccessLevel: 'Public',
      PublicStatements: [{ StatementIndex: 0, Sid: 'PublicRead' }],
      PublicGrants: [],
      EffectivePublicAccessBlockConfiguration: { BlockPublicPolicy: false, RestrictPublicBuckets: false },
      ObjectOwnership: 'BucketOwnerEnforced',
      Explanation: [expect.stringContaining('PublicRead')],
    });

    const request = ['policy', 'authorize', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::photos/cat.jpg', ...bucket];
    const allowed = await harness.cli(...request, '--anonymous', '--context', '{"aws:SecureTransport":true,"aws:SourceIp":["203.0.113.7"]}');
    expectOk(allowed);
    expect(allowed.json()).toEqual({
      EvalActionName: 's3:GetObject',
      EvalResourceName: 'arn:aws:s3:::photos/cat.jpg',
      EvalDecision: 'allowed',
      DecidedBy: [{ Basis: 'BucketPolicy', StatementIndex: 0, Sid: 'PublicRead', Description: expect.any(String) }],
    });
    const denied = (await harness.cli(...request, '--anonymous', '--context', 'aws:SecureTransport=false')).json<AuthorizeDoc>();
    expect(denied).toMatchObject({ EvalDecision: 'explicitDeny', DecidedBy: [{ Basis: 'BucketPolicy', StatementIndex: 1, Sid: 'DenyInsecure' }] });
    expect((await harness.cli(...request, '--context', 'aws:SecureTransport=true')).json<AuthorizeDoc>().EvalDecision).toBe('allowed');
    const otherAccount = (await harness.cli(...request, '--account', OTHER_ACCOUNT, '--action', 's3:PutObject')).json<AuthorizeDoc>();
    expect(otherAccount).toEqual(expect.objectContaining({ EvalDecision: 'implicitDeny', DecidedBy: [] }));

    await expectSilent(harness.cli('policy', 'put-public-access-block', '--public-access-block-configuration', '{"RestrictPublicBuckets":true}'));
    expect((await harness.cli('policy', 'get-public-access-block')).json()).toEqual({
      PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: true },
    });
    const restricted = (await harness.cli(...request, '--anonymous', '--context', 'aws:SecureTransport=true')).json<AuthorizeDoc>();
    expect(restricted).toMatchObject({ EvalDecision: 'implicitDeny', DecidedBy: [{ Basis: 'BlockPublicAccess', Setting: 'RestrictPublicBuckets' }] });
    expect((await harness.cli('policy', 'get-bucket-access-analysis', ...bucket)).json()).toMatchObject({
      AccessLevel: 'Only authorized users of this account',
      PublicStatements: [{ Sid: 'PublicRead', NeutralisedBy: 'RestrictPublicBuckets' }],
    });
    await expectSilent(harness.cli('policy', 'delete-public-access-block'));
    expectServiceError(await harness.cli('policy', 'get-public-access-block'), 'NoSuchPublicAccessBlockConfiguration', 'GetPublicAccessBlock');

    await expectSilent(harness.cli('policy', 'delete-bucket-policy', ...bucket));
    expectServiceError(await harness.cli('policy', 'get-bucket-policy', ...bucket), 'NoSuchBucketPolicy', 'GetBucketPolicy');
    expectServiceError(await harness.cli('policy', 'get-bucket-policy-status', ...bucket), 'NoSuchBucketPolicy', 'GetBucketPolicyStatus');
    await expectSilent(harness.cli('policy', 'delete-public-access-block', ...bucket));
    expectServiceError(await harness.cli('policy', 'get-public-access-block', ...bucket), 'NoSuchPublicAccessBlockConfiguration', 'GetPublicAccessBlock');
  });

  test('policy errors: malformed policy, unknown bucket, another account, a bad Authorize request', async () => {
    const bucketId = await harness.registerBucket(ACCOUNT, 'strict');
    const bad = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::strict/*', Condition: { IpAddress: { 'aws:SourceIp': 'nope' } } }] });
    const malformed = await harness.cli('policy', 'put-bucket-policy', '--bucket-id', bucketId, '--policy', bad);
    expectServiceError(malformed, 'MalformedPolicy', 'PutBucketPolicy');
    expect(malformed.stderr).toContain('Statement[0].Condition');
    expectServiceError(await harness.cli('policy', 'get-bucket-policy', '--bucket-id', 'no-such-bucket'), 'NoSuchBucket', 'GetBucketPolicy');
    expectServiceError(await harness.cli('policy', 'get-public-access-block', '--bucket-id', bucketId, '--account', OTHER_ACCOUNT), 'AccessDenied', 'GetPublicAccessBlock');
    const wrongResource = await harness.cli('policy', 'authorize', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::photos/k', '--bucket-id', bucketId);
    expectServiceError(wrongResource, 'InvalidArgument', 'Authorize');
  });

  test('--policy-endpoint wins over STRONGROOM_POLICY_ENDPOINT; --endpoint wins over both', async () => {
    const real = harness.env.STRONGROOM_POLICY_ENDPOINT ?? '';
    const closed = `127.0.0.1:${await closedPort()}`;
    const env = { ...harness.env, STRONGROOM_POLICY_ENDPOINT: closed };
    expectOk(await runWith(env, ['--policy-endpoint', real, 'account', 'get']));
    expectOk(await runWith(env, ['user', 'list', '--policy-endpoint', real]));
    const overridden = await runWith(harness.env, ['user', 'list', '--policy-endpoint', real, '--endpoint', closed]);
    expect(overridden.stderr).toContain(`Could not connect to the endpoint "${closed}"`);
    expectOk(await runWith(harness.env, ['kms', 'list-keys', '--policy-endpoint', closed]));
  });
});
