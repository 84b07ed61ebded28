import { ErrorReason, type kmsV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { rejectionOf } from '@strongroom/testing';
import { randomInt } from 'node:crypto';
import { root, type KmsClient } from './kms-harness';

/** Asserts that a call fails with a DomainError of `reason`, and returns the error. */
export async function expectReason(call: Promise<unknown>, reason: ErrorReason): Promise<DomainError> {
  const error = await rejectionOf(call);
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError ${ErrorReason[reason]}, got ${String(error)}`);
  expect(error.reasonName).toBe(ErrorReason[reason]);
  return error;
}

/** An account id of its own for one test, so listings see only that test's keys. */
export function freshAccount(): string {
  return String(randomInt(300_000_000_000, 999_999_999_999));
}

/** Creates a customer key in `accountId` and returns its metadata. */
export async function createKey(client: KmsClient, accountId: string, description = ''): Promise<kmsV1.KeyMetadata> {
  const { keyMetadata } = await client.createKey({ principal: root(accountId), description });
  if (keyMetadata === undefined) throw new Error('CreateKey returned no metadata');
  return keyMetadata;
}
