import { kmsV1 } from '@strongroom/contracts';
import { aliasShape, epochSeconds, grantShape, keyMetadataShape } from './kms-shapes';

const ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('the AWS KMS JSON shapes', () => {
  it('sends timestamps as epoch seconds with a millisecond fraction', () => {
    expect(epochSeconds(new Date(1_700_000_000_123))).toBe(1_700_000_000.123);
    expect(epochSeconds(undefined)).toBeUndefined();
  });

  it('describes a key as AWS KMS describes a symmetric key of its own key store', () => {
    const metadata: kmsV1.KeyMetadata = {
      keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
      arn: ARN,
      awsAccountId: '111122223333',
      description: 'd',
      keyState: kmsV1.KeyState.PENDING_DELETION,
      keyManager: kmsV1.KeyManager.CUSTOMER,
      creationDate: new Date(1_700_000_000_000),
      deletionDate: new Date(1_700_600_000_000),
      enabled: false,
      currentKeyVersion: 2,
      keyUsage: 'ENCRYPT_DECRYPT',
      keySpec: 'SYMMETRIC_DEFAULT',
      tags: [{ tagKey: 'team', tagValue: 'x' }],
    };
    expect(JSON.parse(JSON.stringify(keyMetadataShape(metadata)))).toEqual({
      AWSAccountId: '111122223333',
      KeyId: metadata.keyId,
      Arn: ARN,
      CreationDate: 1_700_000_000,
      Enabled: false,
      Description: 'd',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'PendingDeletion',
      DeletionDate: 1_700_600_000,
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    });
  });

  it('names a grant\'s issuing account by its root ARN and its operations by their AWS names', () => {
    const grant: kmsV1.GrantListEntry = {
      grantId: 'g1',
      keyId: ARN,
      granteePrincipal: '444455556666',
      operations: [kmsV1.GrantOperation.DECRYPT, kmsV1.GrantOperation.RE_ENCRYPT_FROM],
      name: '',
      issuingAccount: '111122223333',
      creationDate: new Date(1_700_000_000_000),
    };
    expect(grantShape(grant)).toEqual({
      KeyId: ARN,
      GrantId: 'g1',
      Name: undefined,
      CreationDate: 1_700_000_000,
      GranteePrincipal: '444455556666',
      IssuingAccount: 'arn:aws:iam::111122223333:root',
      Operations: ['Decrypt', 'ReEncryptFrom'],
    });
  });

  it('describes an alias', () => {
    const alias = { aliasName: 'alias/a', aliasArn: 'arn:aws:kms:us-east-1:111122223333:alias/a', targetKeyId: 'k', creationDate: new Date(0), lastUpdatedDate: new Date(1000) };
    expect(aliasShape(alias)).toEqual({ AliasName: 'alias/a', AliasArn: alias.aliasArn, TargetKeyId: 'k', CreationDate: 0, LastUpdatedDate: 1 });
  });
});
