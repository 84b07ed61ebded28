import type { ConditionClause } from '../condition/clause';
import { parseCidr, type CidrRange } from '../ip';

/**
 * Condition keys that, fixed to exact values, make an Allow to a wildcard
 * principal non-public (S3's definition of "public"; lower-cased).
 */
const FIXING_KEYS: ReadonlySet<string> = new Set([
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:userid',
  'aws:principalorgid',
  'aws:principalaccount',
  'aws:principalarn',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
]);

const SOURCE_IP = 'aws:sourceip';
const IPV4_LIMIT = 8;
const IPV6_LIMIT = 32;
const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((text) => parseCidr(text)).filter((range) => range !== undefined);
const ROLE_SESSION_PATTERN = /^AROA[A-Z0-9]+:\*$/;
const ACCESS_POINT_PATTERN = /^arn:[^:*?]+:s3:[^:*?]*:\d{12}:accesspoint\/[^:]*$/;

/** Whether a clause limits who can use a statement, and if not, why not. */
export type ClauseVerdict = { readonly limits: true } | { readonly limits: false; readonly why: string | undefined };

const NOT_RELEVANT: ClauseVerdict = { limits: false, why: undefined };

function isPrivateRange(range: CidrRange): boolean {
  return RFC1918.some((block) => block.version === 4 && range.version === 4 && range.first >= block.first && range.last <= block.last);
}

function sourceIpVerdict(clause: ConditionClause): ClauseVerdict {
  if (clause.operator.family !== 'IpAddress') return NOT_RELEVANT;
  for (const text of clause.values) {
    const range = parseCidr(text.trim());
    if (range === undefined || isPrivateRange(range)) continue;
    const limit = range.version === 4 ? IPV4_LIMIT : IPV6_LIMIT;
    if (range.prefix < limit) return { limits: false, why: `aws:SourceIp "${text}" is wider than /${limit}` };
  }
  return { limits: true };
}

function hasWildcardOrVariable(value: string): boolean {
  return value.includes('*') || value.includes('?') || value.includes('${');
}

function isAllowedWildcard(lowerKey: string, value: string): boolean {
  if (lowerKey === 'aws:userid') return ROLE_SESSION_PATTERN.test(value);
  if (lowerKey === 's3:dataaccesspointarn') return ACCESS_POINT_PATTERN.test(value);
  return false;
}

/** S3 gives every anonymous caller this aws:userid (IAM reference, "Principal key values"). */
const ANONYMOUS_USERID = 'anonymous';

function admitsAnonymous(value: string, ignoreCase: boolean): boolean {
  return (ignoreCase ? value.toLowerCase() : value) === ANONYMOUS_USERID;
}

/**
 * Decides whether one clause pins one of the keys AWS names to fixed
 * values. Only positive operators that fail on a missing key count (no
 * `IfExists`, no `ForAllValues:`, no negated forms), and every value must be
 * free of wildcards and policy variables, except `AROLEID:*` for
 * `aws:userid` and an access-point-name wildcard under a fixed account for
 * `s3:DataAccessPointArn`. An `aws:userid` of "anonymous" fixes nothing: it
 * is what every anonymous caller has.
 */
export function clauseVerdict(clause: ConditionClause): ClauseVerdict {
  const { operator } = clause;
  const lowerKey = clause.key.toLowerCase();
  if (lowerKey !== SOURCE_IP && !FIXING_KEYS.has(lowerKey)) return NOT_RELEVANT;
  if (operator.negated || operator.ifExists || operator.qualifier === 'ForAllValues') {
    return { limits: false, why: `${operator.name} on ${clause.key} does not fix the caller` };
  }
  if (lowerKey === SOURCE_IP) return sourceIpVerdict(clause);
  if (!['String', 'StringIgnoreCase', 'StringLike', 'Arn'].includes(operator.family)) return NOT_RELEVANT;
  const loose = clause.values.find((value) => hasWildcardOrVariable(value) && !isAllowedWildcard(lowerKey, value));
  if (loose !== undefined) return { limits: false, why: `${clause.key} value "${loose}" is not a fixed value` };
  const everyone = lowerKey === 'aws:userid' ? clause.values.find((value) => admitsAnonymous(value, operator.family === 'StringIgnoreCase')) : undefined;
  if (everyone !== undefined) return { limits: false, why: `aws:userid "${everyone}" is every anonymous caller's` };
  return { limits: true };
}
