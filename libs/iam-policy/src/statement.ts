import { parseActionBlock, type ActionBlock } from './action';
import { parseConditionBlock, type ConditionBlock } from './condition/condition';
import { parseEffect, type Effect } from './effect';
import { expectKnownKeys, expectObject } from './json';
import { PolicyError } from './policy-error';
import { MISSING_PRINCIPAL, STATEMENT_MISSING_ELEMENT } from './s3-grammar-messages';
import { parsePrincipalBlock, type PrincipalBlock } from './principal';
import { parseResourceBlock, type ResourceBlock } from './resource';

/** A statement's place in its policy, used to explain decisions. */
export interface StatementRef {
  /** Position in the policy's `Statement` list (0 when `Statement` is a single object). */
  readonly index: number;
  readonly sid?: string;
}

/** One parsed and compiled statement. */
export interface Statement extends StatementRef {
  /** `{ index, sid }` alone, shared by every decision that names this statement. */
  readonly ref: StatementRef;
  readonly effect: Effect;
  /** `Principal`/`NotPrincipal`; absent in identity policies. */
  readonly principal: PrincipalBlock | undefined;
  readonly action: ActionBlock;
  readonly resource: ResourceBlock;
  readonly condition: ConditionBlock | undefined;
}

/** What the policy is attached to, which decides the grammar rules that apply. */
export type PolicyKind = 'bucket' | 'identity' | 'key';

/** Settings that {@link parseStatement} needs from the policy. */
export interface StatementRules {
  readonly kind: PolicyKind;
  /** Whether `${...}` policy variables are recognised (version 2012-10-17 only). */
  readonly variables: boolean;
  /** Service prefixes allowed in actions; any when undefined. */
  readonly services: readonly string[] | undefined;
}

const STATEMENT_KEYS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

/** The one of `a` and `b` a statement has; `s3Message` is S3's message for a statement with neither, where known. */
function exactlyOne(statement: Readonly<Record<string, unknown>>, a: string, b: string, path: string, s3Message?: string): { key: string; negated: boolean } {
  const hasA = statement[a] !== undefined;
  const hasB = statement[b] !== undefined;
  if (hasA && hasB) throw new PolicyError(path, `has both ${a} and ${b}`);
  if (!hasA && !hasB) throw new PolicyError(path, `needs ${a} or ${b}`, s3Message);
  return hasA ? { key: a, negated: false } : { key: b, negated: true };
}

function parsePrincipal(statement: Readonly<Record<string, unknown>>, rules: StatementRules, path: string): PrincipalBlock | undefined {
  if (rules.kind === 'identity') {
    if (statement.Principal !== undefined || statement.NotPrincipal !== undefined) {
      throw new PolicyError(path, 'an identity policy must not name a Principal');
    }
    return undefined;
  }
  const { key, negated } = exactlyOne(statement, 'Principal', 'NotPrincipal', path, MISSING_PRINCIPAL);
  return parsePrincipalBlock(statement[key], negated, `${path}.${key}`);
}

/** Parses and compiles one statement. */
export function parseStatement(value: unknown, index: number, path: string, rules: StatementRules): Statement {
  const statement = expectObject(value, path);
  expectKnownKeys(statement, STATEMENT_KEYS, path);
  const sid = statement.Sid;
  if (sid !== undefined && typeof sid !== 'string') throw new PolicyError(`${path}.Sid`, 'must be a string');
  const effect = parseEffect(statement.Effect, `${path}.Effect`);
  const principal = parsePrincipal(statement, rules, path);
  const action = exactlyOne(statement, 'Action', 'NotAction', path);
  const resource = exactlyOne(statement, 'Resource', 'NotResource', path, STATEMENT_MISSING_ELEMENT);
  const ref: StatementRef = Object.freeze(sid === undefined ? { index } : { index, sid });
  return {
    ...ref,
    ref,
    effect,
    principal,
    action: parseActionBlock(statement[action.key], action.negated, `${path}.${action.key}`, { services: rules.services }),
    resource: parseResourceBlock(statement[resource.key], resource.negated, `${path}.${resource.key}`, rules.variables),
    condition: statement.Condition === undefined ? undefined : parseConditionBlock(statement.Condition, `${path}.Condition`, rules.variables),
  };
}
