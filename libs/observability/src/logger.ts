import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Field names whose values are secrets wherever they appear in a log record,
 * at the top level or one object deep. Values wrapped in `Secret` are
 * redacted by the wrapper itself; this list catches raw values by name.
 */
const SECRET_FIELDS = [
  'plaintext',
  'Plaintext',
  'secret',
  'secretAccessKey',
  'token',
  'authorization',
  'rootKey',
  'dataKey',
  'keyMaterial',
  'customerKey',
  'sourceCustomerKey',
  'password',
];

const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]);

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** The component name put on every record. */
  readonly name: string;
  /** The minimum level. @default process.env.STRONGROOM_LOG_LEVEL ?? 'info' */
  readonly level?: string;
  /** Where records go. @default standard output */
  readonly destination?: pino.DestinationStream;
}

/** Binary values are logged by size only: they are keys or ciphertext more often than not. */
function describeBytes(value: unknown): unknown {
  return value instanceof Uint8Array ? `<${value.byteLength} bytes>` : value;
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
      level: options.level ?? process.env.STRONGROOM_LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { log: describeFields },
    },
    options.destination,
  );
}
