import { ConfigError } from '@strongroom/config';
import pino, { type Logger } from 'pino';
import { isError, loggable, loggableFields } from './loggable';
import { redactText } from './loggable-values';

export type { Logger } from 'pino';

/** The levels STRONGROOM_LOG_LEVEL takes, most verbose first. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** A level of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** True for a level of {@link LOG_LEVELS}. */
export function isLogLevel(value: string | undefined): value is LogLevel {
  return (LOG_LEVELS as readonly (string | undefined)[]).includes(value);
}

/** STRONGROOM_LOG_LEVEL, `info` when unset or empty; any other value is a ConfigError naming the variable. */
export function configuredLogLevel(env: NodeJS.ProcessEnv): LogLevel {
  const value = env.STRONGROOM_LOG_LEVEL;
  if (value === undefined || value === '') return 'info';
  if (!isLogLevel(value)) throw new ConfigError([`STRONGROOM_LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}`]);
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
  /**
   * Writes each record to standard output before the call returns, for a
   * worker thread: pino buffers a record written while another is on its
   * way and flushes only the main thread's buffer as the process exits, so
   * a thread's last records were lost as it was terminated.
   */
  readonly sync?: boolean;
}

/**
 * A pino JSON logger that prints no secret: fields, child bindings and
 * errors are made {@link loggable} (secret names redacted at every depth,
 * bytes described by size, credentials in text redacted), and so are the
 * message text and the values its placeholders print.
 */
export function createLogger(options: LoggerOptions): Logger {
  const logger = pino(
    {
      name: options.name,
      level: options.level ?? configuredLogLevel(process.env),
      serializers: { err: loggable, msg: (message: unknown) => (typeof message === 'string' ? redactText(message) : message) },
      formatters: { log: loggableFields },
      hooks: { logMethod: withLoggableFormatArguments },
    },
    options.destination ?? (options.sync === true ? pino.destination({ dest: 1, sync: true }) : undefined),
  );
  return withLoggableBindings(logger);
}

/**
 * pino's log method hook: the values a message's placeholders (`%o`, `%O`,
 * `%j`, `%s`) print are made {@link loggable} first, as pino formats them
 * into the message text, where field names are no longer seen.
 * The arguments before the message (a record's fields or an error) are
 * left to the formatters, which know them.
 */
function withLoggableFormatArguments(this: Logger, args: Parameters<pino.LogFn>, method: pino.LogFn): void {
  const message = typeof args[0] === 'string' ? 0 : typeof args[1] === 'string' ? 1 : -1;
  const loggableArgs = message === -1 || args.length === message + 1 ? args : args.map((arg, index) => (index > message ? loggableFormatArgument(arg) : arg));
  Reflect.apply(method, this, loggableArgs);
}

/**
 * A placeholder's value made {@link loggable}. An error becomes a plain
 * object, which `%s` would print as `[object Object]`: it keeps the
 * error's text (`Error: boom`, redacted) as its `toString`, not enumerable,
 * so that `%o` and `%j` print its fields alone. An error of another realm
 * (a `vm` context, a worker's structured clone) is one too.
 */
function loggableFormatArgument(arg: unknown): unknown {
  const logged = loggable(arg);
  if (!isError(arg) || typeof logged !== 'object' || logged === null) return logged;
  const text = redactText(String(arg));
  return Object.defineProperty(logged, 'toString', { value: () => text, enumerable: false });
}

/** pino's `child`, without its custom-level generics. */
type ChildFactory = (this: Logger, bindings: pino.Bindings, options?: pino.ChildLoggerOptions) => Logger;

/** pino's `setBindings`. */
type BindingsSetter = (this: Logger, bindings: pino.Bindings) => void;

/**
 * Makes child bindings {@link loggable}, those given to `child` and those
 * set later with `setBindings`: pino applies no formatter to them.
 * Children are made from their parent's prototype chain, so theirs are too.
 */
function withLoggableBindings(logger: Logger): Logger {
  const child = Reflect.get(logger, 'child') as unknown as ChildFactory;
  const loggableChild: ChildFactory = function (this: Logger, bindings, childOptions) {
    return child.call(this, loggableFields(bindings), childOptions);
  };
  logger.child = loggableChild as unknown as Logger['child'];
  const setBindings: BindingsSetter = Reflect.get(logger, 'setBindings');
  logger.setBindings = function (this: Logger, bindings: pino.Bindings) {
    setBindings.call(this, loggableFields(bindings));
  };
  return logger;
}

/**
 * The logger of a service's main, made before its settings are read so that
 * even a failure to read them is logged through it: at STRONGROOM_LOG_LEVEL,
 * or at `info` when that is not a level, with `levelProblem` (naming the
 * variable) for the main to report as a refusal with its other settings.
 */
export function launcherLogger(name: string): { readonly logger: Logger; readonly levelProblem: string | undefined } {
  try {
    return { logger: createLogger({ name }), levelProblem: undefined };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { logger: createLogger({ name, level: 'info' }), levelProblem: error.problems.join('; ') };
  }
}
