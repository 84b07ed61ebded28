/** A compiled test of one string. */
export type StringMatcher = (value: string) => boolean;

const REGEXP_SPECIAL = /[\\^$.|+()[\]{}*?]/g;

/** Escapes every character that has a meaning in a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(REGEXP_SPECIAL, '\\$&');
}

/** True when `pattern` contains an IAM wildcard (`*` or `?`). */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/**
 * The regular-expression source (without anchors) for an IAM wildcard
 * pattern: `*` matches any run of characters (including none, and including
 * `/` and `:`), `?` matches exactly one character, everything else is literal.
 */
function wildcardSource(pattern: string): string {
  let source = '';
  for (const char of pattern) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += escapeRegExp(char);
  }
  return source;
}

/**
 * Compiles an IAM wildcard pattern into a matcher, once. Patterns without
 * wildcards become a plain comparison, `*` becomes a constant, `prefix*`
 * becomes `startsWith`, anything else an anchored RegExp.
 *
 * With `ignoreCase` the caller must pass values already lower-cased: the
 * pattern is lower-cased here so the hot path does no case folding.
 */
export function compileWildcard(pattern: string, ignoreCase = false): StringMatcher {
  const text = ignoreCase ? pattern.toLowerCase() : pattern;
  if (text === '*') return () => true;
  if (!hasWildcard(text)) return (value) => value === text;
  const star = text.indexOf('*');
  if (star === text.length - 1 && !text.includes('?')) {
    const prefix = text.slice(0, -1);
    return (value) => value.startsWith(prefix);
  }
  const regexp = new RegExp(`^${wildcardSource(text)}$`, 's');
  return (value) => regexp.test(value);
}

/** One piece of a tokenised wildcard pattern: a literal run, `*` or `?`. */
export type GlobToken = string | typeof STAR | typeof ANY_CHAR;

/** The `*` token: any run of characters. */
export const STAR: unique symbol = Symbol('*');
/** The `?` token: exactly one character. */
export const ANY_CHAR: unique symbol = Symbol('?');

/** Splits a wildcard pattern into literal runs and wildcard tokens. */
export function tokenizeWildcard(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  let literal = '';
  for (const char of pattern) {
    if (char !== '*' && char !== '?') {
      literal += char;
      continue;
    }
    if (literal !== '') tokens.push(literal);
    literal = '';
    tokens.push(char === '*' ? STAR : ANY_CHAR);
  }
  if (literal !== '') tokens.push(literal);
  return tokens;
}

/**
 * Matches a value against tokens without building a RegExp (used for
 * patterns whose policy variables change per request): greedy, backtracking
 * to the last `*` on a mismatch, so linear in practice.
 */
export function matchTokens(tokens: readonly GlobToken[], value: string): boolean {
  let token = 0;
  let position = 0;
  let starToken = -1;
  let starPosition = 0;
  for (;;) {
    const current = tokens[token];
    if (current === STAR) {
      starToken = token++;
      starPosition = position;
      continue;
    }
    if (current === ANY_CHAR && position < value.length) {
      token++;
      position++;
      continue;
    }
    if (typeof current === 'string' && value.startsWith(current, position)) {
      token++;
      position += current.length;
      continue;
    }
    if (current === undefined && position === value.length) return true;
    if (starToken < 0 || starPosition >= value.length) return false;
    position = ++starPosition;
    token = starToken + 1;
  }
}

/** Combines matchers into one that accepts a value when any of them does. */
export function anyOf(matchers: readonly StringMatcher[]): StringMatcher {
  if (matchers.length === 1 && matchers[0] !== undefined) return matchers[0];
  return (value) => {
    for (const matcher of matchers) if (matcher(value)) return true;
    return false;
  };
}
