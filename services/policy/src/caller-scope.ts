import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import type { ServiceCredential } from '@strongroom/grpc';

/** True when the credential may act for the account. */
export function mayActFor(caller: ServiceCredential, accountId: string): boolean {
  return caller.accounts === '*' || caller.accounts.includes(accountId);
}

/** Throws PRINCIPAL_NOT_ALLOWED unless the credential may act for the account. */
export function requireActFor(caller: ServiceCredential, accountId: string): void {
  if (!mayActFor(caller, accountId)) {
    throw new DomainError(ErrorReason.PRINCIPAL_NOT_ALLOWED, `credential "${caller.name}" may not act for account ${accountId}`);
  }
}

/** Throws PRINCIPAL_NOT_ALLOWED unless the credential may act for every account (operators, and services such as storage); `what` names what it may not do. */
export function requireOperator(caller: ServiceCredential, what = 'manage accounts'): void {
  if (caller.accounts !== '*') throw new DomainError(ErrorReason.PRINCIPAL_NOT_ALLOWED, `credential "${caller.name}" may not ${what}`);
}
