import { S3Error } from './errors';

/** A condition on one form field: exact match, or a prefix (an empty prefix allows any value). */
export interface FieldCondition {
  readonly operator: 'eq' | 'starts-with';
  /** The field's name, lower case, without the `$`. */
  readonly field: string;
  readonly value: string;
  /** The condition as S3 quotes it when it fails: `["eq", "$acl", "public-read"]` (an SSE-C key's value redacted). */
  readonly text: string;
}

/** The bounds of `content-length-range`, inclusive. */
export interface LengthRange {
  readonly min: number;
  readonly max: number;
}

/** A POST policy, parsed and checked for form. */
export interface PostPolicy {
  /** When the policy stops being valid, epoch milliseconds. */
  readonly expiration: number;
  readonly conditions: readonly FieldCondition[];
  /** Every `content-length-range` intersected, or undefined when there is none. */
  readonly contentLength: LengthRange | undefined;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** The field whose value is the SSE-C key itself (boto3 puts a condition on it when the key is among its fields). */
const SECRET_FIELD = 'x-amz-server-side-encryption-customer-key';
const OPERATORS = new Set(['eq', 'starts-with', 'content-length-range']);
/**
 * The fields S3's POST policy table ("Creating a POST policy",
 * sigv4-HTTPPOSTConstructPolicy) allows exact matching only on, each by
 * its own row. Its catch-all `x-amz-*` row says the same of every other
 * `x-amz-*` field, but `starts-with` on those (`["starts-with",
 * "$x-amz-server-side-encryption", ""]`) is common in clients and test
 * suites and S3's answer to it is unrecorded, so only the named rows are
 * enforced.
 */
const EXACT_ONLY = new Set(['bucket', 'success_action_status', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date']);
const REDACTED = '[redacted]';

function invalid(message: string): S3Error {
  return new S3Error('InvalidPolicyDocument', `Invalid Policy: ${message}`);
}

function namesSecretField(part: unknown): boolean {
  return typeof part === 'string' && part.replace(/^\$/, '').toLowerCase() === SECRET_FIELD;
}

/**
 * A condition as S3 quotes it in an error, `["eq", "$acl", "public-read"]`;
 * in one on the SSE-C key, everything but the operator and the field name
 * is `[redacted]`, so that no error carries the key.
 */
function quote(entry: readonly unknown[]): string {
  const secret = entry.some(namesSecretField);
  const shown = (part: unknown): unknown =>
    !secret || namesSecretField(part) || (typeof part === 'string' && OPERATORS.has(part.toLowerCase())) ? part : REDACTED;
  return `[${entry.map((part) => JSON.stringify(shown(part))).join(', ')}]`;
}

function fieldCondition(operator: string, name: unknown, value: unknown): FieldCondition {
  const op = operator.toLowerCase();
  if (op !== 'eq' && op !== 'starts-with') throw invalid(`Invalid Condition: unknown operator ${JSON.stringify(operator)}.`);
  if (typeof name !== 'string' || !name.startsWith('$') || name.length < 2) throw invalid('Invalid Condition: a field name must start with "$".');
  if (typeof value !== 'string') throw invalid('Invalid Condition: value must be a string.');
  const field = name.slice(1).toLowerCase();
  if (op === 'starts-with' && EXACT_ONLY.has(field)) throw invalid(`Invalid Condition: ${JSON.stringify(name)} supports exact matching only.`);
  return { operator: op, field, value, text: quote([op, name, value]) };
}

function bound(value: unknown): number {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
    throw invalid('Invalid content-length-range: the bounds must be non-negative integers.');
  }
  return number;
}

function lengthRange(entry: readonly unknown[]): LengthRange {
  if (entry.length !== 3) throw invalid('Invalid content-length-range: it takes a minimum and a maximum.');
  const min = bound(entry[1]);
  const max = bound(entry[2]);
  if (min > max) throw invalid('Invalid content-length-range: the minimum exceeds the maximum.');
  return { min, max };
}

function intersect(a: LengthRange | undefined, b: LengthRange): LengthRange {
  return a === undefined ? b : { min: Math.max(a.min, b.min), max: Math.min(a.max, b.max) };
}

function readExpiration(value: unknown): number {
  if (value === undefined) throw invalid('Policy missing expiration.');
  const time = typeof value === 'string' && ISO_8601.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw invalid(`Invalid 'expiration' value: ${JSON.stringify(value)}.`);
  return time;
}

function decode(encoded: string): Record<string, unknown> {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    throw invalid('Invalid JSON.');
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) throw invalid('Invalid JSON.');
  return document as Record<string, unknown>;
}

/**
 * Parses the `policy` field of a POST form: base64 of a JSON object with an
 * ISO 8601 `expiration` and a `conditions` array whose entries are exact
 * matches (`{"acl": "public-read"}`, one field an object as S3 requires,
 * or `["eq", "$acl", "public-read"]`),
 * prefixes (`["starts-with", "$key", "user/"]`) or a size range
 * (`["content-length-range", 1, 1048576]`). Anything else is
 * InvalidPolicyDocument, and so is a prefix on a field S3 matches exactly
 * only (`$bucket`, the SigV4 fields, `$success_action_status`). Field
 * names are matched case-insensitively.
 */
export function parsePostPolicy(encoded: string): PostPolicy {
  const document = decode(encoded);
  const expiration = readExpiration(document.expiration);
  if (!Array.isArray(document.conditions)) throw invalid('Policy missing conditions.');
  const conditions: FieldCondition[] = [];
  let contentLength: LengthRange | undefined;
  for (const entry of document.conditions as unknown[]) {
    if (Array.isArray(entry)) {
      const [operator] = entry as unknown[];
      if (typeof operator !== 'string') throw invalid('Invalid Condition: the first element must be an operator.');
      if (operator.toLowerCase() === 'content-length-range') contentLength = intersect(contentLength, lengthRange(entry));
      else if (entry.length === 3) conditions.push(fieldCondition(operator, entry[1], entry[2]));
      else throw invalid(`Invalid Condition: ${quote(entry)} takes an operator, a field and a value.`);
    } else if (entry !== null && typeof entry === 'object') {
      const properties = Object.entries(entry);
      if (properties.length !== 1) throw invalid('Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.');
      for (const [name, value] of properties) conditions.push(fieldCondition('eq', `$${name}`, value));
    } else {
      throw invalid(`Invalid Condition: ${JSON.stringify(entry)}.`);
    }
  }
  return { expiration, conditions, contentLength };
}
