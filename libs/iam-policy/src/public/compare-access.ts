import { splitArn } from '../arn';
import type { ConditionClause } from '../condition/clause';
import type { Policy } from '../policy';
import { accountOfPrincipal } from '../principal';
import type { Statement, StatementRef } from '../statement';
import { analyzePolicyPublic, publicReason, type PublicReason } from './analyze-policy';

/** A party outside the owner account that a policy grants access to, and the statements that do it. */
export interface ExternalGrant {
  /** An account id, or `aws:PrincipalOrgID=<org>` for a whole organisation. */
  readonly grantee: string;
  readonly statements: readonly StatementRef[];
}

/** The outcome of {@link compareAccess}. */
export interface AccessComparison {
  /** The new policy is public and the old one was not (or there was none). */
  readonly newlyPublic: boolean;
  /** The new policy grants some party outside the owner account that the old one did not. */
  readonly newlyCrossAccount: boolean;
  /** The statements that make the new policy public (when `newlyPublic`). */
  readonly publicStatements: readonly PublicReason[];
  /** The outside parties only the new policy grants (when `newlyCrossAccount`). */
  readonly newGrantees: readonly ExternalGrant[];
}

const ACCOUNT_KEYS = new Set(['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner']);
const ARN_KEYS = new Set(['aws:principalarn', 'aws:sourcearn']);

function accountOfArn(value: string): string | undefined {
  return accountOfPrincipal(value) ?? splitArn(value)?.[4];
}

function conditionGrantees(clause: ConditionClause): string[] {
  const { operator } = clause;
  if (operator.negated || operator.family === 'Null') return [];
  const lowerKey = clause.key.toLowerCase();
  if (lowerKey === 'aws:principalorgid') return clause.values.map((value) => `aws:PrincipalOrgID=${value}`);
  if (ACCOUNT_KEYS.has(lowerKey)) return [...clause.values];
  if (ARN_KEYS.has(lowerKey)) {
    return clause.values.flatMap((value) => {
      const account = accountOfArn(value);
      return account === undefined || account === '' ? [] : [account];
    });
  }
  return [];
}

/** The outside parties one Allow statement grants (principals, or for a wildcard principal the accounts its conditions name). */
function statementGrantees(statement: Statement, ownerAccountId: string): string[] {
  const principal = statement.principal;
  if (statement.effect !== 'Allow' || principal === undefined || principal.negated) return [];
  const named = [...principal.accounts, ...[...principal.arns].map(accountOfArn).filter((account) => account !== undefined)];
  const fromConditions = principal.wildcard ? (statement.condition?.clauses ?? []).flatMap(conditionGrantees) : [];
  return [...named, ...fromConditions].filter((grantee) => grantee !== ownerAccountId);
}

function grantees(policy: Policy | undefined, ownerAccountId: string): Map<string, StatementRef[]> {
  const out = new Map<string, StatementRef[]>();
  for (const statement of policy?.statements ?? []) {
    for (const grantee of statementGrantees(statement, ownerAccountId)) {
      const refs = out.get(grantee) ?? [];
      if (!refs.includes(statement.ref)) refs.push(statement.ref);
      out.set(grantee, refs);
    }
  }
  return out;
}

/**
 * Compares a replacement policy with the current one (or none): does it
 * newly make the bucket public, or newly grant parties outside the owner
 * account? Lists the statements responsible, for the "permission checks"
 * warning before a PutBucketPolicy is applied.
 */
export function compareAccess(oldPolicy: Policy | undefined, newPolicy: Policy, ownerAccountId: string): AccessComparison {
  const wasPublic = oldPolicy !== undefined && analyzePolicyPublic(oldPolicy).public;
  const publicStatements = newPolicy.statements.flatMap((statement) => {
    const why = publicReason(statement);
    return why === undefined ? [] : [{ ...statement.ref, why }];
  });
  const before = grantees(oldPolicy, ownerAccountId);
  const newGrantees = [...grantees(newPolicy, ownerAccountId)]
    .filter(([grantee]) => !before.has(grantee))
    .map(([grantee, statements]) => ({ grantee, statements }));
  const newlyPublic = !wasPublic && publicStatements.length > 0;
  return {
    newlyPublic,
    newlyCrossAccount: newGrantees.length > 0,
    publicStatements: newlyPublic ? publicStatements : [],
    newGrantees,
  };
}
