/**
 * A refusal to start, or to run an admin command, that the operator can act
 * on (a setting, a port in use, a database that cannot be reached, a data
 * directory that is not this database's): its message says what is wrong
 * and what to do, and quotes no secret. A launcher prints that message
 * alone, without a stack trace, and exits 1; any other error is a crash,
 * logged with its stack.
 */
export class StartRefused extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartRefused';
  }
}

/**
 * Ends a process whose work failed: a {@link StartRefused} (a ConfigError
 * is one) as one message on stderr after `headline: ` (`root key rotation
 * failed: ...`); any other error through `logCrash` (the redacting logger),
 * since it is a bug whose stack helps. Exits 1 either way.
 */
export function exitOnFailure(headline: string, error: unknown, logCrash: (error: unknown) => void): never {
  if (error instanceof StartRefused) process.stderr.write(`${headline}: ${error.message}\n`);
  else logCrash(error);
  process.exit(1);
}

/** {@link exitOnFailure} for a start: `program failed to start: ...`. */
export function exitOnStartFailure(program: string, error: unknown, logCrash: (error: unknown) => void): never {
  exitOnFailure(`${program} failed to start`, error, logCrash);
}
