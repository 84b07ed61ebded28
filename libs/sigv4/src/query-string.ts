import { percentDecode, uriEncode } from './uri-encoding';

/** One `name=value` pair of a raw query string, decoded and re-encoded. */
export interface QueryParameter {
  /** The decoded name (UTF-8). */
  readonly name: string;
  /** The decoded value (UTF-8); empty for `?acl` as for `?acl=`. */
  readonly value: string;
  /** The name as it appears in the canonical query string. */
  readonly encodedName: string;
  /** The value as it appears in the canonical query string. */
  readonly encodedValue: string;
}

/**
 * Splits a raw query string (without the `?`) into its parameters, in order,
 * repeats included. Each name and value is percent-decoded, with `+` read as a
 * space as HTML forms write it (what S3 does; SDKs always send `%2B` for a
 * plus), then re-encoded per RFC 3986 for the canonical query.
 */
export function parseQuery(rawQuery: string): QueryParameter[] {
  const parameters: QueryParameter[] = [];
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const rawName = equals < 0 ? pair : pair.slice(0, equals);
    const rawValue = equals < 0 ? '' : pair.slice(equals + 1);
    const name = percentDecode(rawName);
    const value = percentDecode(rawValue);
    parameters.push({
      name: name.toString('utf8'),
      value: value.toString('utf8'),
      encodedName: uriEncode(name),
      encodedValue: uriEncode(value),
    });
  }
  return parameters;
}

/**
 * The canonical query string: every parameter but those `exclude` names (the
 * presigned `X-Amz-Signature`), sorted by encoded name, then by encoded value
 * (byte order: encoded strings are ASCII), joined as `name=value` with `&`.
 */
export function canonicalQuery(parameters: readonly QueryParameter[], exclude?: string): string {
  return parameters
    .filter((parameter) => parameter.name !== exclude)
    .map((parameter) => [parameter.encodedName, parameter.encodedValue] as const)
    .sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first parameter with this exact name, or undefined. */
export function queryValue(parameters: readonly QueryParameter[], name: string): string | undefined {
  return parameters.find((parameter) => parameter.name === name)?.value;
}
