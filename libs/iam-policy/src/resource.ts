import { compileArnPattern, type ArnComponents, type ArnMatcher } from './arn';
import type { PreparedContext } from './context';
import { expectStringList } from './json';

/**
 * The `Resource` or `NotResource` element of a statement: `*` or ARN
 * patterns such as `arn:aws:s3:::bucket/home/${aws:username}/*`, matched
 * component by component, case-sensitively.
 */
export interface ResourceBlock {
  /** True for `NotResource`: the statement applies to every resource except these. */
  readonly negated: boolean;
  /** The patterns as written. */
  readonly patterns: readonly string[];
  /** Tests a request resource (split with `splitArn`; `undefined` if it is not an ARN). */
  readonly matches: (resource: ArnComponents | undefined, context: PreparedContext) => boolean;
}

/** Parses and compiles a `Resource`/`NotResource` value. */
export function parseResourceBlock(value: unknown, negated: boolean, path: string, variables: boolean): ResourceBlock {
  const items = expectStringList(value, path);
  const patterns = items.map((item) => item.value);
  if (patterns.includes('*')) return { negated, patterns, matches: () => true };
  const matchers: readonly ArnMatcher[] = items.map((item) => compileArnPattern(item.value, variables, item.path));
  return {
    negated,
    patterns,
    matches: (resource, context) => {
      if (resource === undefined) return false;
      for (const matcher of matchers) if (matcher(resource, context)) return true;
      return false;
    },
  };
}

/** True when the block applies to the request resource. */
export function resourceApplies(block: ResourceBlock, resource: ArnComponents | undefined, context: PreparedContext): boolean {
  return block.matches(resource, context) !== block.negated;
}
