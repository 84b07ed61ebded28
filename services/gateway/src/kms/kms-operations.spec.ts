import { kmsV1 } from '@strongroom/contracts';
import { KmsError } from './kms-error';
import { KmsInput } from './kms-input';
import type { KmsClient } from './kms-operation';
import { KMS_OPERATIONS } from './operations';

const principal = { accountId: '111122223333', arn: 'arn:aws:iam::111122223333:root' };
const ARN = 'arn:aws:kms:us-east-1:111122223333:key/k1';

/** A KMS client that records each call and answers from `responses` (an empty response otherwise). */
function recordingClient(responses: Record<string, unknown> = {}) {
  const calls: [string, unknown][] = [];
  const client = new Proxy({} as KmsClient, {
    get: (_target, method: string) => (request: unknown) => {
      calls.push([method, request]);
      return Promise.resolve(responses[method] ?? {});
    },
  });
  return { client, calls };
}

async function run(operation: string, members: object, responses?: Record<string, unknown>) {
  const { client, calls } = recordingClient(responses);
  const output = await KMS_OPERATIONS.get(operation)!(KmsInput.parse(Buffer.from(JSON.stringify(members))), { kms: client, principal, signal: new AbortController().signal });
  return { output, calls };
}

async function refusal(operation: string, members: object): Promise<[string, number]> {
  const { client, calls } = recordingClient();
  const error = await KMS_OPERATIONS.get(operation)!(KmsInput.parse(Buffer.from(JSON.stringify(members))), { kms: client, principal, signal: new AbortController().signal }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof KmsError)) throw new Error(`expected ${operation} to be refused`);
  return [error.type, calls.length];
}

