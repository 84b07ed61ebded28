import { PolicyError } from '../policy-error';
import { compileTemplate, constantOf, parseTemplate, type TemplatePart, type TemplateResolver } from '../template';
import type { PolicyValue, ValueTest } from './value-test';

function readBoolean(text: string, path: string): boolean {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new PolicyError(path, `"${text}" is not true or false`);
}

/** Reads `true`/`false` (any case, or a JSON boolean in its text form). */
export function parseBoolean(value: PolicyValue): boolean {
  return readBoolean(value.value, value.path);
}

/**
 * A Bool value that holds a variable must be that variable alone, with a
 * boolean fallback if any: `fa${aws:Nothing}lse` or a misspelt fallback
 * would be taken, then match nothing, and quietly turn a Deny off (no policy
 * stored before variables were allowed here can hold one, so refusing them
 * at load changes no stored policy).
 */
function checkBoolVariable(parts: readonly TemplatePart[], value: string, path: string): void {
  const [only] = parts;
  if (parts.length !== 1 || only?.type !== 'variable') throw new PolicyError(path, `"${value}" must be true, false or one policy variable`);
  if (only.fallback !== undefined) readBoolean(only.fallback, path);
}

/**
 * Compiles `Bool`: the context value must spell the same boolean. A value
 * may be one policy variable (the IAM reference: "You can use a policy
 * variable with the Boolean condition operator"), resolved per request; it
 * matches when it resolves to the same boolean, and nothing when it has no
 * value or is neither true nor false.
 */
export function compileBoolTest(values: readonly PolicyValue[], variables: boolean): ValueTest {
  const expected = new Set<string>();
  const resolvers: TemplateResolver[] = [];
  for (const { value, path } of values) {
    const parts = parseTemplate(value, variables, path);
    const constant = constantOf(parts);
    if (constant === undefined) {
      checkBoolVariable(parts, value, path);
      resolvers.push(compileTemplate(value, variables, path));
    } else expected.add(String(readBoolean(constant, path)));
  }
  if (resolvers.length === 0) return (actual) => expected.has(actual.toLowerCase());
  return (actual, context) => {
    const lower = actual.toLowerCase();
    if (expected.has(lower)) return true;
    return (lower === 'true' || lower === 'false') && resolvers.some((resolve) => resolve(context)?.toLowerCase() === lower);
  };
}
