import { compilePattern, compileTemplate, constantOf, parseTemplate } from '../template';
import type { ConditionFamily } from './operator';
import { anyValue, type PolicyValue, type ValueTest } from './value-test';

/**
 * Compiles the String operators. StringEquals is case-sensitive and exact,
 * the IgnoreCase forms fold case, StringLike uses `*` and `?`. Policy
 * variables are resolved per request; a value whose variable has no value
 * matches nothing. Constant values are gathered into a Set once.
 */
export function compileStringTest(
  family: Extract<ConditionFamily, 'String' | 'StringIgnoreCase' | 'StringLike'>,
  values: readonly PolicyValue[],
  variables: boolean,
): ValueTest {
  const ignoreCase = family === 'StringIgnoreCase';
  if (family === 'StringLike') {
    return anyValue(
      values.map(({ value, path }) => {
        const resolve = compilePattern(value, variables, path);
        return (actual, context) => resolve(context)?.(actual) ?? false;
      }),
    );
  }
  const fold = (text: string): string => (ignoreCase ? text.toLowerCase() : text);
  const constants = new Set<string>();
  const dynamic: ValueTest[] = [];
  for (const { value, path } of values) {
    const constant = constantOf(parseTemplate(value, variables, path));
    if (constant !== undefined) {
      constants.add(fold(constant));
      continue;
    }
    const resolve = compileTemplate(value, variables, path);
    dynamic.push((actual, context) => {
      const expected = resolve(context);
      return expected !== undefined && fold(expected) === fold(actual);
    });
  }
  const inSet: ValueTest = (actual) => constants.has(fold(actual));
  return dynamic.length === 0 ? inSet : anyValue([inSet, ...dynamic]);
}
