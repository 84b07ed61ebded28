import type { Logger } from 'pino';

/**
 * Reports a crash (`error`, a bug) through `logger`, so with its redaction
 * and its stack, as a fatal record saying `message`. A logger silenced by
 * STRONGROOM_LOG_LEVEL still leaves one line on stderr (the error's name,
 * without its fields): a crash is never silent. An error that cannot be
 * logged (a field whose getter throws) is reported as such; this never throws.
 */
export function reportCrash(logger: Logger, message: string, error: unknown): void {
  try {
    if (!logger.isLevelEnabled('fatal')) {
      process.stderr.write(`${message}: ${error instanceof Error ? error.name : typeof error} (log level silent)\n`);
    }
    logger.fatal({ err: error }, message);
  } catch {
    try {
      logger.fatal(`${message} (the error could not be logged)`);
    } catch {
      // Even that failed (a broken destination): the caller exits 1 all the same.
    }
  }
}

/**
 * Logs an uncaught exception or unhandled rejection through `logger` (so with
 * its redaction, see {@link reportCrash}) and exits 1, as Node does. Node's own crash report prints
 * the error with util.inspect: every field, the whole `cause` chain and the
 * contents of Buffers, whatever secrets they hold. Call it once, in a
 * process's main thread, as soon as its logger exists: pino's output is
 * asynchronous and pino writes out what it holds when a main thread exits,
 * never when a worker thread does, so a worker's crash record could be lost
 * (a worker hands its crash to the main thread instead, as the embedded
 * gateway thread does).
 */
export function logCrashesThrough(logger: Logger): void {
  const crash = (message: string) => (error: unknown) => {
    try {
      reportCrash(logger, message, error);
    } finally {
      process.exit(1);
    }
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled promise rejection'));
}
