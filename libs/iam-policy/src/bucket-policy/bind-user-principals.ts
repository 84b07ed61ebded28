import type { Policy } from '../policy';

/**
 * The policy with the user ARNs of its `Principal` elements bound to the
 * unique ids of the users they named when it was put (`ids`, by ARN as
 * written; null for a name no user had): a bound ARN then names only the
 * user with that id, so a user deleted and re-created with the same name
 * is not that principal, for an Allow or a Deny, as in AWS, which stores
 * the unique principal id when a resource-based policy is saved (IAM User
 * Guide, "AWS JSON policy elements: Principal"; AWS Knowledge Center,
 * iam-resource-policy-format). ARNs not in `ids`, and `NotPrincipal`,
 * stay bound to the name.
 */
export function bindUserPrincipals(policy: Policy, ids: ReadonlyMap<string, string | null>): Policy {
  if (ids.size === 0) return policy;
  const statements = policy.statements.map((statement) => {
    const block = statement.principal;
    if (block === undefined || block.negated) return statement;
    const bound = new Map([...block.arns].flatMap((arn) => (ids.has(arn) ? [[arn, ids.get(arn)!] as const] : [])));
    return bound.size === 0 ? statement : { ...statement, principal: { ...block, userIds: bound } };
  });
  return { ...policy, statements };
}
