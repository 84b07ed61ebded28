import { types } from 'node:util';
import { describeBytes, REDACTED, redactText } from './loggable-values';
import { isHeaderList, isSecretHeaderName } from './header-lists';
import { isSecretName } from './secret-names';
import { Secret } from './secret';

/**
 * How many objects deep a value is followed; anything deeper is logged as
 * {@link TOO_DEEP}. An error's cause counts as a level.
 */
const MAX_DEPTH = 8;
/**
 * How many values one record (or one error) is followed through, so that a
 * huge object costs a bounded time on the request path; past it, an object
 * or array ends with {@link TRUNCATED}.
 */
const MAX_VALUES = 2000;
const TOO_DEEP = '[too deep]';
const CIRCULAR = '[circular]';
const TRUNCATED = '[truncated]';

/**
 * One walk over a record: the objects on the current path (at most
 * {@link MAX_DEPTH} and a few, so a list is searched faster than a set is
 * kept), and the values it may still visit.
 */
interface Walk {
  readonly ancestors: object[];
  budget: number;
}

function newWalk(): Walk {
  return { ancestors: [], budget: MAX_VALUES };
}

/** True for an error, of this realm or another (a `vm` context, a worker's structured clone). */
export function isError(value: unknown): value is Error {
  return value instanceof Error || types.isNativeError(value);
}

/** A Date, a URL and the like, which JSON prints through their toJSON. */
function hasToJSON(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/**
 * A copy of a value fit to log: at every depth, fields with secret names
 * ({@link isSecretName}, whatever their case and separators) and `Secret`s
 * are redacted, so are the values of secret headers in lists of names
 * and values ({@link isHeaderList}: `rawHeaders`, `[name, value]` pairs,
 * whatever the field's name), bytes are
 * described by size, and text has its credentials redacted
 * ({@link redactText}). Errors keep their
 * type, message, stack, fields, `cause` chain and aggregated errors.
 * Bounded in depth and in values visited. The value is not changed.
 */
export function loggable(value: unknown): unknown {
  return walked(value, 0, newWalk());
}

/**
 * A log record's fields made {@link loggable}, with one budget for the
 * record. The `err` field is left to the `err` serializer, which is
 * {@link loggable} itself, so that an error is walked once.
 */
export function loggableFields(record: Record<string, unknown>): Record<string, unknown> {
  const walk = newWalk();
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const value = record[key];
    fields[key] = key === 'err' ? value : field(key, value, 0, walk);
  }
  return fields;
}

/**
 * What a value under a secret name is logged as: a boolean, null or
 * undefined holds no secret and is kept (`{pass: true}`, `{token: null}`);
 * anything else is {@link REDACTED}, a number too (a PIN, a password of
 * digits read from a configuration).
 */
function underSecretName(value: unknown): unknown {
  return typeof value === 'boolean' || value === null || value === undefined ? value : REDACTED;
}

/** A field's value fit to log, knowing its name: {@link underSecretName} when the name is secret. */
function field(name: string, value: unknown, depth: number, walk: Walk): unknown {
  if (isSecretName(name)) return underSecretName(value);
  return walked(value, depth, walk, name);
}

/** A value fit to log; `fieldName` is the name of the field it is logged under, or of the nearest one above it through arrays (none at the top). */
function walked(value: unknown, depth: number, walk: Walk, fieldName?: string): unknown {
  walk.budget--;
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Secret) return REDACTED;
  const described = describeBytes(value);
  if (described !== value) return described;
  if (walk.ancestors.includes(value)) return CIRCULAR;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  walk.ancestors.push(value);
  try {
    if (Array.isArray(value)) return items(value, depth, walk, fieldName);
    if (isError(value)) return errorFields(value, depth, walk);
    if (hasToJSON(value)) return walked(value.toJSON(), depth + 1, walk);
    return ownFields(value, depth, walk);
  } finally {
    walk.ancestors.pop();
  }
}

/** An array's items fit to log: in a header list ({@link isHeaderList}), the values of secret headers are logged as {@link underSecretName}. */
function items(array: readonly unknown[], depth: number, walk: Walk, fieldName: string | undefined): unknown[] {
  const headerList = isHeaderList(array, fieldName, walk.budget);
  const logged: unknown[] = [];
  for (let index = 0; index < array.length; index++) {
    if (walk.budget <= 0) {
      logged.push(TRUNCATED);
      break;
    }
    const secretValue = headerList && index % 2 === 1 && isSecretHeaderName(array[index - 1]);
    logged.push(secretValue ? underSecretName(array[index]) : walked(array[index], depth + 1, walk, fieldName));
  }
  return logged;
}

function ownFields(value: object, depth: number, walk: Walk): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (walk.budget <= 0) {
      fields[TRUNCATED] = true;
      break;
    }
    fields[key] = field(key, (value as Record<string, unknown>)[key], depth + 1, walk);
  }
  return fields;
}

/** An error's type, message and stack, its own fields, and its cause and aggregated errors, which are not enumerable. */
function errorFields(error: Error, depth: number, walk: Walk): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    ...ownFields(error, depth, walk),
    type: typeof error.constructor === 'function' ? error.constructor.name : error.name,
    message: walked(error.message, depth + 1, walk),
    stack: walked(error.stack, depth + 1, walk),
  };
  if (error.cause !== undefined) fields.cause = walked(error.cause, depth + 1, walk);
  if (error instanceof AggregateError) fields.errors = walked(error.errors, depth + 1, walk);
  return fields;
}
