import pino, { type Logger } from 'pino';
import { serializeError } from './error-serializer';
import { describeBytes, REDACTED, SECRET_FIELDS } from './loggable-values';

export type { Logger } from 'pino';

const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]);

/** The levels STRONGROOM_LOG_LEVEL takes, most verbose first. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** A level of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** True for a level of {@link LOG_LEVELS}. */
export function isLogLevel(value: string | undefined): value is LogLevel {
  return (LOG_LEVELS as readonly (string | undefined)[]).includes(value);
}

/** STRONGROOM_LOG_LEVEL, `info` when unset or empty; any other value is an error naming the variable. */
export function configuredLogLevel(env: NodeJS.ProcessEnv): LogLevel {
  const value = env.STRONGROOM_LOG_LEVEL;
  if (value === undefined || value === '') return 'info';
  if (!isLogLevel(value)) throw new Error(`STRONGROOM_LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}`);
  return value;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** The component name put on every record. */
  readonly name: string;
  /** The minimum level. @default {@link configuredLogLevel} of the process's environment */
  readonly level?: LogLevel;
  /** Where records go. @default standard output */
  readonly destination?: pino.DestinationStream;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Applies {@link describeBytes} to the fields of a record and one level deep
 * (plain objects and arrays), the same depth the redaction covers. Other
 * objects (errors above all) are left for their serializers.
 */
function describeFields(record: Record<string, unknown>): Record<string, unknown> {
  const nested = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(describeBytes);
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, describeBytes(inner)]));
    return describeBytes(value);
  };
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, nested(value)]));
}

/** A pino JSON logger with secrets redacted by name and bytes never printed. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? configuredLogLevel(process.env),
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: serializeError },
      formatters: { log: describeFields },
    },
    options.destination,
  );
}
