import { expectKnownKeys, isJsonObject, type JsonObject } from './json';
import { PolicyError } from './policy-error';
import { INVALID_VERSION, MISSING_STATEMENT, NOT_JSON_OBJECT } from './s3-grammar-messages';
import { parseStatement, type PolicyKind, type Statement } from './statement';
import { statementPathAt } from './statement-path';

/** The policy language versions AWS accepts. Policy variables exist only in 2012-10-17. */
export type PolicyVersion = '2012-10-17' | '2008-10-17';

/** A parsed, validated and compiled policy, ready for repeated evaluation. */
export interface Policy {
  readonly kind: PolicyKind;
  /** The `Version`; a policy without one is read as 2008-10-17, as AWS does. */
  readonly version: PolicyVersion;
  readonly id?: string;
  readonly statements: readonly Statement[];
  /** The JSON document as given, for storage and for returning it unchanged (GetBucketPolicy). */
  readonly document: JsonObject;
}

/** Options of {@link parsePolicy}. */
export interface ParsePolicyOptions {
  /**
   * What the policy is attached to: `bucket` and `key` policies must name a
   * Principal, `identity` policies must not.
   * @default 'bucket'
   */
  readonly kind?: PolicyKind;
  /**
   * The largest document accepted, in bytes of its JSON text without the white space between tokens.
   * @default 20480 for bucket policies (S3's 20 KB), 32768 for key policies, 6144 for identity policies
   */
  readonly maxBytes?: number;
  /**
   * Service prefixes the actions may use.
   * @default ['s3'] for bucket policies, ['kms'] for key policies, any for identity policies
   */
  readonly services?: readonly string[];
}

const DEFAULT_MAX_BYTES: Readonly<Record<PolicyKind, number>> = { bucket: 20 * 1024, key: 32 * 1024, identity: 6144 };
const DEFAULT_SERVICES: Readonly<Record<PolicyKind, readonly string[] | undefined>> = { bucket: ['s3'], key: ['kms'], identity: undefined };
const VERSIONS: readonly PolicyVersion[] = ['2012-10-17', '2008-10-17'];

/** How much larger than its limit a policy's text may be for its white space, before it is read at all. */
const WHITE_SPACE_ALLOWANCE = 4;

function tooLarge(size: number, maxBytes: number): PolicyError {
  return new PolicyError('', `policy is ${size} bytes; the limit is ${maxBytes}, white space not counted`);
}

/**
 * Reads a policy's JSON, whose size is counted without the white space
 * between its tokens, as AWS counts it: an indented policy is no larger
 * than the same policy on one line.
 */
function readDocument(input: string | JsonObject, maxBytes: number): JsonObject {
  if (typeof input !== 'string') {
    const size = Buffer.byteLength(JSON.stringify(input), 'utf8');
    if (size > maxBytes) throw tooLarge(size, maxBytes);
    return input;
  }
  const rawSize = Buffer.byteLength(input, 'utf8');
  if (rawSize > maxBytes * WHITE_SPACE_ALLOWANCE) throw tooLarge(rawSize, maxBytes);
  if (!input.trimStart().startsWith('{')) throw new PolicyError('', NOT_JSON_OBJECT, NOT_JSON_OBJECT);
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch (error) {
    throw new PolicyError('', `policy is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isJsonObject(parsed)) throw new PolicyError('', 'policy must be a JSON object');
  const size = Buffer.byteLength(JSON.stringify(parsed), 'utf8');
  if (size > maxBytes) throw tooLarge(size, maxBytes);
  return parsed;
}

function readVersion(value: unknown): PolicyVersion {
  if (value === undefined) return '2008-10-17';
  const version = VERSIONS.find((candidate) => candidate === value);
  if (version === undefined) throw new PolicyError('Version', `${JSON.stringify(value)} is not "2012-10-17" or "2008-10-17"`, INVALID_VERSION);
  return version;
}

/**
 * Parses, validates and compiles a policy (JSON text or an already parsed
 * object). Throws a {@link PolicyError} naming the first problem and where
 * it is; the service answers it with S3's `MalformedPolicy`.
 */
export function parsePolicy(input: string | JsonObject, options: ParsePolicyOptions = {}): Policy {
  const kind = options.kind ?? 'bucket';
  const document = readDocument(input, options.maxBytes ?? DEFAULT_MAX_BYTES[kind]);
  expectKnownKeys(document, ['Version', 'Id', 'Statement'], '');
  const version = readVersion(document.Version);
  const id = document.Id;
  if (id !== undefined && typeof id !== 'string') throw new PolicyError('Id', 'must be a string');
  const raw = document.Statement;
  if (raw === undefined) throw new PolicyError('Statement', 'is required', MISSING_STATEMENT);
  const inArray = Array.isArray(raw);
  const items: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
  if (items.length === 0) throw new PolicyError('Statement', 'must not be empty');
  const rules = { kind, variables: version === '2012-10-17', services: options.services ?? DEFAULT_SERVICES[kind] };
  const statements = items.map((item, index) => parseStatement(item, index, statementPathAt(inArray, index), rules));
  return { kind, version, ...(id === undefined ? {} : { id }), statements, document };
}

/** The outcome of {@link tryParsePolicy}. */
export type ParsePolicyResult = { readonly ok: true; readonly policy: Policy } | { readonly ok: false; readonly error: PolicyError };

/** Like {@link parsePolicy}, but returns the error instead of throwing it. */
export function tryParsePolicy(input: string | JsonObject, options: ParsePolicyOptions = {}): ParsePolicyResult {
  try {
    return { ok: true, policy: parsePolicy(input, options) };
  } catch (error) {
    if (error instanceof PolicyError) return { ok: false, error };
    throw error;
  }
}
