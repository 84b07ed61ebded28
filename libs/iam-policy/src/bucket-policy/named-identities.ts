import type { Policy } from '../policy';
import { accountOfPrincipal } from '../principal';
import { statementPath } from '../statement-path';

/** S3's MalformedPolicy message for a Principal naming an account or user that does not exist. */
export const INVALID_PRINCIPAL = 'Invalid principal in policy';

/** An account or IAM user a statement's `Principal` names, with where it is named. */
export type NamedIdentity =
  | { readonly kind: 'account'; readonly accountId: string; readonly path: string }
  | { readonly kind: 'user'; readonly accountId: string; readonly userName: string; readonly arn: string; readonly path: string };

const USER_ARN = /^arn:[^:]+:iam::(\d{12}):user\/(.+)$/;

/**
 * The accounts and IAM users the `Principal` elements of a policy name, for
 * the put to check that they exist (S3 refuses a policy naming a deleted
 * user with MalformedPolicy "Invalid principal in policy"). Every AWS
 * principal names its account (an id, a root, user, role, group or
 * session ARN); a user ARN names its user too, by everything after
 * `user/`, as Authorize reads a caller's ARN. Roles and sessions are
 * named by their account alone: Strongroom keeps no roles to look up.
 * `NotPrincipal`, canonical users, services and identity providers are
 * not listed.
 */
export function namedIdentities(policy: Policy): NamedIdentity[] {
  const named: NamedIdentity[] = [];
  for (const statement of policy.statements) {
    const block = statement.principal;
    if (block === undefined || block.negated) continue;
    const path = `${statementPath(policy, statement)}.Principal`;
    for (const accountId of block.accounts) named.push({ kind: 'account', accountId, path });
    for (const arn of block.arns) {
      const accountId = accountOfPrincipal(arn);
      if (accountId !== undefined) named.push({ kind: 'account', accountId, path });
      const user = USER_ARN.exec(arn);
      if (user !== null) named.push({ kind: 'user', accountId: user[1]!, userName: user[2]!, arn, path });
    }
  }
  return named;
}
