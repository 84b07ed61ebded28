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
      logger.fatal({ err: error }, message);
    } catch {
      // A field whose getter throws: say that it crashed, and exit 1 rather than hand the error to Node's report.
      logger.fatal(`${message} (the error could not be logged)`);
    }
    process.exit(1);
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled promise rejection'));
}
