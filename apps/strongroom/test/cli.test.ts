import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT, OTHER_ACCOUNT, runWith, startCliHarness, type CliHarness, type CliResult } from './cli/cli-harness';

const SERVICE_ERROR = 254;

/** The parts of the CLI's JSON outputs the tests read. */
interface KeyDoc {
  KeyMetadata: { KeyId: string; Arn: string; CreationDate: string; DeletionDate?: string; KeyState: string };
}
interface KeyListDoc {
  Keys: { KeyId: string; KeyArn: string }[];
  NextMarker?: string;
  Truncated?: boolean;
}
interface GrantListDoc {
  Grants: unknown[];
  Truncated: boolean;
}
interface AliasListDoc {
  Aliases: { TargetKeyId: string }[];
}
interface AuditDoc {
  Events: { Operation: string }[];
  NextMarker?: string;
}

function expectServiceError(result: CliResult, exception: string, operation: string): void {
  expect(result.code).toBe(SERVICE_ERROR);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(new RegExp(`^An error occurred \\(${exception}\\) when calling the ${operation} operation: .+\\n$`));
}

function expectOk(result: CliResult): void {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
}

describe('strongroom kms (against a running KMS)', () => {
  let harness: CliHarness;
  let keyId: string;
  let keyArn: string;
  let secondKeyArn: string;
  let blob: string;
  const plaintext = Buffer.from('attack at dawn').toString('base64');

  beforeAll(async () => {
    harness = await startCliHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  test('create-key returns the KeyMetadata in AWS shape', async () => {
    const result = await harness.cli('kms', 'create-key', '--description', 'cli test key', '--tags', '[{"TagKey":"team","TagValue":"storage"}]');
    expectOk(result);
    const { KeyMetadata } = result.json<KeyDoc>();
    expect(KeyMetadata).toEqual({
      AWSAccountId: ACCOUNT,
      KeyId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      Arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KeyMetadata.KeyId}`,
      CreationDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      Enabled: true,
      Description: 'cli test key',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      KeyManager: 'CUSTOMER',
      KeySpec: 'SYMMETRIC_DEFAULT',
      Tags: [{ TagKey: 'team', TagValue: 'storage' }],
    });
    keyId = KeyMetadata.KeyId;
    keyArn = KeyMetadata.Arn;
  });

  test('describe-key finds the key by id; another account does not see it', async () => {
    const result = await harness.cli('kms', 'describe-key', '--key-id', keyId);
    expectOk(result);
    expect(result.json<KeyDoc>().KeyMetadata).toMatchObject({ KeyId: keyId, Arn: keyArn, KeyState: 'Enabled' });
    expectServiceError(await harness.cli('kms', 'describe-key', '--key-id', keyId, '--account', OTHER_ACCOUNT), 'NotFoundException', 'DescribeKey');
  });

  test('create-alias prints nothing; the alias then names the key', async () => {
    const created = await harness.cli('kms', 'create-alias', '--alias-name', 'alias/cli-test', '--target-key-id', keyId);
    expectOk(created);
    expect(created.stdout).toBe('');
    expect((await harness.cli('kms', 'describe-key', '--key-id', 'alias/cli-test')).json<KeyDoc>().KeyMetadata.KeyId).toBe(keyId);
    const aliases = (await harness.cli('kms', 'list-aliases', '--key-id', keyId)).json();
    expect(aliases).toEqual({
      Aliases: [
        {
          AliasName: 'alias/cli-test',
          AliasArn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/cli-test`,
          TargetKeyId: keyId,
          CreationDate: expect.any(String),
          LastUpdatedDate: expect.any(String),
        },
      ],
      Truncated: false,
    });
    expectServiceError(await harness.cli('kms', 'create-alias', '--alias-name', 'alias/cli-test', '--target-key-id', keyId), 'AlreadyExistsException', 'CreateAlias');
  });

  test('encrypt and decrypt round-trip with an encryption context (shorthand in, JSON back)', async () => {
    const encrypted = await harness.cli('kms', 'encrypt', '--key-id', 'alias/cli-test', '--plaintext', plaintext, '--encryption-context', 'bucket=photos,purpose=test');
    expectOk(encrypted);
    expect(Object.keys(encrypted.json())).toEqual(['CiphertextBlob', 'KeyId']);
    expect(encrypted.json().KeyId).toBe(keyArn);
    blob = encrypted.json().CiphertextBlob;

    const decrypted = await harness.cli('kms', 'decrypt', '--ciphertext-blob', blob, '--encryption-context', '{"purpose":"test","bucket":"photos"}');
    expectOk(decrypted);
    expect(decrypted.json()).toEqual({ KeyId: keyArn, Plaintext: plaintext });
  });

  test('decrypt with a wrong encryption context is InvalidCiphertextException, exit 254', async () => {
    const result = await harness.cli('kms', 'decrypt', '--ciphertext-blob', blob, '--encryption-context', 'bucket=other,purpose=test');
    expectServiceError(result, 'InvalidCiphertextException', 'Decrypt');
  });

  test('every key of an encryption context binds, __proto__ included, in shorthand and in JSON', async () => {
    for (const context of ['__proto__=tenant-a', '{"__proto__":"tenant-a"}']) {
      const sealed = await harness.cli('kms', 'encrypt', '--key-id', 'alias/cli-test', '--plaintext', plaintext, '--encryption-context', context);
      expectOk(sealed);
      const sealedBlob = sealed.json().CiphertextBlob;
      expectOk(await harness.cli('kms', 'decrypt', '--ciphertext-blob', sealedBlob, '--encryption-context', '__proto__=tenant-a'));
      expectServiceError(await harness.cli('kms', 'decrypt', '--ciphertext-blob', sealedBlob), 'InvalidCiphertextException', 'Decrypt');
      expectServiceError(await harness.cli('kms', 'decrypt', '--ciphertext-blob', sealedBlob, '--encryption-context', '{"__proto__":"tenant-b"}'), 'InvalidCiphertextException', 'Decrypt');
    }
  });

  test('decrypt naming another key is IncorrectKeyException', async () => {
    const other = (await harness.cli('kms', 'create-key', '--description', 'second')).json<KeyDoc>().KeyMetadata;
    secondKeyArn = other.Arn;
    const result = await harness.cli('kms', 'decrypt', '--ciphertext-blob', blob, '--encryption-context', 'bucket=photos,purpose=test', '--key-id', other.KeyId);
    expectServiceError(result, 'IncorrectKeyException', 'Decrypt');
  });

  test('fileb:// reads raw bytes for --plaintext and --ciphertext-blob', async () => {
    const bytes = randomBytes(100);
    const plainFile = join(harness.directory, 'plain.bin');
    const blobFile = join(harness.directory, 'blob.bin');
    writeFileSync(plainFile, bytes);
    const encrypted = (await harness.cli('kms', 'encrypt', '--key-id', keyId, '--plaintext', `fileb://${plainFile}`)).json();
    writeFileSync(blobFile, Buffer.from(encrypted.CiphertextBlob, 'base64'));
    const decrypted = await harness.cli('kms', 'decrypt', '--ciphertext-blob', `fileb://${blobFile}`);
    expectOk(decrypted);
    expect(Buffer.from(decrypted.json().Plaintext, 'base64')).toEqual(bytes);
    expect(readFileSync(plainFile)).toEqual(bytes);
  });

  test('generate-data-key returns a data key that decrypts back; the without-plaintext form has none', async () => {
    const generated = await harness.cli('kms', 'generate-data-key', '--key-id', keyId, '--key-spec', 'AES_256', '--encryption-context', 'object=a/b');
    expectOk(generated);
    const { CiphertextBlob, Plaintext, KeyId } = generated.json();
    expect(KeyId).toBe(keyArn);
    expect(Buffer.from(Plaintext, 'base64')).toHaveLength(32);
    const decrypted = (await harness.cli('kms', 'decrypt', '--ciphertext-blob', CiphertextBlob, '--encryption-context', 'object=a/b')).json();
    expect(decrypted.Plaintext).toBe(Plaintext);

    const wrapped = await harness.cli('kms', 'generate-data-key-without-plaintext', '--key-id', keyId, '--number-of-bytes', '16');
    expectOk(wrapped);
    expect(Object.keys(wrapped.json()).sort()).toEqual(['CiphertextBlob', 'KeyId']);
    const unwrapped = (await harness.cli('kms', 'decrypt', '--ciphertext-blob', wrapped.json().CiphertextBlob)).json();
    expect(Buffer.from(unwrapped.Plaintext, 'base64')).toHaveLength(16);
  });

  test('re-encrypt moves a blob to another key and context', async () => {
    const result = await harness.cli(
      'kms', 're-encrypt',
      '--ciphertext-blob', blob,
      '--source-encryption-context', 'bucket=photos,purpose=test',
      '--destination-key-id', secondKeyArn,
      '--destination-encryption-context', '{"bucket":"archive"}',
    );
    expectOk(result);
    const { CiphertextBlob, SourceKeyId, KeyId } = result.json();
    expect({ SourceKeyId, KeyId }).toEqual({ SourceKeyId: keyArn, KeyId: secondKeyArn });
    const decrypted = (await harness.cli('kms', 'decrypt', '--ciphertext-blob', CiphertextBlob, '--encryption-context', 'bucket=archive')).json();
    expect(decrypted).toEqual({ KeyId: secondKeyArn, Plaintext: plaintext });
  });

  test('disable-key makes encrypt fail with DisabledException; enable-key restores it', async () => {
    const disabled = await harness.cli('kms', 'disable-key', '--key-id', keyId);
    expectOk(disabled);
    expect(disabled.stdout).toBe('');
    expect((await harness.cli('kms', 'describe-key', '--key-id', keyId)).json<KeyDoc>().KeyMetadata).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    expectServiceError(await harness.cli('kms', 'encrypt', '--key-id', keyId, '--plaintext', plaintext), 'DisabledException', 'Encrypt');
    expectOk(await harness.cli('kms', 'enable-key', '--key-id', keyId));
    expectOk(await harness.cli('kms', 'encrypt', '--key-id', keyId, '--plaintext', plaintext));
  });

  test('list-keys pages with --limit/--marker, and fetches every page without them', async () => {
    const third = (await harness.cli('kms', 'create-key')).json<KeyDoc>().KeyMetadata;
    const all = await harness.cli('kms', 'list-keys');
    expectOk(all);
    expect(all.json()).toEqual({ Keys: [keyArn, secondKeyArn, third.Arn].map((arn) => ({ KeyId: arn.split('/')[1], KeyArn: arn })) });

    const first = (await harness.cli('kms', 'list-keys', '--limit', '2')).json<KeyListDoc>();
    expect(first.Keys.map((key) => key.KeyArn)).toEqual([keyArn, secondKeyArn]);
    expect(first).toMatchObject({ Truncated: true, NextMarker: expect.any(String) });
    const second = (await harness.cli('kms', 'list-keys', '--limit', '2', '--marker', first.NextMarker ?? '')).json();
    expect(second).toEqual({ Keys: [{ KeyId: third.KeyId, KeyArn: third.Arn }], Truncated: false });
  });

  test('--output text prints aws-cli text lines', async () => {
    const result = await harness.cli('kms', 'list-keys', '--output', 'text', '--limit', '1');
    expectOk(result);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^\S+\tTrue$/), `KEYS\t${keyArn}\t${keyId}`]);
    const created = (await harness.cli('kms', 'describe-key', '--key-id', keyId)).json<KeyDoc>().KeyMetadata.CreationDate;
    const described = await harness.cli('--output', 'text', 'kms', 'describe-key', '--key-id', keyId);
    expect(described.stdout).toBe(
      `KEYMETADATA\t${ACCOUNT}\t${keyArn}\t${created}\tcli test key\tTrue\t${keyId}\tCUSTOMER\tSYMMETRIC_DEFAULT\tEnabled\tENCRYPT_DECRYPT\nTAGS\tteam\tstorage\n`,
    );
  });

  test('create-grant / list-grants / revoke-grant, and the grantee can use the key', async () => {
    const grantee = `arn:aws:iam::${OTHER_ACCOUNT}:root`;
    const created = await harness.cli('kms', 'create-grant', '--key-id', keyId, '--grantee-principal', grantee, '--operations', 'Encrypt', 'Decrypt', '--name', 'partner');
    expectOk(created);
    const grantId: string = created.json().GrantId;
    const commaSeparated = await harness.cli('kms', 'create-grant', '--key-id', keyId, '--grantee-principal', OTHER_ACCOUNT, '--operations', 'GenerateDataKey,DescribeKey');
    expectOk(commaSeparated);

    const listed = (await harness.cli('kms', 'list-grants', '--key-id', keyId)).json<GrantListDoc>();
    expect(listed.Truncated).toBe(false);
    expect(listed.Grants).toEqual([
      { KeyId: keyArn, GrantId: grantId, Name: 'partner', CreationDate: expect.any(String), GranteePrincipal: grantee, IssuingAccount: ACCOUNT, Operations: ['Encrypt', 'Decrypt'] },
      { KeyId: keyArn, GrantId: commaSeparated.json().GrantId, CreationDate: expect.any(String), GranteePrincipal: OTHER_ACCOUNT, IssuingAccount: ACCOUNT, Operations: ['GenerateDataKey', 'DescribeKey'] },
    ]);

    expectOk(await harness.cli('kms', 'encrypt', '--key-id', keyArn, '--plaintext', plaintext, '--account', OTHER_ACCOUNT));
    const revoked = await harness.cli('kms', 'revoke-grant', '--key-id', keyId, '--grant-id', grantId);
    expectOk(revoked);
    expect(revoked.stdout).toBe('');
    expect((await harness.cli('kms', 'list-grants', '--key-id', keyId)).json<GrantListDoc>().Grants).toHaveLength(1);
    expectServiceError(await harness.cli('kms', 'encrypt', '--key-id', keyArn, '--plaintext', plaintext, '--account', OTHER_ACCOUNT), 'AccessDeniedException', 'Encrypt');
    expectServiceError(await harness.cli('kms', 'revoke-grant', '--key-id', keyId, '--grant-id', grantId), 'NotFoundException', 'RevokeGrant');
  });

  test('rotation: enable, status, rotate on demand, list rotations, disable', async () => {
    expectOk(await harness.cli('kms', 'enable-key-rotation', '--key-id', keyId, '--rotation-period-in-days', '180'));
    expect((await harness.cli('kms', 'get-key-rotation-status', '--key-id', keyId)).json()).toEqual({
      KeyRotationEnabled: true,
      KeyId: keyArn,
      RotationPeriodInDays: 180,
      NextRotationDate: expect.any(String),
    });
    expect((await harness.cli('kms', 'rotate-key-on-demand', '--key-id', keyId)).json()).toEqual({ KeyId: keyArn });
    expect((await harness.cli('kms', 'list-key-rotations', '--key-id', keyId)).json()).toEqual({
      Rotations: [{ KeyId: keyArn, RotationDate: expect.any(String), RotationType: 'ON_DEMAND' }],
      Truncated: false,
    });
    const decrypted = (await harness.cli('kms', 'decrypt', '--ciphertext-blob', blob, '--encryption-context', 'bucket=photos,purpose=test')).json();
    expect(decrypted.Plaintext).toBe(plaintext);
    expectOk(await harness.cli('kms', 'disable-key-rotation', '--key-id', keyId));
    expect((await harness.cli('kms', 'get-key-rotation-status', '--key-id', keyId)).json<{ KeyRotationEnabled: boolean }>().KeyRotationEnabled).toBe(false);
  });

  test('schedule-key-deletion and cancel-key-deletion', async () => {
    const scheduled = await harness.cli('kms', 'schedule-key-deletion', '--key-id', secondKeyArn, '--pending-window-in-days', '7');
    expectOk(scheduled);
    expect(scheduled.json()).toEqual({ KeyId: secondKeyArn, DeletionDate: expect.any(String), KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    expect((await harness.cli('kms', 'describe-key', '--key-id', secondKeyArn)).json<KeyDoc>().KeyMetadata.DeletionDate).toBe(scheduled.json().DeletionDate);
    expectServiceError(await harness.cli('kms', 'encrypt', '--key-id', secondKeyArn, '--plaintext', plaintext), 'KMSInvalidStateException', 'Encrypt');
    expect((await harness.cli('kms', 'cancel-key-deletion', '--key-id', secondKeyArn)).json()).toEqual({ KeyId: secondKeyArn });
    expect((await harness.cli('kms', 'describe-key', '--key-id', secondKeyArn)).json<KeyDoc>().KeyMetadata.KeyState).toBe('Disabled');
    expectServiceError(
      await harness.cli('kms', 'schedule-key-deletion', '--key-id', secondKeyArn, '--pending-window-in-days', '3'),
      'ValidationException',
      'ScheduleKeyDeletion',
    );
  });

  test('update-alias and delete-alias', async () => {
    expectOk(await harness.cli('kms', 'update-alias', '--alias-name', 'alias/cli-test', '--target-key-id', secondKeyArn));
    expect((await harness.cli('kms', 'list-aliases')).json<AliasListDoc>().Aliases[0]?.TargetKeyId).toBe(secondKeyArn.split('/')[1]);
    expectOk(await harness.cli('kms', 'delete-alias', '--alias-name', 'alias/cli-test'));
    expect((await harness.cli('kms', 'list-aliases')).json()).toEqual({ Aliases: [], Truncated: false });
    expectServiceError(await harness.cli('kms', 'delete-alias', '--alias-name', 'alias/cli-test'), 'NotFoundException', 'DeleteAlias');
  });

  test('audit lists the operations, newest first, in pages', async () => {
    const result = await harness.cli('kms', 'audit', '--key-id', keyId);
    expectOk(result);
    const { Events } = result.json<AuditDoc>();
    const operations = Events.map((event) => event.Operation);
    expect(operations).toEqual(expect.arrayContaining(['CreateKey', 'CreateAlias', 'Encrypt', 'Decrypt', 'GenerateDataKey', 'DisableKey', 'CreateGrant', 'RevokeGrant']));
    expect(operations[operations.length - 1]).toBe('CreateKey');
    expect(Events).toContainEqual(
      expect.objectContaining({ Operation: 'Decrypt', Outcome: 'INVALID_CIPHERTEXT', AccountId: ACCOUNT, PrincipalArn: `arn:aws:iam::${ACCOUNT}:root` }),
    );
    expect(Events).toContainEqual(expect.objectContaining({ Operation: 'Encrypt', Outcome: 'OK', KeyId: keyId, EncryptionContext: { bucket: 'photos', purpose: 'test' } }));

    const page = (await harness.cli('kms', 'audit', '--key-id', keyId, '--limit', '2')).json<AuditDoc>();
    expect(page.Events).toEqual(Events.slice(0, 2));
    const next = (await harness.cli('kms', 'audit', '--key-id', keyId, '--limit', '2', '--marker', page.NextMarker ?? '')).json<AuditDoc>();
    expect(next.Events).toEqual(Events.slice(2, 4));

    const accountWide = (await harness.cli('kms', 'audit', '--limit', '1000')).json<AuditDoc>();
    expect(accountWide.NextMarker).toBeUndefined();
    expect(accountWide.Events).toContainEqual(expect.objectContaining({ Operation: 'ReEncrypt', Outcome: 'OK', KeyId: secondKeyArn.split('/')[1] }));
  });

  test('a token the service does not know is UnrecognizedClientException', async () => {
    const env = { ...harness.env, STRONGROOM_TOKEN_FILE: '', STRONGROOM_TOKEN: 'not-a-valid-token' };
    expectServiceError(await runWith(env, ['kms', 'list-keys']), 'UnrecognizedClientException', 'ListKeys');
  });
});
