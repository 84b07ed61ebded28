import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import type { ActingPrincipal, ServiceCredential } from '@strongroom/grpc';
import type { GrantOperationName, GrantRecord } from './grant-store';
import { keyArn, type KeyRecord } from './key-record';

/** What a caller wants to do with a key: use it for a grantable operation, or manage it. */
export type KeyAccess = GrantOperationName | 'Manage';

/** True when a grant's grantee names this principal (its ARN, its account id, or its account root). */
export function granteeMatches(grantee: string, principal: ActingPrincipal): boolean {
  return grantee === principal.arn || grantee === principal.accountId || grantee === `arn:aws:iam::${principal.accountId}:root`;
}

/**
 * Decides whether a principal may access a key. The owning account may do
 * anything with its customer keys and use its AWS-managed keys; another
 * account only what a grant names; service keys only callers whose service
 * credential allows them. Throws ACCESS_DENIED otherwise.
 */
export function authorizeKeyAccess(
  region: string,
  principal: ActingPrincipal,
  caller: ServiceCredential,
  key: KeyRecord,
  grants: readonly GrantRecord[],
  access: KeyAccess,
): void {
  const allowed =
    key.keyManager === 'SERVICE'
      ? caller.serviceKeys && access !== 'Manage'
      : key.accountId === principal.accountId
        ? access !== 'Manage' || key.keyManager === 'CUSTOMER'
        : access !== 'Manage' && grants.some((grant) => grant.operations.includes(access) && granteeMatches(grant.granteePrincipal, principal));
  if (!allowed) {
    const what = access === 'Manage' ? 'manage' : `use ${access} with`;
    throw new DomainError(ErrorReason.ACCESS_DENIED, `${principal.arn} is not allowed to ${what} key ${keyArn(region, key)}`, {
      metadata: { key_id: keyArn(region, key) },
    });
  }
}

/** Throws unless the key may perform cryptographic operations (ENABLED). */
export function requireUsable(region: string, key: KeyRecord): void {
  if (key.state === 'ENABLED') return;
  const arn = keyArn(region, key);
  if (key.state === 'DISABLED') {
    throw new DomainError(ErrorReason.KEY_DISABLED, `key ${arn} is disabled`, { metadata: { key_id: arn } });
  }
  throw new DomainError(ErrorReason.KEY_INVALID_STATE, `key ${arn} is pending deletion`, { metadata: { key_id: arn } });
}
