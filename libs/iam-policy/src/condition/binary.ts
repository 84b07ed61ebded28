import { PolicyError } from '../policy-error';
import type { PolicyValue, ValueTest } from './value-test';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Compiles `BinaryEquals`: base64 policy values compared byte for byte with a base64 context value. */
export function compileBinaryTest(values: readonly PolicyValue[]): ValueTest {
  const expected = values.map(({ value, path }) => {
    if (!BASE64.test(value)) throw new PolicyError(path, `"${value}" is not base64`);
    return Buffer.from(value, 'base64');
  });
  return (actual) => {
    if (!BASE64.test(actual)) return false;
    const bytes = Buffer.from(actual, 'base64');
    return expected.some((value) => value.equals(bytes));
  };
}
