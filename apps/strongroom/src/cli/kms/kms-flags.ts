/** Flags, and readers of their values, shared by several `kms` commands. */
import type { FlagSpec, ParsedFlags } from '../flags';
import { integerValue, stringMapValue } from '../values';

/** `--key-id`, which names a key by id, ARN, alias name or alias ARN. */
export function keyIdFlag(required: boolean, description = 'The key: key id, key ARN, alias name (alias/...) or alias ARN.'): FlagSpec {
  return { name: 'key-id', required, placeholder: 'key', description };
}

/** An encryption context flag (`--encryption-context` and the re-encrypt pair). */
export function encryptionContextFlag(name: string, description: string): FlagSpec {
  return { name, placeholder: 'context', description: `${description} JSON {"k":"v"} or shorthand k=v,k2=v2.` };
}

/** `--limit`, the page size of a listing. */
export const LIMIT_FLAG: FlagSpec = { name: 'limit', placeholder: 'count', description: 'Page size, 1 to 1000; with it, one page is returned with NextMarker.' };

/** `--marker`, where a listing's page starts. */
export const MARKER_FLAG: FlagSpec = { name: 'marker', placeholder: 'marker', description: 'The NextMarker of the previous page.' };

/** The encryption context a flag gives, empty when absent. */
export function encryptionContext(flags: ParsedFlags, name: string): Record<string, string> {
  const value = flags.string(name);
  return value === undefined ? {} : stringMapValue(name, value);
}

/** A whole-number flag, 0 (the service's "default") when absent. */
export function integerOrZero(flags: ParsedFlags, name: string): number {
  const value = flags.string(name);
  return value === undefined ? 0 : integerValue(name, value);
}
