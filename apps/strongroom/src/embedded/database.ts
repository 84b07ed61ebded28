import { startEmbeddedPostgres } from '@strongroom/db';
import type { Logger } from '@strongroom/observability';
import { join } from 'node:path';

/** The database the stack uses, and how to let go of it. */
export interface StackDatabase {
  readonly url: string;
  /** `external` for DATABASE_URL, else where the embedded cluster keeps its files. */
  readonly description: string;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; else an embedded PostgreSQL under `<dataDir>/postgres`, started now. */
export async function openStackDatabase(databaseUrl: string | undefined, dataDir: string, port: number, logger: Logger): Promise<StackDatabase> {
  if (databaseUrl) return { url: databaseUrl, description: 'external (DATABASE_URL)', stop: () => Promise.resolve() };
  const directory = join(dataDir, 'postgres');
  const postgres = await startEmbeddedPostgres({
    directory,
    ...(port === 0 ? {} : { port }),
    onLog: (line) => logger.debug({ postgres: line.trim() }, 'embedded postgres'),
  });
  return { url: postgres.url, description: `embedded, data in ${directory}`, stop: () => postgres.stop() };
}
