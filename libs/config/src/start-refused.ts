/**
 * A refusal to start that the operator can act on (a setting, a port in
 * use, a database that cannot be reached, a data directory that is not
 * this database's): its message says what is wrong and what to do, and
 * quotes no secret. A launcher prints that message alone, without a stack
 * trace, and exits 1; any other error is a crash, logged with its stack.
 */
export class StartRefused extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartRefused';
  }
}

/**
 * Ends a process whose start failed: a {@link StartRefused} (a ConfigError
 * is one) as one message on stderr after `program failed to start: `; any
 * other error through `logCrash` (the redacting logger), since it is a bug
 * whose stack helps. Exits 1 either way.
 */
export function exitOnStartFailure(program: string, error: unknown, logCrash: (error: unknown) => void): never {
  if (error instanceof StartRefused) process.stderr.write(`${program} failed to start: ${error.message}\n`);
  else logCrash(error);
  process.exit(1);
}
