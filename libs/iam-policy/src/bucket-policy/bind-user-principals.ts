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
 * stay bound to the name, as does a Deny's ARN bound to no user (null: a
 * policy put before ids were recorded, naming a user not yet created),
 * which then still denies whoever is created with that name: binding it to
 * no one would have turned that Deny off.
 */
export function bindUserPrincipals(policy: Policy, ids: ReadonlyMap<string, string | null>): Policy {
  if (ids.size === 0) return policy;
  const statements = policy.statements.map((statement) => {
    const block = statement.principal;
    if (block === undefined || block.negated) return statement;
    const bindable = (arn: string) => ids.has(arn) && (statement.effect === 'Allow' || ids.get(arn) !== null);
    const bound = new Map([...block.arns].flatMap((arn) => (bindable(arn) ? [[arn, ids.get(arn)!] as const] : [])));
    return bound.size === 0 ? statement : { ...statement, principal: { ...block, userIds: bound } };
  });
  return { ...policy, statements };
}
