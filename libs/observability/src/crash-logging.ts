import type { Logger } from 'pino';

/**
 * Logs an uncaught exception or unhandled rejection through `logger` (so with
 * its redaction) and exits 1, as Node does. Node's own crash report prints
 * the error with util.inspect: every field, the whole `cause` chain and the
 * contents of Buffers, whatever secrets they hold. Call it once per process
 * or worker thread, as soon as its logger exists.
 */
export function logCrashesThrough(logger: Logger): void {
  const crash = (message: string) => (error: unknown) => {
    try {
      if (!logger.isLevelEnabled('fatal')) {
        // A silenced logger must not make a crash silent: one line, without the error's fields.
        process.stderr.write(`${message}: ${error instanceof Error ? error.name : typeof error} (log level silent)\n`);
      }
      logger.fatal({ err: error }, message);
    } catch {
      // A field whose getter throws: say that it crashed, and exit 1 rather than hand the error to Node's report.
      try {
        logger.fatal(`${message} (the error could not be logged)`);
      } catch {
        // Even that failed (a broken destination): exit 1 all the same.
      }
    } finally {
      process.exit(1);
    }
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled promise rejection'));
}
