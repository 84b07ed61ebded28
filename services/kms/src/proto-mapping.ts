import { kmsV1 } from '@strongroom/contracts';
import type { AliasRecord } from './alias-store';
import type { GrantOperationName, GrantRecord } from './grant-store';
import { aliasArn, keyArn, type KeyRecord } from './key-record';

const { KeyState, KeyManager, GrantOperation } = kmsV1;

const STATE: Record<KeyRecord['state'], kmsV1.KeyState> = {
  ENABLED: KeyState.ENABLED,
  DISABLED: KeyState.DISABLED,
  PENDING_DELETION: KeyState.PENDING_DELETION,
};

/** Grant operations: proto enum ↔ stored name. */
export const GRANT_OPERATIONS: ReadonlyMap<kmsV1.GrantOperation, GrantOperationName> = new Map([
  [GrantOperation.DECRYPT, 'Decrypt'],
  [GrantOperation.ENCRYPT, 'Encrypt'],
  [GrantOperation.GENERATE_DATA_KEY, 'GenerateDataKey'],
  [GrantOperation.GENERATE_DATA_KEY_WITHOUT_PLAINTEXT, 'GenerateDataKeyWithoutPlaintext'],
  [GrantOperation.RE_ENCRYPT_FROM, 'ReEncryptFrom'],
  [GrantOperation.RE_ENCRYPT_TO, 'ReEncryptTo'],
  [GrantOperation.DESCRIBE_KEY, 'DescribeKey'],
]);

const GRANT_OPERATION_ENUM = new Map([...GRANT_OPERATIONS].map(([value, name]) => [name, value]));

/** A key record as the API's KeyMetadata. */
export function toKeyMetadata(region: string, key: KeyRecord): kmsV1.KeyMetadata {
  return {
    keyId: key.keyId,
    arn: keyArn(region, key),
    awsAccountId: key.accountId,
    description: key.description,
    keyState: STATE[key.state],
    keyManager: key.keyManager === 'CUSTOMER' ? KeyManager.CUSTOMER : KeyManager.AWS,
    creationDate: key.createdAt,
    deletionDate: key.deletionAt ?? undefined,
    enabled: key.state === 'ENABLED',
    currentKeyVersion: key.currentVersion,
    keyUsage: 'ENCRYPT_DECRYPT',
    keySpec: 'SYMMETRIC_DEFAULT',
    tags: key.tags.map((tag) => ({ tagKey: tag.key, tagValue: tag.value })),
  };
}

/** A key's rotation setting as the API's RotationStatus. */
export function toRotationStatus(region: string, key: KeyRecord): kmsV1.RotationStatus {
  return {
    keyId: keyArn(region, key),
    keyRotationEnabled: key.rotationEnabled,
    rotationPeriodInDays: key.rotationPeriodDays,
    nextRotationDate: key.nextRotationAt ?? undefined,
  };
}

/** An alias record as the API's AliasListEntry. */
export function toAliasEntry(region: string, alias: AliasRecord): kmsV1.AliasListEntry {
  return {
    aliasName: alias.aliasName,
    aliasArn: aliasArn(region, alias.accountId, alias.aliasName),
    targetKeyId: alias.keyId,
    creationDate: alias.createdAt,
    lastUpdatedDate: alias.updatedAt,
  };
}

/** A grant record as the API's GrantListEntry. */
export function toGrantEntry(region: string, key: KeyRecord, grant: GrantRecord): kmsV1.GrantListEntry {
  return {
    grantId: grant.grantId,
    keyId: keyArn(region, key),
    granteePrincipal: grant.granteePrincipal,
    operations: grant.operations.map((name) => GRANT_OPERATION_ENUM.get(name) ?? GrantOperation.UNSPECIFIED),
    name: grant.name,
    issuingAccount: grant.issuingAccount,
    creationDate: grant.createdAt,
  };
}
