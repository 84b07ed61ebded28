import { ConfigError } from './env';
import { StartRefused } from './start-refused';

/**
 * Gathers the problems of settings read group by group (each by a loader
 * that throws a ConfigError, as parseEnv does), so that a launcher reports
 * every bad setting in one ConfigError before anything starts, not one
 * group per restart. A refusal of another kind (a StartRefused) counts as
 * one problem, its message. Any other error is a bug, not a bad setting: it
 * is thrown on, to be logged with its stack as a crash, rather than shown
 * as one more line of "invalid configuration" that no one could act on.
 */
export class SettingsProblems {
  readonly #problems: string[];

  /** Starts with the problems already found (a log level's), skipping undefined ones. */
  constructor(...found: readonly (string | undefined)[]) {
    this.#problems = found.filter((problem) => problem !== undefined);
  }

  /** What `load` returns; undefined, its problems kept, when it refuses; an error that is no refusal is thrown on. */
  read<T>(load: () => T): T | undefined {
    try {
      return load();
    } catch (error) {
      if (error instanceof ConfigError) this.#problems.push(...error.problems);
      else if (error instanceof StartRefused) this.#problems.push(error.message);
      else throw error;
      return undefined;
    }
  }

  /** Keeps problems found otherwise. */
  add(...problems: readonly string[]): void {
    this.#problems.push(...problems);
  }

  /** Whether any problem was kept. */
  get found(): boolean {
    return this.#problems.length > 0;
  }

  /** One ConfigError naming every problem kept. */
  error(): ConfigError {
    return new ConfigError(this.#problems);
  }
}
