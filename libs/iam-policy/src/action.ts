import { expectStringList } from './json';
import { PolicyError } from './policy-error';
import { anyOf, compileWildcard, type StringMatcher } from './wildcard';

/**
 * The `Action` or `NotAction` element of a statement. Action names are
 * case-insensitive (`s3:getobject` is `s3:GetObject`) and may use `*` and `?`.
 */
export interface ActionBlock {
  /** True for `NotAction`: the statement applies to every action except these. */
  readonly negated: boolean;
  /** The patterns as written. */
  readonly patterns: readonly string[];
  /** Tests a lower-cased action name such as `s3:getobject`. */
  readonly matches: StringMatcher;
}

const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;

/** Options of {@link parseActionBlock}. */
export interface ActionOptions {
  /** Service prefixes the policy may name (`['s3']` for bucket policies); any when undefined. */
  readonly services?: readonly string[];
}

/** Parses and compiles an `Action`/`NotAction` value. */
export function parseActionBlock(value: unknown, negated: boolean, path: string, options: ActionOptions = {}): ActionBlock {
  const items = expectStringList(value, path);
  const patterns = items.map((item) => {
    if (item.value === '*') return item.value;
    if (!ACTION.test(item.value)) throw new PolicyError(item.path, `"${item.value}" is not an action ("service:Action", wildcards * and ? allowed)`);
    const service = item.value.slice(0, item.value.indexOf(':')).toLowerCase();
    if (options.services !== undefined && !options.services.includes(service)) {
      throw new PolicyError(item.path, `"${item.value}" is not an action of ${options.services.join(', ')}`);
    }
    return item.value;
  });
  return { negated, patterns, matches: anyOf(patterns.map((pattern) => compileWildcard(pattern, true))) };
}

/** True when the block applies to the lower-cased action. */
export function actionApplies(block: ActionBlock, lowerAction: string): boolean {
  return block.matches(lowerAction) !== block.negated;
}
