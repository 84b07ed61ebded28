import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { INVALID_PRINCIPAL, namedIdentities, type NamedIdentity, type Policy } from '@strongroom/iam-policy';
import { unknownAccountIds } from './account-store';
import type { PolicyUserIds } from './bucket-store';
import { IAM_NAME } from './identifiers';
import type { PolicyDeps } from './policy-call';
import { userIdsOf } from './user-store';

/** An IAM user a policy's Principal names. */
export type NamedUser = Extract<NamedIdentity, { kind: 'user' }>;

/**
 * Whether a user of that name could exist: IAM's user names (CreateUser
 * takes no other). Any other name (a path, a control character, a lone
 * surrogate, which PostgreSQL cannot even take as a parameter) names no
 * user, and is never looked up nor recorded.
 */
function possibleUser(identity: NamedIdentity): identity is NamedUser {
  return identity.kind === 'user' && IAM_NAME.test(identity.userName);
}

/** The user ARNs the policy's Principal elements name that name no possible user: bound to no one on load, never recorded (PostgreSQL may not even store them). */
export function impossibleUsers(policy: Policy): NamedUser[] {
  return namedIdentities(policy).filter((identity): identity is NamedUser => identity.kind === 'user' && !possibleUser(identity));
}

/** The user ARNs, among those the policy's Principal elements name, that `bound` does not bind, but for {@link impossibleUsers}. */
export function unboundUsers(policy: Policy, bound: PolicyUserIds | null): NamedUser[] {
  return namedIdentities(policy).filter((identity): identity is NamedUser => possibleUser(identity) && (bound === null || !Object.hasOwn(bound, identity.arn)));
}

/**
 * Throws MALFORMED_POLICY "Invalid principal in policy" (S3's answer) when
 * a `Principal` of the policy names an account, or a user, that does not
 * exist: a grant to a user not yet created would go to whoever is created
 * with that name. The message does not say which principal, as S3's does
 * not; the `path` metadata names the statement's Principal. Returns the
 * unique ids of the users it names, by ARN, for the policy to be bound to
 * (as AWS stores them when a policy is saved: IAM User Guide, "AWS JSON
 * policy elements: Principal"). Read from the database, not the cache, so
 * a user created or deleted on another replica counts at once.
 */
export async function requireNamedPrincipalsExist(deps: PolicyDeps, policy: Policy): Promise<PolicyUserIds> {
  const named = namedIdentities(policy);
  const unknownAccounts = new Set(await unknownAccountIds(deps.pool, named.map((identity) => identity.accountId)));
  const users = named.filter((identity): identity is NamedUser => possibleUser(identity) && !unknownAccounts.has(identity.accountId));
  const ids = await userIdsOf(deps.pool, users);
  const unknown = named.find((identity) => unknownAccounts.has(identity.accountId) || (identity.kind === 'user' && !ids.has(identity)));
  if (unknown !== undefined) throw new DomainError(ErrorReason.MALFORMED_POLICY, INVALID_PRINCIPAL, { metadata: { path: unknown.path } });
  return Object.fromEntries([...ids].map(([user, id]) => [user.arn, id]));
}
