import type { PreparedContext } from './context';
import { PolicyError } from './policy-error';
import { compilePattern, type PatternResolver } from './template';

/** The six colon-separated components of an ARN: `arn:partition:service:region:account:resource`. */
export type ArnComponents = readonly [string, string, string, string, string, string];

/**
 * Splits an ARN into its six components (the resource keeps any further
 * colons). Colons inside `${...}` policy variables do not split. Returns
 * `undefined` for anything that is not an ARN.
 */
export function splitArn(arn: string): ArnComponents | undefined {
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < arn.length && parts.length < 5; i++) {
    const char = arn[i];
    if (char === '$' && arn[i + 1] === '{') depth++;
    else if (char === '}' && depth > 0) depth--;
    else if (char === ':' && depth === 0) {
      parts.push(arn.slice(start, i));
      start = i + 1;
    }
  }
  if (parts.length < 5 || parts[0] !== 'arn') return undefined;
  const [arnLiteral, partition, service, region, account] = parts as [string, string, string, string, string];
  return [arnLiteral, partition, service, region, account, arn.slice(start)];
}

/** Tests the components of a request ARN; false when a policy variable in the pattern has no value. */
export type ArnMatcher = (arn: ArnComponents, context: PreparedContext) => boolean;

/**
 * Compiles an ARN pattern whose components are matched one by one, each with
 * `*`/`?` wildcards that cannot cross into the next component (the IAM rule
 * for Resource and for ArnLike/ArnEquals). Throws when `raw` is not ARN-shaped.
 */
export function compileArnPattern(raw: string, variables: boolean, path: string): ArnMatcher {
  const components = splitArn(raw);
  if (components === undefined) throw new PolicyError(path, `"${raw}" is not an ARN`);
  const resolvers: readonly PatternResolver[] = components.map((component) => compilePattern(component, variables, path));
  return (arn, context) => {
    for (let i = 0; i < 6; i++) {
      const matcher = resolvers[i]?.(context);
      if (matcher === undefined || !matcher(arn[i] ?? '')) return false;
    }
    return true;
  };
}
