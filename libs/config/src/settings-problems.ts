import { ConfigError } from './env';

/**
 * Gathers the problems of settings read group by group (each by a loader
 * that throws a ConfigError, as parseEnv does), so that a launcher reports
 * every bad setting in one ConfigError before anything starts, not one
 * group per restart. An error of another kind counts as one problem, its
 * message.
 */
export class SettingsProblems {
  readonly #problems: string[];

  /** Starts with the problems already found (a log level's), skipping undefined ones. */
  constructor(...found: readonly (string | undefined)[]) {
    this.#problems = found.filter((problem) => problem !== undefined);
  }

  /** What `load` returns; undefined, its problems kept, when it throws. */
  read<T>(load: () => T): T | undefined {
    try {
      return load();
    } catch (error) {
      this.#problems.push(...(error instanceof ConfigError ? error.problems : [(error as Error).message]));
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
