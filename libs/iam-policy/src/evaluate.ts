import { actionApplies } from './action';
import { splitArn, type ArnComponents } from './arn';
import { conditionHolds } from './condition/condition';
import { prepareContext, type PreparedContext, type RequestContext } from './context';
import type { Policy } from './policy';
import { namesOnlyTheAccount, principalApplies, type RequestPrincipal } from './principal';
import { resourceApplies } from './resource';
import type { Statement, StatementRef } from './statement';

/** The request a policy is evaluated against. */
export interface EvaluationRequest {
  readonly principal: RequestPrincipal;
  /** The action, e.g. `s3:GetObject` (case-insensitive). */
  readonly action: string;
  /** The resource ARN, e.g. `arn:aws:s3:::bucket/key`. */
  readonly resource: string;
  /** Condition keys and their values. */
  readonly context?: RequestContext;
}

/** A statement of one policy that applies to the request. */
export interface MatchedStatement extends StatementRef {
  /**
   * Set on an Allow whose `Principal` names the caller, a user or role
   * session, only as its account ({@link namesOnlyTheAccount}): it grants
   * the account, which the caller reaches only through its identity policies.
   */
  readonly throughAccount?: true;
}

/**
 * The outcome of evaluating one policy. `deny` lists the matching Deny
 * statements (an explicit deny, which wins over any allow), `allow` the
 * matching Allow statements, `no-match` means the policy says nothing about
 * the request (an implicit deny unless another policy allows).
 */
export type EvaluationResult =
  | { readonly decision: 'allow'; readonly matched: readonly MatchedStatement[] }
  | { readonly decision: 'deny'; readonly matched: readonly MatchedStatement[] }
  | { readonly decision: 'no-match'; readonly matched: readonly [] };

/** A statement named by {@link evaluateAll}, with the position of its policy in the input list. */
export interface PolicyStatementRef extends StatementRef {
  readonly policyIndex: number;
}

/** The outcome of {@link evaluateAll}: the same union, with statements from several policies. */
export type CombinedEvaluationResult =
  | { readonly decision: 'allow'; readonly matched: readonly PolicyStatementRef[] }
  | { readonly decision: 'deny'; readonly matched: readonly PolicyStatementRef[] }
  | { readonly decision: 'no-match'; readonly matched: readonly [] };

interface PreparedRequest {
  readonly principal: RequestPrincipal;
  readonly action: string;
  readonly resource: ArnComponents | undefined;
  readonly context: PreparedContext;
}

const NO_MATCH = Object.freeze({ decision: 'no-match', matched: Object.freeze<[]>([]) }) satisfies EvaluationResult;

function prepareRequest(request: EvaluationRequest): PreparedRequest {
  return {
    principal: request.principal,
    action: request.action.toLowerCase(),
    resource: splitArn(request.resource),
    context: prepareContext(request.context),
  };
}

function statementApplies(statement: Statement, request: PreparedRequest): boolean {
  return (
    (statement.principal === undefined || principalApplies(statement.principal, request.principal, statement.effect)) &&
    actionApplies(statement.action, request.action) &&
    resourceApplies(statement.resource, request.resource, request.context) &&
    conditionHolds(statement.condition, request.context, statement.effect)
  );
}

function forEachMatch(policy: Policy, request: PreparedRequest, visit: (statement: Statement) => void): void {
  for (const statement of policy.statements) if (statementApplies(statement, request)) visit(statement);
}

/**
 * Evaluates one policy: an explicit Deny wins, then any Allow, otherwise
 * `no-match`; an Allow that names the caller only as its account is marked
 * `throughAccount`. Everything was compiled when the policy was parsed; this
 * only runs the matchers.
 */
export function evaluate(policy: Policy, request: EvaluationRequest): EvaluationResult {
  const prepared = prepareRequest(request);
  const allows: MatchedStatement[] = [];
  const denies: MatchedStatement[] = [];
  forEachMatch(policy, prepared, (statement) => {
    if (statement.effect === 'Deny') denies.push(statement.ref);
    else if (statement.principal !== undefined && namesOnlyTheAccount(statement.principal, prepared.principal)) allows.push({ ...statement.ref, throughAccount: true });
    else allows.push(statement.ref);
  });
  if (denies.length > 0) return { decision: 'deny', matched: denies };
  if (allows.length > 0) return { decision: 'allow', matched: allows };
  return NO_MATCH;
}

/**
 * Evaluates several policies that apply to the same request (e.g. identity
 * policies, or a bucket policy and a VPC endpoint policy) as one set: any
 * explicit Deny wins and lists every denying statement; otherwise every
 * allowing statement is listed; otherwise `no-match`. The request context is
 * prepared once. The S3 ordering of user, bucket and object contexts is the
 * caller's job.
 */
export function evaluateAll(policies: readonly Policy[], request: EvaluationRequest): CombinedEvaluationResult {
  const prepared = prepareRequest(request);
  const allows: PolicyStatementRef[] = [];
  const denies: PolicyStatementRef[] = [];
  policies.forEach((policy, policyIndex) =>
    forEachMatch(policy, prepared, (statement) => (statement.effect === 'Deny' ? denies : allows).push({ ...statement.ref, policyIndex })),
  );
  if (denies.length > 0) return { decision: 'deny', matched: denies };
  if (allows.length > 0) return { decision: 'allow', matched: allows };
  return NO_MATCH;
}
