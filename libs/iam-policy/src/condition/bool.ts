import { PolicyError } from '../policy-error';
import type { PolicyValue, ValueTest } from './value-test';

/** Reads `true`/`false` (any case, or a JSON boolean in its text form). */
export function parseBoolean(value: PolicyValue): boolean {
  const lower = value.value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new PolicyError(value.path, `"${value.value}" is not true or false`);
}

/** Compiles `Bool`: the context value must spell the same boolean. */
export function compileBoolTest(values: readonly PolicyValue[]): ValueTest {
  const expected = new Set(values.map((value) => String(parseBoolean(value))));
  return (actual) => expected.has(actual.toLowerCase());
}
