import type { BenchSettings } from './bench-settings';

/** What the runner gives every case. */
export interface BenchContext {
  readonly settings: BenchSettings;
  /**
   * The URL of a PostgreSQL server (its `postgres` database) for cases that
   * need one: `DATABASE_URL`, or an embedded server started on first use and
   * stopped when the run ends.
   */
  postgresUrl(): Promise<string>;
  /** Writes one line of the report (standard output). */
  print(line?: string): void;
  /** Says what is being measured now (standard error), so a long run shows progress. */
  progress(line: string): void;
}

/**
 * One benchmark: a module `bench/cases/<name>.ts` exporting `benchCase`.
 * A case measures and prints; it never fails the run because a figure falls
 * short of an aim, only when it cannot measure at all.
 */
export interface BenchCase {
  /** One line saying what the case measures. */
  readonly description: string;
  run(context: BenchContext): Promise<void>;
}

/** True when `value` has the shape of a {@link BenchCase}. */
export function isBenchCase(value: unknown): value is BenchCase {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof BenchCase, unknown>>;
  return typeof candidate.description === 'string' && typeof candidate.run === 'function';
}
