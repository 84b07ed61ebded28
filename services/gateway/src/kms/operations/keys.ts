/** Key lifecycle: CreateKey, DescribeKey, ListKeys, EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion. */
import type { kmsV1 } from '@strongroom/contracts';
import { unsupported } from '../kms-error';
import type { KmsInput } from '../kms-input';
import type { KmsOperation } from '../kms-operation';
import { SYMMETRIC_DEFAULT, epochSeconds, keyMetadataShape, keyStateName } from '../kms-shapes';
import { checkGrantTokens, keyIdOf, refuseMembers } from './members';

/** CreateKey members that must be absent or have the one value a Strongroom key has. */
const FIXED_KEY_PROPERTIES: readonly (readonly [member: string, value: string | boolean])[] = [
  ['KeyUsage', 'ENCRYPT_DECRYPT'],
  ['KeySpec', SYMMETRIC_DEFAULT],
  ['CustomerMasterKeySpec', SYMMETRIC_DEFAULT],
  ['Origin', 'AWS_KMS'],
  ['MultiRegion', false],
];

/**
 * Refuses what a Strongroom key cannot be: asymmetric, HMAC, imported,
 * multi-Region, in a custom key store, or governed by a key policy (the
 * owning account has full access and others what grants give them, so a
 * policy would be silently ignored).
 */
function checkKeyProperties(input: KmsInput): void {
  for (const [member, value] of FIXED_KEY_PROPERTIES) {
    const given = typeof value === 'boolean' ? input.boolean(member) : input.string(member);
    if (given !== undefined && given !== value) throw unsupported(`${member} ${String(given)} is not supported: keys are ${SYMMETRIC_DEFAULT} ENCRYPT_DECRYPT keys of this KMS.`);
  }
  refuseMembers(input, ['Policy', 'CustomKeyStoreId', 'XksKeyId']);
  input.boolean('BypassPolicyLockoutSafetyCheck');
}

function tagsOf(input: KmsInput): kmsV1.Tag[] {
  return (input.structures('Tags') ?? []).map((tag) => ({
    tagKey: tag.requiredString('TagKey', { max: 128 }),
    tagValue: tag.string('TagValue', { max: 256 }) ?? '',
  }));
}

const createKey: KmsOperation = async (input, { kms, principal, signal }) => {
  checkKeyProperties(input);
  const request = { principal, description: input.string('Description', { max: 8192 }) ?? '', tags: tagsOf(input) };
  const { keyMetadata } = await kms.createKey(request, { signal });
  return { KeyMetadata: keyMetadataShape(keyMetadata) };
};

const describeKey: KmsOperation = async (input, { kms, principal, signal }) => {
  const keyId = keyIdOf(input);
  checkGrantTokens(input);
  const { keyMetadata } = await kms.describeKey({ principal, keyId }, { signal });
  return { KeyMetadata: keyMetadataShape(keyMetadata) };
};

const listKeys: KmsOperation = async (input, { kms, principal, signal }) => {
  const limit = input.integer('Limit', { min: 1, max: 1000 }) ?? 0;
  const marker = input.string('Marker', { min: 1, max: 1024 }) ?? '';
  const page = await kms.listKeys({ principal, limit, marker }, { signal });
  return {
    Keys: page.keys.map((key) => ({ KeyId: key.keyId, KeyArn: key.arn })),
    NextMarker: page.truncated ? page.nextMarker : undefined,
    Truncated: page.truncated,
  };
};

const enableKey: KmsOperation = async (input, { kms, principal, signal }) => {
  await kms.enableKey({ principal, keyId: keyIdOf(input) }, { signal });
  return undefined;
};

const disableKey: KmsOperation = async (input, { kms, principal, signal }) => {
  await kms.disableKey({ principal, keyId: keyIdOf(input) }, { signal });
  return undefined;
};

const scheduleKeyDeletion: KmsOperation = async (input, { kms, principal, signal }) => {
  const keyId = keyIdOf(input);
  const pendingWindowInDays = input.integer('PendingWindowInDays', { min: 1, max: 365 }) ?? 0;
  const response = await kms.scheduleKeyDeletion({ principal, keyId, pendingWindowInDays }, { signal });
  return {
    KeyId: response.keyId,
    DeletionDate: epochSeconds(response.deletionDate),
    KeyState: keyStateName(response.keyState),
    PendingWindowInDays: response.pendingWindowInDays,
  };
};

const cancelKeyDeletion: KmsOperation = async (input, { kms, principal, signal }) => {
  const { keyId } = await kms.cancelKeyDeletion({ principal, keyId: keyIdOf(input) }, { signal });
  return { KeyId: keyId };
};

/** The key lifecycle operations by name. */
export const KEY_OPERATIONS = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  EnableKey: enableKey,
  DisableKey: disableKey,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
} satisfies Record<string, KmsOperation>;
