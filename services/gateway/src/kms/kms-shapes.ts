/**
 * KMS messages in the AWS KMS API's JSON shapes (botocore's `kms` model):
 * AWS member names, enum values by their AWS names, timestamps as epoch
 * seconds, blobs as base64. Values the contract cannot produce are left
 * out rather than guessed.
 */
import { kmsV1 } from '@strongroom/contracts';

const { KeyState, KeyManager, GrantOperation, DataKeySpec } = kmsV1;

/** A JSON object of the KMS API; members that are undefined are not sent. */
export type KmsOutput = Readonly<Record<string, unknown>>;

/** The only encryption algorithm of a symmetric key. */
export const SYMMETRIC_DEFAULT = 'SYMMETRIC_DEFAULT';

const KEY_STATE_NAMES: Readonly<Partial<Record<kmsV1.KeyState, string>>> = {
  [KeyState.ENABLED]: 'Enabled',
  [KeyState.DISABLED]: 'Disabled',
  [KeyState.PENDING_DELETION]: 'PendingDeletion',
};

const KEY_MANAGER_NAMES: Readonly<Partial<Record<kmsV1.KeyManager, string>>> = {
  [KeyManager.CUSTOMER]: 'CUSTOMER',
  [KeyManager.AWS]: 'AWS',
};

/** Grant operations by their AWS names: the ones Strongroom's grants can permit. */
export const GRANT_OPERATION_BY_NAME: ReadonlyMap<string, kmsV1.GrantOperation> = new Map([
  ['Decrypt', GrantOperation.DECRYPT],
  ['Encrypt', GrantOperation.ENCRYPT],
  ['GenerateDataKey', GrantOperation.GENERATE_DATA_KEY],
  ['GenerateDataKeyWithoutPlaintext', GrantOperation.GENERATE_DATA_KEY_WITHOUT_PLAINTEXT],
  ['ReEncryptFrom', GrantOperation.RE_ENCRYPT_FROM],
  ['ReEncryptTo', GrantOperation.RE_ENCRYPT_TO],
  ['DescribeKey', GrantOperation.DESCRIBE_KEY],
]);

const GRANT_OPERATION_NAMES = new Map([...GRANT_OPERATION_BY_NAME].map(([name, operation]) => [operation, name]));

/** Data key specs by their AWS names. */
export const DATA_KEY_SPEC_BY_NAME: ReadonlyMap<string, kmsV1.DataKeySpec> = new Map([
  ['AES_256', DataKeySpec.AES_256],
  ['AES_128', DataKeySpec.AES_128],
]);

/** A timestamp as the JSON protocol sends it: epoch seconds, with milliseconds as the fraction. */
export function epochSeconds(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : date.getTime() / 1000;
}

/** Bytes as a base64 JSON string. */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Secret bytes (a plaintext the KMS answered) as a base64 JSON string; the
 * bytes are wiped once read. The string itself cannot be.
 */
export function wipedBase64(secret: Uint8Array): string {
  const text = base64(secret);
  secret.fill(0);
  return text;
}

/** The AWS name of a key state: `Enabled`, `Disabled` or `PendingDeletion`. */
export function keyStateName(state: kmsV1.KeyState): string | undefined {
  return KEY_STATE_NAMES[state];
}

/** KeyMetadata as AWS KMS describes a symmetric encryption key of its own key store. */
export function keyMetadataShape(metadata: kmsV1.KeyMetadata | undefined): KmsOutput | undefined {
  if (metadata === undefined) return undefined;
  return {
    AWSAccountId: metadata.awsAccountId,
    KeyId: metadata.keyId,
    Arn: metadata.arn,
    CreationDate: epochSeconds(metadata.creationDate),
    Enabled: metadata.enabled,
    Description: metadata.description,
    KeyUsage: metadata.keyUsage,
    KeyState: keyStateName(metadata.keyState),
    DeletionDate: epochSeconds(metadata.deletionDate),
    Origin: 'AWS_KMS',
    KeyManager: KEY_MANAGER_NAMES[metadata.keyManager],
    CustomerMasterKeySpec: metadata.keySpec,
    KeySpec: metadata.keySpec,
    EncryptionAlgorithms: [SYMMETRIC_DEFAULT],
    MultiRegion: false,
  };
}

/** An AliasListEntry. */
export function aliasShape(alias: kmsV1.AliasListEntry): KmsOutput {
  return {
    AliasName: alias.aliasName,
    AliasArn: alias.aliasArn,
    TargetKeyId: alias.targetKeyId,
    CreationDate: epochSeconds(alias.creationDate),
    LastUpdatedDate: epochSeconds(alias.lastUpdatedDate),
  };
}

/** A GrantListEntry; the issuing account is named by its root ARN, as AWS names it. */
export function grantShape(grant: kmsV1.GrantListEntry): KmsOutput {
  return {
    KeyId: grant.keyId,
    GrantId: grant.grantId,
    Name: grant.name === '' ? undefined : grant.name,
    CreationDate: epochSeconds(grant.creationDate),
    GranteePrincipal: grant.granteePrincipal,
    IssuingAccount: /^\d{12}$/.test(grant.issuingAccount) ? `arn:aws:iam::${grant.issuingAccount}:root` : grant.issuingAccount,
    Operations: grant.operations.map((operation) => GRANT_OPERATION_NAMES.get(operation)).filter((name) => name !== undefined),
  };
}

/** A RotationsListEntry. */
export function rotationShape(rotation: kmsV1.KeyRotation): KmsOutput {
  return { KeyId: rotation.keyId, RotationDate: epochSeconds(rotation.rotationDate), RotationType: rotation.rotationType };
}
