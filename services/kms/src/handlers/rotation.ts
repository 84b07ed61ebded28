import type { kmsV1 } from '@strongroom/contracts';
import { invalidArgument } from '@strongroom/errors';
import { keyArn } from '../key-record';
import { listRotations } from '../key-store';
import type { KmsHandler } from '../kms-call';
import { toRotationStatus } from '../proto-mapping';
import { managedKey } from './keys';

export const enableKeyRotation: KmsHandler<kmsV1.EnableKeyRotationRequest, kmsV1.EnableKeyRotationResponse> = async (deps, request, call) => {
  const days = request.rotationPeriodInDays === 0 ? 365 : request.rotationPeriodInDays;
  if (days < 90 || days > 2560) throw invalidArgument('rotation_period_in_days', 'must be 90 to 2560');
  const key = await deps.lifecycle.setRotation(await managedKey(deps, call, request.keyId), true, days);
  return { rotationStatus: toRotationStatus(deps.region, key) };
};

export const disableKeyRotation: KmsHandler<kmsV1.DisableKeyRotationRequest, kmsV1.DisableKeyRotationResponse> = async (deps, request, call) => {
  const current = await managedKey(deps, call, request.keyId);
  const key = await deps.lifecycle.setRotation(current, false, current.rotationPeriodDays);
  return { rotationStatus: toRotationStatus(deps.region, key) };
};

export const getKeyRotationStatus: KmsHandler<kmsV1.GetKeyRotationStatusRequest, kmsV1.GetKeyRotationStatusResponse> = async (deps, request, call) => {
  const key = await deps.keyring.find(call, request.keyId, 'DescribeKey');
  return { rotationStatus: toRotationStatus(deps.region, key) };
};

export const rotateKeyOnDemand: KmsHandler<kmsV1.RotateKeyOnDemandRequest, kmsV1.RotateKeyOnDemandResponse> = async (deps, request, call) => {
  const key = await deps.lifecycle.rotate(await managedKey(deps, call, request.keyId), 'ON_DEMAND');
  call.audit.touch(key, key.currentVersion);
  return { keyId: keyArn(deps.region, key), keyVersion: key.currentVersion };
};

export const listKeyRotations: KmsHandler<kmsV1.ListKeyRotationsRequest, kmsV1.ListKeyRotationsResponse> = async (deps, request, call) => {
  const key = await deps.keyring.find(call, request.keyId, 'DescribeKey');
  const rotations = await listRotations(deps.pool, key.keyId);
  return {
    rotations: rotations.map((rotation) => ({
      keyId: keyArn(deps.region, key),
      keyVersion: rotation.version,
      rotationDate: rotation.createdAt,
      rotationType: rotation.type,
    })),
  };
};
