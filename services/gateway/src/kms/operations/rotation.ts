/** Key rotation: EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus, RotateKeyOnDemand, ListKeyRotations. */
import type { KmsOperation } from '../kms-operation';
import { epochSeconds, rotationShape } from '../kms-shapes';
import { listPage } from '../list-page';
import { keyIdOf } from './members';

const enableKeyRotation: KmsOperation = async (input, { kms, principal, signal }) => {
  const keyId = keyIdOf(input);
  const rotationPeriodInDays = input.integer('RotationPeriodInDays', { min: 90, max: 2560 }) ?? 0;
  await kms.enableKeyRotation({ principal, keyId, rotationPeriodInDays }, { signal });
  return undefined;
};

const disableKeyRotation: KmsOperation = async (input, { kms, principal, signal }) => {
  await kms.disableKeyRotation({ principal, keyId: keyIdOf(input) }, { signal });
  return undefined;
};

const getKeyRotationStatus: KmsOperation = async (input, { kms, principal, signal }) => {
  const { rotationStatus } = await kms.getKeyRotationStatus({ principal, keyId: keyIdOf(input) }, { signal });
  const enabled = rotationStatus?.keyRotationEnabled ?? false;
  return {
    KeyRotationEnabled: enabled,
    KeyId: rotationStatus?.keyId,
    RotationPeriodInDays: enabled ? rotationStatus?.rotationPeriodInDays : undefined,
    NextRotationDate: enabled ? epochSeconds(rotationStatus?.nextRotationDate) : undefined,
  };
};

const rotateKeyOnDemand: KmsOperation = async (input, { kms, principal, signal }) => {
  const { keyId } = await kms.rotateKeyOnDemand({ principal, keyId: keyIdOf(input) }, { signal });
  return { KeyId: keyId };
};

/** `IncludeKeyMaterial` is checked and needs nothing more: keys hold no imported material, so every listing is the rotations. */
const listKeyRotations: KmsOperation = async (input, { kms, principal, signal }) => {
  const keyId = keyIdOf(input);
  input.choice('IncludeKeyMaterial', ['ALL_KEY_MATERIAL', 'ROTATIONS_ONLY']);
  const { rotations } = await kms.listKeyRotations({ principal, keyId }, { signal });
  const page = listPage(rotations, input, (rotation) => String(rotation.keyVersion), 100);
  return { Rotations: page.items.map(rotationShape), NextMarker: page.NextMarker, Truncated: page.Truncated };
};

/** The rotation operations by name. */
export const ROTATION_OPERATIONS = {
  EnableKeyRotation: enableKeyRotation,
  DisableKeyRotation: disableKeyRotation,
  GetKeyRotationStatus: getKeyRotationStatus,
  RotateKeyOnDemand: rotateKeyOnDemand,
  ListKeyRotations: listKeyRotations,
} satisfies Record<string, KmsOperation>;
