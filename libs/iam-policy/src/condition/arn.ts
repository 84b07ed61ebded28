import { compileArnPattern, splitArn } from '../arn';
import { compileTemplate, constantOf, parseTemplate } from '../template';
import { PolicyError } from '../policy-error';
import type { PolicyValue, ValueTest } from './value-test';

/**
 * Compiles the Arn operators. ArnEquals and ArnLike behave alike in IAM: each
 * of the six components is matched separately, case-sensitively, with `*`
 * and `?`. A value that is a single policy variable (`${aws:PrincipalArn}`)
 * is resolved first and then compared exactly.
 */
export function compileArnTest(values: readonly PolicyValue[], variables: boolean): ValueTest {
  const tests: ValueTest[] = values.map(({ value, path }) => {
    if (splitArn(value) !== undefined) {
      const matcher = compileArnPattern(value, variables, path);
      return (actual, context) => {
        const components = splitArn(actual);
        return components !== undefined && matcher(components, context);
      };
    }
    if (constantOf(parseTemplate(value, variables, path)) !== undefined) throw new PolicyError(path, `"${value}" is not an ARN`);
    const resolve = compileTemplate(value, variables, path);
    return (actual, context) => resolve(context) === actual;
  });
  return (actual, context) => {
    for (const test of tests) if (test(actual, context)) return true;
    return false;
  };
}
