import type { JsonObject } from '../json';
import { tryParsePolicy, type ParsePolicyOptions, type ParsePolicyResult, type Policy } from '../policy';
import { PolicyError } from '../policy-error';
import type { Statement } from '../statement';
import { statementPath } from '../statement-path';
import { isCalendarDate } from './calendar-date';

/** The message of a `NotPrincipal` in an Allow statement, which the IAM reference says is not supported. */
export const NOT_PRINCIPAL_WITH_ALLOW = 'NotPrincipal must be used with "Effect": "Deny"';
/** IAM's MalformedPolicyDocument message for two statements of one identity policy with the same Sid. */
export const DUPLICATE_SID = 'Statement IDs (SID) in a single policy must be unique.';
/** IAM's MalformedPolicyDocument message for a Sid with a character other than an ASCII letter or digit. */
export const NON_ALPHANUMERIC_SID = 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*';

const ALPHANUMERIC = /^[0-9A-Za-z]*$/;

function checkNotPrincipal(statement: Statement, path: string): void {
  if (statement.effect === 'Allow' && statement.principal?.negated === true) throw new PolicyError(`${path}.NotPrincipal`, NOT_PRINCIPAL_WITH_ALLOW);
}

function checkDates(statement: Statement, path: string): void {
  for (const clause of statement.condition?.clauses ?? []) {
    if (clause.operator.family !== 'Date') continue;
    const wrong = clause.values.find((value) => !isCalendarDate(value));
    if (wrong !== undefined) throw new PolicyError(`${path}.Condition.${clause.operator.name}.${clause.key}`, `"${wrong}" is not a day of the calendar`);
  }
}

function checkIdentitySids(policy: Policy): void {
  const seen = new Set<string>();
  for (const statement of policy.statements) {
    if (statement.sid === undefined) continue;
    if (!ALPHANUMERIC.test(statement.sid)) throw new PolicyError(`${statementPath(policy, statement)}.Sid`, NON_ALPHANUMERIC_SID);
    if (seen.has(statement.sid)) throw new PolicyError(`${statementPath(policy, statement)}.Sid`, DUPLICATE_SID);
    seen.add(statement.sid);
  }
}

/**
 * Checks a policy that is being put (PutBucketPolicy, PutUserPolicy) for
 * what AWS refuses beyond the grammar {@link parsePolicy} reads. Kept apart
 * from the parser on purpose: a policy stored before one of these checks
 * existed must keep loading and evaluating as it did, so they apply to new
 * policies only. Throws a {@link PolicyError}.
 * - `NotPrincipal` only in Deny statements (IAM reference, NotPrincipal);
 * - Date operator values are days of the calendar (`2026-02-30` is not;
 *   stored ones still roll over into March);
 * - in identity policies, Sids are unique ("In IAM, the Sid value must be
 *   unique within a JSON policy"; S3 takes repeated Sids in bucket policies)
 *   and of ASCII letters and digits only (IAM's Sid reference; S3's own
 *   examples give bucket policies Sids with spaces and dots).
 */
export function checkNewPolicy(policy: Policy): void {
  for (const statement of policy.statements) {
    const path = statementPath(policy, statement);
    checkNotPrincipal(statement, path);
    checkDates(statement, path);
  }
  if (policy.kind === 'identity') checkIdentitySids(policy);
}

/**
 * Like {@link tryParsePolicy}, for a policy being put: a policy that parses
 * must also pass {@link checkNewPolicy}. Loading a stored policy uses
 * {@link parsePolicy} alone.
 */
export function tryParseNewPolicy(input: string | JsonObject, options: ParsePolicyOptions = {}): ParsePolicyResult {
  const parsed = tryParsePolicy(input, options);
  if (!parsed.ok) return parsed;
  try {
    checkNewPolicy(parsed.policy);
  } catch (error) {
    if (error instanceof PolicyError) return { ok: false, error };
    throw error;
  }
  return parsed;
}
