/**
 * Flag values as the AWS CLI reads them: `file://` loads text and `fileb://`
 * raw bytes from a file, binary values are base64 (`--cli-binary-format
 * base64`), maps are JSON or `k=v,k2=v2` shorthand.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './errors';

/** A flag value that does not parse, in aws-cli's wording. */
export function parameterError(flag: string, reason: string): UsageError {
  return new UsageError(`Error parsing parameter '--${flag}': ${reason}`);
}

function loadFile(flag: string, value: string, prefix: 'file://' | 'fileb://'): Buffer {
  const path = value.slice(prefix.length);
  try {
    return readFileSync(path);
  } catch (error) {
    throw parameterError(flag, `Unable to load paramfile ${value}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A text value, read from the file a `file://path` value names. */
export function textValue(flag: string, value: string): string {
  return value.startsWith('file://') ? loadFile(flag, value, 'file://').toString('utf8') : value;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A binary value: the bytes of a `fileb://path` file, else base64 text. */
export function blobValue(flag: string, value: string): Buffer {
  if (value.startsWith('fileb://')) return loadFile(flag, value, 'fileb://');
  const text = textValue(flag, value).trim();
  // Not quoted: the value may be a plaintext or a key given unencoded by mistake.
  if (!BASE64.test(text)) throw parameterError(flag, `Invalid base64 (${text.length} characters; give the bytes base64-encoded, or fileb://<path>)`);
  return Buffer.from(text, 'base64');
}

/** JSON text, parsed. */
export function jsonValue(flag: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw parameterError(flag, `Invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** JSON text that must be an object, parsed. */
export function jsonObjectValue(flag: string, text: string): Readonly<Record<string, unknown>> {
  const parsed = jsonValue(flag, text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw parameterError(flag, 'expected a JSON object');
  return parsed as Record<string, unknown>;
}

/** A string-to-string map: a JSON object, or `k=v,k2=v2` shorthand. */
export function stringMapValue(flag: string, value: string): Record<string, string> {
  const text = textValue(flag, value).trim();
  if (text.startsWith('{')) {
    const entries = Object.entries(jsonObjectValue(flag, text));
    for (const [key, entry] of entries) {
      if (typeof entry !== 'string') throw parameterError(flag, `the value of "${key}" must be a string`);
    }
    // fromEntries defines each key as the map's own, `__proto__` included; an assignment would drop that one.
    return Object.fromEntries(entries) as Record<string, string>;
  }
  return shorthand(flag, text);
}

/** `k=v,k2=v2` as a map (every key its own, `__proto__` included); a value runs to the next comma. */
function shorthand(flag: string, text: string): Record<string, string> {
  if (text === '') return {};
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 1) throw parameterError(flag, `Expected: '=', received: '${pair}' (write key=value,key2=value2 or a JSON object)`);
      return [pair.slice(0, equals).trim(), pair.slice(equals + 1).trim()];
    }),
  );
}

/** A list of structures: one JSON array, or one shorthand `K=v,K2=v2` word per item. */
export function structureListValue(flag: string, words: readonly string[]): Record<string, unknown>[] {
  const texts = words.map((word) => textValue(flag, word).trim());
  const first = texts[0];
  if (texts.length === 1 && first?.startsWith('[') === true) {
    const parsed = jsonValue(flag, first);
    if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
      throw parameterError(flag, 'expected a JSON array of objects');
    }
    return parsed as Record<string, unknown>[];
  }
  return texts.map((text) => shorthand(flag, text));
}

/** A whole number from 0 to 2^32 - 1 (the service checks the real range). */
export function integerValue(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) > 0xffff_ffff) throw parameterError(flag, `invalid integer: "${value}"`);
  return Number(value);
}

/** One of a fixed set of names. */
export function choiceValue<T>(flag: string, value: string, choices: ReadonlyMap<string, T>): T {
  const choice = choices.get(value);
  if (choice === undefined) throw parameterError(flag, `Invalid value '${value}', valid values: ${[...choices.keys()].join(', ')}`);
  return choice;
}

/** A point in time: ISO 8601, or seconds since the epoch. */
export function timestampValue(flag: string, value: string): Date {
  const date = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) throw parameterError(flag, `invalid timestamp: "${value}" (use ISO 8601, e.g. 2024-01-31T12:00:00Z)`);
  return date;
}
