import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { INVALID_PRINCIPAL, namedIdentities, type NamedIdentity, type Policy } from '@strongroom/iam-policy';
import { unknownAccountIds } from './account-store';
import type { PolicyDeps } from './policy-call';
import { unknownUsers } from './user-store';

type NamedUser = Extract<NamedIdentity, { kind: 'user' }>;

/** The first identity the policy names that does not exist in this Strongroom, if any. */
async function firstUnknown(deps: PolicyDeps, named: readonly NamedIdentity[]): Promise<NamedIdentity | undefined> {
  const unknownAccounts = new Set(await unknownAccountIds(deps.pool, named.map((identity) => identity.accountId)));
  const users = named.filter((identity): identity is NamedUser => identity.kind === 'user' && !unknownAccounts.has(identity.accountId));
  const missingUsers = new Set(await unknownUsers(deps.pool, users));
  return named.find((identity) => unknownAccounts.has(identity.accountId) || (identity.kind === 'user' && missingUsers.has(identity)));
}

/**
 * Throws MALFORMED_POLICY "Invalid principal in policy" (S3's answer) when
 * a `Principal` of the policy names an account, or a user, that does not
 * exist: a grant to a user not yet created would go to whoever is created
 * with that name. The message does not say which principal, as S3's does
 * not; the `path` metadata names the statement's Principal. Read from the
 * database, not the cache, so a user created or deleted on another replica
 * counts at once.
 */
export async function requireNamedPrincipalsExist(deps: PolicyDeps, policy: Policy): Promise<void> {
  const unknown = await firstUnknown(deps, namedIdentities(policy));
  if (unknown !== undefined) throw new DomainError(ErrorReason.MALFORMED_POLICY, INVALID_PRINCIPAL, { metadata: { path: unknown.path } });
}
