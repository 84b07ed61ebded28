/** Key rotation: automatic rotation settings, on-demand rotation and the rotation history. */
import { isoDate } from '../shapes';
import { kmsCommand, type KmsCommand } from './kms-command';
import { integerOrZero, keyIdFlag } from './kms-flags';

const KEY_ID = keyIdFlag(true);

const enableKeyRotation = kmsCommand({
  name: 'enable-key-rotation',
  operation: 'EnableKeyRotation',
  summary: 'Turns on automatic rotation. Prints nothing, as aws does.',
  flags: [KEY_ID, { name: 'rotation-period-in-days', placeholder: 'days', description: 'Days between rotations, 90 to 2560 (default 365).' }],
  request: (flags, principal) => ({ principal, keyId: flags.required('key-id'), rotationPeriodInDays: integerOrZero(flags, 'rotation-period-in-days') }),
  call: (client, request, signal) => client.enableKeyRotation(request, { signal }),
  output: () => undefined,
});

const disableKeyRotation = kmsCommand({
  name: 'disable-key-rotation',
  operation: 'DisableKeyRotation',
  summary: 'Turns off automatic rotation. Prints nothing, as aws does.',
  flags: [KEY_ID],
  request: (flags, principal) => ({ principal, keyId: flags.required('key-id') }),
  call: (client, request, signal) => client.disableKeyRotation(request, { signal }),
  output: () => undefined,
});

const getKeyRotationStatus = kmsCommand({
  name: 'get-key-rotation-status',
  operation: 'GetKeyRotationStatus',
  summary: "Shows a key's automatic rotation setting.",
  flags: [KEY_ID],
  request: (flags, principal) => ({ principal, keyId: flags.required('key-id') }),
  call: (client, request, signal) => client.getKeyRotationStatus(request, { signal }),
  output: ({ rotationStatus }) => ({
    KeyRotationEnabled: rotationStatus?.keyRotationEnabled,
    KeyId: rotationStatus?.keyId,
    RotationPeriodInDays: rotationStatus?.rotationPeriodInDays,
    NextRotationDate: isoDate(rotationStatus?.nextRotationDate),
  }),
});

const rotateKeyOnDemand = kmsCommand({
  name: 'rotate-key-on-demand',
  operation: 'RotateKeyOnDemand',
  summary: 'Creates a new key version now; older versions keep decrypting.',
  flags: [KEY_ID],
  request: (flags, principal) => ({ principal, keyId: flags.required('key-id') }),
  call: (client, request, signal) => client.rotateKeyOnDemand(request, { signal }),
  output: (response) => ({ KeyId: response.keyId }),
});

const listKeyRotations = kmsCommand({
  name: 'list-key-rotations',
  operation: 'ListKeyRotations',
  summary: "Lists a key's rotations, oldest first.",
  flags: [KEY_ID],
  request: (flags, principal) => ({ principal, keyId: flags.required('key-id') }),
  call: (client, request, signal) => client.listKeyRotations(request, { signal }),
  output: (response) => ({
    Rotations: response.rotations.map((rotation) => ({ KeyId: rotation.keyId, RotationDate: isoDate(rotation.rotationDate), RotationType: rotation.rotationType })),
    Truncated: false,
  }),
});

/** The rotation commands. */
export const ROTATION_COMMANDS: readonly KmsCommand[] = [enableKeyRotation, disableKeyRotation, getKeyRotationStatus, rotateKeyOnDemand, listKeyRotations];