describe('the KMS JSON operations', () => {
  it('serves exactly the operations of the brief', () => {
    expect([...KMS_OPERATIONS.keys()].sort()).toEqual(
      [
        'CreateKey', 'DescribeKey', 'ListKeys', 'EnableKey', 'DisableKey', 'ScheduleKeyDeletion', 'CancelKeyDeletion',
        'EnableKeyRotation', 'DisableKeyRotation', 'GetKeyRotationStatus', 'RotateKeyOnDemand', 'ListKeyRotations',
        'CreateAlias', 'UpdateAlias', 'DeleteAlias', 'ListAliases', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext',
        'Encrypt', 'Decrypt', 'ReEncrypt', 'CreateGrant', 'ListGrants', 'RevokeGrant',
      ].sort(),
    );
  });

  it('maps GenerateDataKey members to the gRPC request and blobs to base64', async () => {
    const { output, calls } = await run(
      'GenerateDataKey',
      { KeyId: 'alias/a', KeySpec: 'AES_128', EncryptionContext: { bucket: 'b' }, GrantTokens: ['t'] },
      { generateDataKey: { keyId: ARN, keyVersion: 1, plaintext: Buffer.from('p'), ciphertextBlob: Buffer.from('c') } },
    );
    expect(calls).toEqual([['generateDataKey', { principal, keyId: 'alias/a', encryptionContext: { bucket: 'b' }, keySpec: kmsV1.DataKeySpec.AES_128, numberOfBytes: 0 }]]);
    expect(output).toEqual({ CiphertextBlob: 'Yw==', Plaintext: 'cA==', KeyId: ARN });
  });

  it("wipes the plaintext of GenerateDataKey's and Decrypt's answers once in the JSON, and Encrypt's once the KMS has answered", async () => {
    const dataKey = Buffer.from('data key');
    const generated = await run('GenerateDataKey', { KeyId: 'k', KeySpec: 'AES_256' }, { generateDataKey: { keyId: ARN, keyVersion: 1, plaintext: dataKey, ciphertextBlob: Buffer.from('c') } });
    expect(generated.output).toMatchObject({ Plaintext: Buffer.from('data key').toString('base64') });
    const plaintext = Buffer.from('plain');
    const decrypted = await run('Decrypt', { CiphertextBlob: 'Yw==' }, { decrypt: { keyId: ARN, keyVersion: 1, plaintext } });
    expect(decrypted.output).toMatchObject({ Plaintext: Buffer.from('plain').toString('base64') });
    const encrypted = await run('Encrypt', { KeyId: 'k', Plaintext: Buffer.from('secret').toString('base64') }, { encrypt: { keyId: ARN, keyVersion: 1, ciphertextBlob: Buffer.from('c') } });
    const sent = (encrypted.calls[0]![1] as { plaintext: Buffer }).plaintext;
    for (const wiped of [dataKey, plaintext, sent]) expect(wiped.every((byte) => byte === 0)).toBe(true);
  });

  it('maps ReEncrypt and answers both algorithms', async () => {
    const { output, calls } = await run(
      'ReEncrypt',
      { CiphertextBlob: 'YWJj', DestinationKeyId: 'k2', SourceEncryptionContext: { a: '1' } },
      { reEncrypt: { sourceKeyId: ARN, keyId: 'arn2', keyVersion: 1, ciphertextBlob: Buffer.from('x') } },
    );
    expect(calls[0]).toEqual([
      'reEncrypt',
      { principal, ciphertextBlob: Buffer.from('abc'), sourceEncryptionContext: { a: '1' }, sourceKeyId: '', destinationKeyId: 'k2', destinationEncryptionContext: {} },
    ]);
    expect(output).toEqual({ CiphertextBlob: 'eA==', SourceKeyId: ARN, KeyId: 'arn2', SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT', DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
  });

  it('answers the output-less operations with no body', async () => {
    for (const [operation, members] of [
      ['EnableKey', { KeyId: 'k' }],
      ['CreateAlias', { AliasName: 'alias/a', TargetKeyId: 'k' }],
      ['EnableKeyRotation', { KeyId: 'k', RotationPeriodInDays: 90 }],
      ['RevokeGrant', { KeyId: 'k', GrantId: 'g' }],
    ] as const) {
      expect((await run(operation, members)).output).toBeUndefined();
    }
  });

  it('maps CreateGrant operations by their AWS names; the grant id doubles as the grant token', async () => {
    const { output, calls } = await run('CreateGrant', { KeyId: 'k', GranteePrincipal: '444455556666', Operations: ['Encrypt', 'ReEncryptTo'] }, { createGrant: { grantId: 'g1' } });
    expect(calls[0]).toEqual(['createGrant', { principal, keyId: 'k', granteePrincipal: '444455556666', operations: [kmsV1.GrantOperation.ENCRYPT, kmsV1.GrantOperation.RE_ENCRYPT_TO], name: '' }]);
    expect(output).toEqual({ GrantToken: 'g1', GrantId: 'g1' });
  });

  it.each([
    ['CreateKey', { Policy: '{}' }, 'UnsupportedOperationException'],
    ['CreateKey', { KeySpec: 'RSA_2048' }, 'UnsupportedOperationException'],
    ['CreateKey', { MultiRegion: true }, 'UnsupportedOperationException'],
    ['CreateGrant', { KeyId: 'k', GranteePrincipal: '444455556666', Operations: ['Decrypt'], Constraints: { EncryptionContextEquals: { a: 'b' } } }, 'UnsupportedOperationException'],
    ['CreateGrant', { KeyId: 'k', GranteePrincipal: '444455556666', Operations: ['Sign'] }, 'UnsupportedOperationException'],
    ['CreateGrant', { KeyId: 'k', GranteePrincipal: '444455556666', Operations: ['Fly'] }, 'ValidationException'],
    ['Encrypt', { KeyId: 'k', Plaintext: 'YQ==', EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }, 'InvalidKeyUsageException'],
    ['Decrypt', { CiphertextBlob: 'YQ==', DryRun: true }, 'UnsupportedOperationException'],
    ['Decrypt', {}, 'ValidationException'],
    ['ScheduleKeyDeletion', { KeyId: 'k', PendingWindowInDays: 0 }, 'ValidationException'],
  ])('refuses %s %j with %s before calling the KMS', async (operation, members, type) => {
    expect(await refusal(operation, members)).toEqual([type, 0]);
  });

  it('pages ListAliases in the gateway, and filters ListGrants', async () => {
    const alias = (name: string) => ({ aliasName: name, aliasArn: `arn:${name}`, targetKeyId: 'k' });
    const aliases = { listAliases: { aliases: [alias('alias/a'), alias('alias/b'), alias('alias/c')] } };
    const first = (await run('ListAliases', { Limit: 2 }, aliases)).output!;
    expect([(first.Aliases as { AliasName: string }[]).map((entry) => entry.AliasName), first.NextMarker, first.Truncated]).toEqual([['alias/a', 'alias/b'], 'alias/b', true]);
    const second = (await run('ListAliases', { Limit: 2, Marker: 'alias/b' }, aliases)).output!;
    expect([(second.Aliases as unknown[]).length, second.Truncated]).toEqual([1, false]);
    const grant = (grantId: string, granteePrincipal: string) => ({ grantId, granteePrincipal, keyId: ARN, operations: [], name: '', issuingAccount: '111122223333' });
    const grants = { listGrants: { grants: [grant('g1', '444455556666'), grant('g2', '777788889999')] } };
    const filtered = (await run('ListGrants', { KeyId: 'k', GranteePrincipal: '777788889999' }, grants)).output!;
    expect((filtered.Grants as { GrantId: string }[]).map((entry) => entry.GrantId)).toEqual(['g2']);
  });
});
