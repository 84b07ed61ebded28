import { contextValues, type PreparedContext } from './context';
import { PolicyError } from './policy-error';
import { compileWildcard, matchTokens, tokenizeWildcard, type GlobToken, type StringMatcher } from './wildcard';

/** One piece of a policy string after `${...}` variables have been found. */
export type TemplatePart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'literal'; readonly text: string }
  | { readonly type: 'variable'; readonly key: string; readonly fallback: string | undefined };

/** Resolves a policy string against a request; `undefined` when a variable has no value. */
export type TemplateResolver = (context: PreparedContext) => string | undefined;

/** Resolves a policy pattern against a request into a matcher; `undefined` when a variable has no value. */
export type PatternResolver = (context: PreparedContext) => StringMatcher | undefined;

const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };
const VARIABLE = /^([A-Za-z0-9_.:/-]+)(?:\s*,\s*'([^']*)')?$/;

/**
 * Splits a string into text, escaped characters (`${*}`, `${?}`, `${$}`) and
 * policy variables (`${aws:username}`, `${aws:username, 'default'}`).
 * Variables only exist in policies of version 2012-10-17; for older versions
 * the whole string is text.
 */
export function parseTemplate(raw: string, variables: boolean, path: string): readonly TemplatePart[] {
  if (!variables || !raw.includes('${')) return [{ type: 'text', text: raw }];
  const parts: TemplatePart[] = [];
  let rest = raw;
  for (let start = rest.indexOf('${'); start >= 0; start = rest.indexOf('${')) {
    if (start > 0) parts.push({ type: 'text', text: rest.slice(0, start) });
    const end = rest.indexOf('}', start);
    if (end < 0) throw new PolicyError(path, `"${raw}" has an unterminated policy variable`);
    const body = rest.slice(start + 2, end).trim();
    const escaped = ESCAPES[body];
    if (escaped !== undefined) {
      parts.push({ type: 'literal', text: escaped });
    } else {
      const match = VARIABLE.exec(body);
      if (match?.[1] === undefined) throw new PolicyError(path, `"${raw}" has an invalid policy variable "\${${body}}"`);
      parts.push({ type: 'variable', key: match[1].toLowerCase(), fallback: match[2] });
    }
    rest = rest.slice(end + 1);
  }
  if (rest !== '') parts.push({ type: 'text', text: rest });
  return parts;
}

/** The text of a string without policy variables (escapes resolved), or `undefined` if it has variables. */
export function constantOf(parts: readonly TemplatePart[]): string | undefined {
  let out = '';
  for (const part of parts) {
    if (part.type === 'variable') return undefined;
    out += part.text;
  }
  return out;
}

function resolveVariable(part: Extract<TemplatePart, { type: 'variable' }>, context: PreparedContext): string | undefined {
  const values = contextValues(context, part.key);
  if (values === undefined) return part.fallback;
  return values.length === 1 ? values[0] : undefined;
}

function join(parts: readonly TemplatePart[], context: PreparedContext): string | undefined {
  let out = '';
  for (const part of parts) {
    const value = part.type === 'variable' ? resolveVariable(part, context) : part.text;
    if (value === undefined) return undefined;
    out += value;
  }
  return out;
}

/**
 * Compiles a string used for exact comparison (StringEquals, ArnEquals
 * components, ...). Wildcard characters stay literal. Constant strings are
 * resolved once, here.
 */
export function compileTemplate(raw: string, variables: boolean, path: string): TemplateResolver {
  const parts = parseTemplate(raw, variables, path);
  const constant = constantOf(parts);
  if (constant !== undefined) return () => constant;
  return (context) => join(parts, context);
}

/**
 * Compiles a wildcard pattern (Resource, StringLike, ArnLike). `*` and `?` in
 * the text are wildcards; escaped characters and variable values are
 * literal, so a user named `*` cannot widen a pattern. Constant patterns are
 * compiled to a matcher once, here; patterns with variables are tokenised
 * once and matched without building a RegExp per request.
 */
export function compilePattern(raw: string, variables: boolean, path: string): PatternResolver {
  const parts = parseTemplate(raw, variables, path);
  const first = parts[0];
  if (parts.length === 1 && first?.type === 'text') {
    const matcher = compileWildcard(first.text);
    return () => matcher;
  }
  const pieces = parts.map((part) => (part.type === 'text' ? tokenizeWildcard(part.text) : part));
  if (constantOf(parts) !== undefined) {
    const tokens = pieces.flatMap((piece) => (Array.isArray(piece) ? piece : piece.type === 'literal' ? [piece.text] : []));
    const matcher: StringMatcher = (value) => matchTokens(tokens, value);
    return () => matcher;
  }
  return (context) => {
    const tokens: GlobToken[] = [];
    for (const piece of pieces) {
      if (Array.isArray(piece)) tokens.push(...piece);
      else if (piece.type === 'literal') tokens.push(piece.text);
      else {
        const value = resolveVariable(piece, context);
        if (value === undefined) return undefined;
        tokens.push(value);
      }
    }
    return (value) => matchTokens(tokens, value);
  };
}
