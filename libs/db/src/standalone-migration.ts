import { parseEnv, SettingsProblems, text } from '@strongroom/config';
import { requireReachableDatabase } from './database-reach';
import { createPool, type Pool } from './pool';

/** What {@link runStandaloneMigration} runs. */
export interface StandaloneMigration {
  readonly env: NodeJS.ProcessEnv;
  /** A log level that is not one, reported with DATABASE_URL's problem. */
  readonly levelProblem: string | undefined;
  /** The service's name, as its pool's application name. */
  readonly applicationName: string;
  readonly migrate: (pool: Pool) => Promise<void>;
}

/**
 * A standalone service's `migrate`: reads DATABASE_URL and nothing else (a
 * migration needs none of the serving settings; its problem and the log
 * level's come in one ConfigError), applies the migrations once the
 * database answers, and closes the pool.
 */
export async function runStandaloneMigration(options: StandaloneMigration): Promise<void> {
  const problems = new SettingsProblems(options.levelProblem);
  const settings = problems.read(() => parseEnv(options.env, { databaseUrl: text('DATABASE_URL') }));
  if (problems.found || settings === undefined) throw problems.error();
  const pool = createPool({ connectionString: settings.databaseUrl, applicationName: options.applicationName });
  await requireReachableDatabase(pool, settings.databaseUrl);
  await options.migrate(pool);
  await pool.end();
}
