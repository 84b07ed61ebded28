import type { Logger } from 'pino';

/**
 * What a standalone service does on SIGTERM or SIGINT: runs `shutdown`,
 * then exits 0, or, when it failed, logs why through `logger` (one error
 * record, with its redaction) and exits 1, so that a failed drain is never
 * a silent exit status.
 */
export function exitAfterShutdown(logger: Logger, shutdown: () => Promise<unknown>): () => void {
  return () => {
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
}
