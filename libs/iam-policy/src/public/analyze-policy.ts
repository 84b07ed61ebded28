import type { Policy } from '../policy';
import type { Statement } from '../statement';
import { clauseVerdict } from './fixed-condition';

/** Why one statement makes a policy public. */
export interface PublicReason {
  readonly index: number;
  readonly sid?: string;
  readonly why: string;
}

/** The outcome of {@link analyzePolicyPublic}. */
export interface PublicAnalysis {
  /** S3's `PolicyStatus.IsPublic`. */
  readonly public: boolean;
  /** One entry per public statement; empty when not public. */
  readonly reasons: readonly PublicReason[];
}

function broadPrincipal(statement: Statement): string | undefined {
  const principal = statement.principal;
  if (principal === undefined) return undefined;
  if (principal.negated) return 'NotPrincipal in an Allow grants every principal not listed';
  if (principal.wildcard) return 'allows any principal ("*")';
  if (principal.federated.size > 0) return `allows federated principal ${[...principal.federated].map((name) => `"${name}"`).join(', ')}`;
  return undefined;
}

/**
 * Why an Allow statement is public, or `undefined` if it is not: it must
 * grant a wildcard principal (`"*"`, `{"AWS": "*"}`, NotPrincipal, or a
 * federated identity) and have no condition that pins a key AWS names
 * (aws:SourceIp within /8 or /32, aws:SourceArn, aws:SourceVpc(e),
 * aws:SourceOwner, aws:SourceAccount, aws:userid, aws:PrincipalOrgID,
 * aws:PrincipalAccount, aws:PrincipalArn, the SSE-KMS key id,
 * s3:DataAccessPointArn/Account) to fixed values.
 */
export function publicReason(statement: Statement): string | undefined {
  if (statement.effect !== 'Allow') return undefined;
  const broad = broadPrincipal(statement);
  if (broad === undefined) return undefined;
  const misses: string[] = [];
  for (const clause of statement.condition?.clauses ?? []) {
    const verdict = clauseVerdict(clause);
    if (verdict.limits) return undefined;
    if (verdict.why !== undefined) misses.push(verdict.why);
  }
  return misses.length === 0 ? `${broad} without a condition that fixes the caller` : `${broad}; ${misses.join('; ')}`;
}

/**
 * Decides whether a bucket policy is public by AWS's rule: assumed public,
 * proven non-public only when every Allow is limited to fixed principals or
 * fixed values of the condition keys AWS names. Deny statements never make a
 * policy public.
 */
export function analyzePolicyPublic(policy: Policy): PublicAnalysis {
  const reasons: PublicReason[] = [];
  for (const statement of policy.statements) {
    const why = publicReason(statement);
    if (why !== undefined) reasons.push({ ...statement.ref, why });
  }
  return { public: reasons.length > 0, reasons };
}
