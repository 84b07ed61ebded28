/** KMS messages in the AWS KMS API's shapes and names, as `aws kms` prints them. */
import { kmsV1 } from '@strongroom/contracts';
import { isoDate } from '../shapes';

const { KeyState, KeyManager, GrantOperation, DataKeySpec } = kmsV1;

const KEY_STATE_NAMES: Readonly<Record<kmsV1.KeyState, string>> = {
  [KeyState.UNSPECIFIED]: 'Unknown',
  [KeyState.ENABLED]: 'Enabled',
  [KeyState.DISABLED]: 'Disabled',
  [KeyState.PENDING_DELETION]: 'PendingDeletion',
  [KeyState.UNRECOGNIZED]: 'Unknown',
};

const KEY_MANAGER_NAMES: Readonly<Record<kmsV1.KeyManager, string>> = {
  [KeyManager.UNSPECIFIED]: 'Unknown',
  [KeyManager.CUSTOMER]: 'CUSTOMER',
  [KeyManager.AWS]: 'AWS',
  [KeyManager.UNRECOGNIZED]: 'Unknown',
};

/** Grant operations by their AWS names, as `--operations` takes them. */
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

/** Data key specs by their AWS names, as `--key-spec` takes them. */
export const DATA_KEY_SPEC_BY_NAME: ReadonlyMap<string, kmsV1.DataKeySpec> = new Map([
  ['AES_256', DataKeySpec.AES_256],
  ['AES_128', DataKeySpec.AES_128],
]);

/** Bytes as base64, as aws-cli prints blobs. */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The AWS name of a key state: `Enabled`, `Disabled` or `PendingDeletion`. */
export function keyStateName(state: kmsV1.KeyState): string {
  return KEY_STATE_NAMES[state];
}

/** The AWS name of a grant operation. */
export function grantOperationName(operation: kmsV1.GrantOperation): string {
  return GRANT_OPERATION_NAMES.get(operation) ?? 'Unknown';
}

/**
 * KeyMetadata with AWS's field names. `Tags` is Strongroom's addition (AWS
 * lists tags with ListResourceTags) and appears only when the key has tags.
 */
export function keyMetadataShape(metadata: kmsV1.KeyMetadata | undefined): Record<string, unknown> | undefined {
  if (metadata === undefined) return undefined;
  return {
    AWSAccountId: metadata.awsAccountId,
    KeyId: metadata.keyId,
    Arn: metadata.arn,
    CreationDate: isoDate(metadata.creationDate),
    Enabled: metadata.enabled,
    Description: metadata.description,
    KeyUsage: metadata.keyUsage,
    KeyState: keyStateName(metadata.keyState),
    DeletionDate: isoDate(metadata.deletionDate),
    KeyManager: KEY_MANAGER_NAMES[metadata.keyManager],
    KeySpec: metadata.keySpec,
    Tags: metadata.tags.length === 0 ? undefined : metadata.tags.map((tag) => ({ TagKey: tag.tagKey, TagValue: tag.tagValue })),
  };
}
