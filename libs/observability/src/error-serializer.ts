import { types } from 'node:util';
import { describeBytes, REDACTED, SECRET_FIELDS } from './loggable-values';
import { Secret } from './secret';

/**
 * How many objects deep an error's fields are followed; anything deeper is
 * logged as {@link TOO_DEEP}. Causes count as a level each.
 */
const MAX_DEPTH = 8;
const TOO_DEEP = '[too deep]';
const CIRCULAR = '[circular]';

const SECRET_FIELD_NAMES: ReadonlySet<string> = new Set(SECRET_FIELDS);

function isError(value: object): value is Error {
  return value instanceof Error || types.isNativeError(value);
}

/** A Date, a URL and the like, which JSON prints through their toJSON. */
function hasToJSON(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/**
 * The logger's `err` serializer. Redaction by path stops one object deep,
 * and pino's own serializer copies an error's fields as they are; this one
 * follows the error's fields, its `cause` chain and what they hold, to
 * {@link MAX_DEPTH}, redacting secret field names and describing bytes by
 * size at every level. Values that are not errors get the same treatment.
 */
export function serializeError(value: unknown): unknown {
  return loggable(value, 0, new Set());
}

function loggable(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (value instanceof Secret) return REDACTED;
  if (typeof value !== 'object' || value === null) return value;
  const described = describeBytes(value);
  if (described !== value) return described;
  if (ancestors.has(value)) return CIRCULAR;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item: unknown) => loggable(item, depth + 1, ancestors));
    if (isError(value)) return errorFields(value, depth, ancestors);
    if (hasToJSON(value)) return loggable(value.toJSON(), depth + 1, ancestors);
    return ownFields(value, depth, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function ownFields(value: object, depth: number, ancestors: Set<object>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, SECRET_FIELD_NAMES.has(key) ? REDACTED : loggable(inner, depth + 1, ancestors)]),
  );
}

/** An error's type, message and stack, its own fields, and its cause and aggregated errors, which are not enumerable. */
function errorFields(error: Error, depth: number, ancestors: Set<object>): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    ...ownFields(error, depth, ancestors),
    type: typeof error.constructor === 'function' ? error.constructor.name : error.name,
    message: error.message,
    stack: error.stack,
  };
  if (error.cause !== undefined) fields.cause = loggable(error.cause, depth + 1, ancestors);
  if (error instanceof AggregateError) fields.errors = loggable(error.errors, depth + 1, ancestors);
  return fields;
}
