import type { Policy } from '../policy';
import { PolicyError } from '../policy-error';
import type { Statement } from '../statement';
import { statementPath } from '../statement-path';
import { compileWildcard } from '../wildcard';
import { S3_ACTIONS, type S3ActionScope } from './s3-actions';

/** S3's MalformedPolicy message for an action that names no S3 action. */
export const INVALID_ACTION = 'Policy has invalid action';
/** S3's MalformedPolicy message for a resource outside the bucket the policy is put on. */
export const INVALID_RESOURCE = 'Policy has invalid resource';
/** S3's MalformedPolicy message for an action that applies to none of its statement's resources. */
export const ACTION_NOT_APPLICABLE = 'Action does not apply to any resource(s) in statement';

/** The scopes of the S3 actions an `Action` pattern (`s3:GetObject`, `s3:Get*`, `*`) names; empty when it names none. */
function scopesNamedBy(pattern: string): ReadonlySet<S3ActionScope> {
  const matches = compileWildcard(pattern, true);
  return new Set(S3_ACTIONS.filter((action) => matches(action.lowerName)).map((action) => action.scope));
}

const S3_ARN_PREFIX = 'arn:aws:s3:::';

/**
 * What a `Resource` pattern names in the bucket: the bucket itself, objects
 * in it, or (a wildcard ending its bucket part, `arn:aws:s3:::photo*`)
 * both; nothing when its bucket part cannot match the bucket's name. A
 * wildcard is taken for what it can match here, so that a policy AWS takes
 * is not refused for its spelling.
 */
function resourceScopes(pattern: string, bucket: string): readonly S3ActionScope[] {
  if (!pattern.startsWith(S3_ARN_PREFIX)) return [];
  const path = pattern.slice(S3_ARN_PREFIX.length);
  const slash = path.indexOf('/');
  const bucketPart = slash < 0 ? path : path.slice(0, slash);
  if (!compileWildcard(bucketPart)(bucket)) return [];
  if (slash >= 0) return ['object'];
  return bucketPart.endsWith('*') ? ['bucket', 'object'] : ['bucket'];
}

function checkStatement(statement: Statement, path: string, bucket: string): void {
  const actionScopes = statement.action.negated ? [] : statement.action.patterns.map(scopesNamedBy);
  if (actionScopes.some((scopes) => scopes.size === 0)) throw new PolicyError(`${path}.Action`, INVALID_ACTION, INVALID_ACTION);
  if (statement.resource.negated) return;
  const named = statement.resource.patterns.map((pattern) => resourceScopes(pattern, bucket));
  if (named.some((scopes) => scopes.length === 0)) throw new PolicyError(`${path}.Resource`, INVALID_RESOURCE, INVALID_RESOURCE);
  const applies = (scopes: ReadonlySet<S3ActionScope>) => named.some((resource) => resource.some((scope) => scopes.has(scope)));
  if (!actionScopes.every(applies)) throw new PolicyError(path, ACTION_NOT_APPLICABLE, ACTION_NOT_APPLICABLE);
}

/**
 * Checks what S3 checks, beyond the grammar, when a policy is put on
 * `bucket`: each `Action` names at least one S3 action (wildcards included),
 * each `Resource` can name the bucket or objects in it, and each
 * action of an `Action` + `Resource` statement applies to at least one of
 * its resources (bucket-level actions to the bucket, object-level ones to
 * objects). `NotAction` and `NotResource` are left as written: what S3
 * checks in them is not documented. Throws a {@link PolicyError} whose
 * `detail` and `s3Message` are S3's MalformedPolicy message.
 */
export function checkBucketPolicyScope(policy: Policy, bucket: string): void {
  for (const statement of policy.statements) checkStatement(statement, statementPath(policy, statement), bucket);
}
