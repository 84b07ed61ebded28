import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { TestAccount } from '../s3/s3-harness';
import { awsCli, type AwsCli } from './aws-cli';
import { describeWithClient, locateAwsCli } from './client-binaries';
import { startClientStack, type ClientStack } from './client-stack';

/** The parts of `aws kms` outputs the tests read. */
interface KeyMetadataDoc {
  KeyMetadata: { KeyId: string; Arn: string; KeyState: string };
}
interface BlobDoc {
  CiphertextBlob: string;
  KeyId: string;
  Plaintext?: string;
  SourceKeyId?: string;
}

describeWithClient(locateAwsCli(), 'aws-cli v2 `aws kms` against the gateway', (command) => {
  let stack: ClientStack;
  /** Over HTTPS: the operations that carry plaintext or plaintext data keys are served only over TLS. */
  let aws: AwsCli;
  let plainHttp: AwsCli;
  let key: KeyMetadataDoc['KeyMetadata'];

  beforeAll(async () => {
    stack = await startClientStack('aws-cli-kms');
    aws = awsCli(stack, command, { secure: true });
    plainHttp = awsCli(stack, command);
  }, 60_000);
  afterAll(() => stack?.close());

  /** Runs `aws kms <args>` (which must succeed) and parses its JSON output (`{}` when it prints nothing). */
  const kms = async <T = Record<string, unknown>>(args: readonly string[], account?: TestAccount): Promise<T> => {
    const output = await aws.run(['kms', ...args], account);
    return (output.trim() === '' ? {} : JSON.parse(output)) as T;
  };
  /** The exception name and operation aws-cli printed for a call that must fail. */
  const failure = async (args: readonly string[], account?: TestAccount) => {
    const run = await aws.attempt(['kms', ...args], account);
    expect(run.code).not.toBe(0);
    return /An error occurred \((\w+)\) when calling the (\w+) operation/.exec(run.stderr)?.slice(1) ?? run.stderr;
  };
  /** Writes bytes to a scratch file and returns its `fileb://` URL. */
  const fileb = (name: string, bytes: Buffer) => {
    writeFileSync(stack.path(name), bytes);
    return `fileb://${stack.path(name)}`;
  };
  const owner = () => stack.s3.owner;

  test('create-key answers the KeyMetadata of a symmetric AWS_KMS key; list-keys and describe-key find it', async () => {
    const created = await kms<{ KeyMetadata: Record<string, unknown> }>(['create-key', '--description', 'aws-cli key']);
    expect(created.KeyMetadata).toEqual({
      AWSAccountId: owner().accountId,
      KeyId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      Arn: `arn:aws:kms:us-east-1:${owner().accountId}:key/${String(created.KeyMetadata.KeyId)}`,
      CreationDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/),
      Enabled: true,
      Description: 'aws-cli key',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    });
    key = (created as unknown as KeyMetadataDoc).KeyMetadata;
    const listed = await kms<{ Keys: { KeyId: string; KeyArn: string }[] }>(['list-keys']);
    expect(listed.Keys).toContainEqual({ KeyId: key.KeyId, KeyArn: key.Arn });
    expect((await kms<KeyMetadataDoc>(['describe-key', '--key-id', key.Arn])).KeyMetadata).toMatchObject({ KeyId: key.KeyId, KeyState: 'Enabled' });
  });

  test('create-alias names the key; list-aliases shows it; describe-key resolves it', async () => {
    expect(await kms(['create-alias', '--alias-name', 'alias/aws-cli', '--target-key-id', key.KeyId])).toEqual({});
    expect((await kms<KeyMetadataDoc>(['describe-key', '--key-id', 'alias/aws-cli'])).KeyMetadata.KeyId).toBe(key.KeyId);
    const { Aliases } = await kms<{ Aliases: Record<string, unknown>[] }>(['list-aliases', '--key-id', key.KeyId]);
    expect(Aliases).toEqual([
      {
        AliasName: 'alias/aws-cli',
        AliasArn: `arn:aws:kms:us-east-1:${owner().accountId}:alias/aws-cli`,
        TargetKeyId: key.KeyId,
        CreationDate: expect.any(String),
        LastUpdatedDate: expect.any(String),
      },
    ]);
  });

  test('enable-key-rotation turns rotation on', async () => {
    expect(await kms(['get-key-rotation-status', '--key-id', key.KeyId])).toMatchObject({ KeyRotationEnabled: false });
    expect(await kms(['enable-key-rotation', '--key-id', key.KeyId])).toEqual({});
    expect(await kms(['get-key-rotation-status', '--key-id', key.KeyId])).toMatchObject({ KeyRotationEnabled: true });
  });

  test('generate-data-key by alias; the wrapped key decrypts (fileb://) to the same plaintext with its context, and not without', async () => {
    const context = ['--encryption-context', 'purpose=aws-cli-test'];
    const dataKey = await kms<BlobDoc>(['generate-data-key', '--key-id', 'alias/aws-cli', '--key-spec', 'AES_256', ...context]);
    expect(dataKey.KeyId).toBe(key.Arn);
    expect(Buffer.from(dataKey.Plaintext!, 'base64')).toHaveLength(32);
    const blob = fileb('data-key.bin', Buffer.from(dataKey.CiphertextBlob, 'base64'));
    expect(await kms(['decrypt', '--ciphertext-blob', blob, ...context])).toEqual({ KeyId: key.Arn, Plaintext: dataKey.Plaintext, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    expect(await failure(['decrypt', '--ciphertext-blob', blob, '--encryption-context', 'purpose=other'])).toEqual(['InvalidCiphertextException', 'Decrypt']);
    const withoutPlaintext = await kms<BlobDoc>(['generate-data-key-without-plaintext', '--key-id', key.KeyId, '--number-of-bytes', '16']);
    expect(withoutPlaintext).toEqual({ CiphertextBlob: expect.any(String), KeyId: key.Arn });
  });

  test('over plain HTTP, keys are managed but no plaintext or plaintext data key travels: AccessDeniedException', async () => {
    expect(JSON.parse(await plainHttp.run(['kms', 'describe-key', '--key-id', 'alias/aws-cli'])).KeyMetadata.KeyId).toBe(key.KeyId);
    const refused = await plainHttp.attempt(['kms', 'generate-data-key', '--key-id', 'alias/aws-cli', '--key-spec', 'AES_256']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('An error occurred (AccessDeniedException) when calling the GenerateDataKey operation: GenerateDataKey carries plaintext or a plaintext data key, so it is served only over HTTPS.');
  });

  test('every key of an encryption context binds, __proto__ included: decrypt needs it, with its value', async () => {
    const sealed = await kms<BlobDoc>(['generate-data-key', '--key-id', 'alias/aws-cli', '--key-spec', 'AES_256', '--encryption-context', '{"__proto__":"tenant-a"}']);
    const blob = fileb('proto-context.bin', Buffer.from(sealed.CiphertextBlob, 'base64'));
    expect((await kms<BlobDoc>(['decrypt', '--ciphertext-blob', blob, '--encryption-context', '{"__proto__":"tenant-a"}'])).Plaintext).toBe(sealed.Plaintext);
    expect(await failure(['decrypt', '--ciphertext-blob', blob])).toEqual(['InvalidCiphertextException', 'Decrypt']);
    expect(await failure(['decrypt', '--ciphertext-blob', blob, '--encryption-context', '{"__proto__":"tenant-b"}'])).toEqual(['InvalidCiphertextException', 'Decrypt']);
  });

  test('encrypt and decrypt round-trip raw bytes through fileb://; re-encrypt moves the blob to another key', async () => {
    const plaintext = randomBytes(1000);
    const encrypted = await kms<BlobDoc>(['encrypt', '--key-id', key.KeyId, '--plaintext', fileb('plain.bin', plaintext)]);
    expect(encrypted).toMatchObject({ KeyId: key.Arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    const blob = fileb('cipher.bin', Buffer.from(encrypted.CiphertextBlob, 'base64'));
    await aws.run(['kms', 'decrypt', '--ciphertext-blob', blob, '--output', 'text', '--query', 'Plaintext']).then((text) => {
      writeFileSync(stack.path('plain.back'), Buffer.from(text.trim(), 'base64'));
    });
    expect(readFileSync(stack.path('plain.back')).equals(plaintext)).toBe(true);

    const other = (await kms<KeyMetadataDoc>(['create-key', '--description', 'destination'])).KeyMetadata;
    const moved = await kms<BlobDoc>(['re-encrypt', '--ciphertext-blob', blob, '--destination-key-id', other.KeyId, '--destination-encryption-context', 'moved=yes']);
    expect(moved).toMatchObject({ SourceKeyId: key.Arn, KeyId: other.Arn });
    const movedBlob = fileb('moved.bin', Buffer.from(moved.CiphertextBlob, 'base64'));
    const decrypted = await kms<BlobDoc>(['decrypt', '--ciphertext-blob', movedBlob, '--encryption-context', 'moved=yes']);
    expect(decrypted.KeyId).toBe(other.Arn);
    expect(Buffer.from(decrypted.Plaintext!, 'base64').equals(plaintext)).toBe(true);
    expect(await failure(['decrypt', '--ciphertext-blob', movedBlob, '--encryption-context', 'moved=yes', '--key-id', key.KeyId])).toEqual(['IncorrectKeyException', 'Decrypt']);
  });

  test('create-grant lets another account decrypt with the key; list-grants shows the grant', async () => {
    const other = stack.s3.other;
    const encrypted = await kms<BlobDoc>(['encrypt', '--key-id', key.KeyId, '--plaintext', fileb('shared.bin', Buffer.from('shared secret'))]);
    const blob = fileb('shared.cipher', Buffer.from(encrypted.CiphertextBlob, 'base64'));
    expect(await failure(['decrypt', '--ciphertext-blob', blob], other)).toEqual(['AccessDeniedException', 'Decrypt']);
    const grantee = `arn:aws:iam::${other.accountId}:root`;
    const grant = await kms<{ GrantId: string; GrantToken: string }>(['create-grant', '--key-id', key.Arn, '--grantee-principal', grantee, '--operations', 'Decrypt', 'DescribeKey', '--name', 'cli-grant']);
    expect(grant).toEqual({ GrantId: expect.any(String), GrantToken: expect.any(String) });
    const decrypted = await kms<BlobDoc>(['decrypt', '--ciphertext-blob', blob], other);
    expect(Buffer.from(decrypted.Plaintext!, 'base64').toString()).toBe('shared secret');
    const { Grants } = await kms<{ Grants: Record<string, unknown>[] }>(['list-grants', '--key-id', key.KeyId]);
    expect(Grants).toEqual([
      {
        KeyId: key.Arn,
        GrantId: grant.GrantId,
        Name: 'cli-grant',
        CreationDate: expect.any(String),
        GranteePrincipal: grantee,
        IssuingAccount: `arn:aws:iam::${owner().accountId}:root`,
        Operations: ['Decrypt', 'DescribeKey'],
      },
    ]);
    expect(await kms(['revoke-grant', '--key-id', key.KeyId, '--grant-id', grant.GrantId])).toEqual({});
    expect(await failure(['decrypt', '--ciphertext-blob', blob], other)).toEqual(['AccessDeniedException', 'Decrypt']);
  });

  test("KMS's exceptions: unknown alias, disabled key, unsupported key spec", async () => {
    expect(await failure(['describe-key', '--key-id', 'alias/no-such-alias'])).toEqual(['NotFoundException', 'DescribeKey']);
    const disabled = (await kms<KeyMetadataDoc>(['create-key'])).KeyMetadata;
    await kms(['disable-key', '--key-id', disabled.KeyId]);
    expect(await failure(['generate-data-key', '--key-id', disabled.KeyId, '--key-spec', 'AES_256'])).toEqual(['DisabledException', 'GenerateDataKey']);
    expect(await failure(['create-key', '--key-spec', 'RSA_2048', '--key-usage', 'SIGN_VERIFY'])).toEqual(['UnsupportedOperationException', 'CreateKey']);
  });

  test('SigV4 failures in the KMS dialect: an unknown access key, a wrong secret', async () => {
    const stranger: TestAccount = { ...owner(), accessKeyId: 'AKIAIOSFODNN7EXAMPLE' };
    expect(await failure(['list-keys'], stranger)).toEqual(['UnrecognizedClientException', 'ListKeys']);
    const wrongSecret: TestAccount = { ...owner(), secretAccessKey: 'not-the-secret' };
    expect(await failure(['list-keys'], wrongSecret)).toEqual(['InvalidSignatureException', 'ListKeys']);
  });
});
