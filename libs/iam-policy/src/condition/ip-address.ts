import { cidrContains, parseCidr, parseIp, type CidrRange } from '../ip';
import { PolicyError } from '../policy-error';
import type { PolicyValue, ValueTest } from './value-test';

/** Parses the CIDR policy values of an IpAddress/NotIpAddress condition. */
export function parseCidrValues(values: readonly PolicyValue[]): readonly CidrRange[] {
  return values.map(({ value, path }) => {
    const range = parseCidr(value.trim());
    if (range === undefined) throw new PolicyError(path, `"${value}" is not an IP address or CIDR`);
    return range;
  });
}

/** Compiles `IpAddress`: CIDRs become numeric ranges once, here. */
export function compileIpTest(values: readonly PolicyValue[]): ValueTest {
  const ranges = parseCidrValues(values);
  return (actual) => {
    const address = parseIp(actual);
    if (address === undefined) return false;
    for (const range of ranges) if (cidrContains(range, address)) return true;
    return false;
  };
}
