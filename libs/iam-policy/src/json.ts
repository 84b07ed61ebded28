import { PolicyError } from './policy-error';

/** A JSON object as produced by `JSON.parse`. */
export type JsonObject = { readonly [key: string]: unknown };

/** A scalar allowed as a condition value. */
export type JsonScalar = string | number | boolean;

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Requires a JSON object at `path`. */
export function expectObject(value: unknown, path: string): JsonObject {
  if (!isJsonObject(value)) throw new PolicyError(path, 'must be an object');
  return value;
}

/** Rejects any key of `object` that is not in `allowed`. */
export function expectKnownKeys(object: JsonObject, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) throw new PolicyError(path, `unknown element "${key}"`);
  }
}

/** Formats the path of one element of a list that may also be written as a single value. */
export function itemPath(path: string, index: number, single: boolean): string {
  return single ? path : `${path}[${index}]`;
}

/**
 * Reads a string, or a non-empty array of strings, at `path` (the IAM
 * grammar allows both for Action, Resource and principal values). Returns
 * the strings with the path of each.
 */
export function expectStringList(value: unknown, path: string): { readonly value: string; readonly path: string }[] {
  if (typeof value === 'string') return [{ value, path }];
  if (!Array.isArray(value)) throw new PolicyError(path, 'must be a string or an array of strings');
  if (value.length === 0) throw new PolicyError(path, 'must not be empty');
  return value.map((item: unknown, index) => {
    const at = `${path}[${index}]`;
    if (typeof item !== 'string') throw new PolicyError(at, 'must be a string');
    return { value: item, path: at };
  });
}

/**
 * Reads a condition value: a scalar or a non-empty array of scalars.
 * Numbers and booleans are kept in their JSON text form.
 */
export function expectScalarList(value: unknown, path: string): { readonly value: string; readonly path: string }[] {
  const single = !Array.isArray(value);
  const items: readonly unknown[] = Array.isArray(value) ? value : [value];
  if (items.length === 0) throw new PolicyError(path, 'must not be empty');
  return items.map((item, index) => {
    const at = itemPath(path, index, single);
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      throw new PolicyError(at, 'must be a string, number or boolean');
    }
    return { value: String(item), path: at };
  });
}
