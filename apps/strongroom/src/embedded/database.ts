import { StartRefused } from '@strongroom/config';
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

/** DATABASE_URL when set; else an embedded PostgreSQL under `<dataDir>/postgres`, started now (a StartRefused saying why when it does not start). */
export async function openStackDatabase(databaseUrl: string | undefined, dataDir: string, port: number, logger: Logger): Promise<StackDatabase> {
  if (databaseUrl) return { url: databaseUrl, description: 'external (DATABASE_URL)', stop: () => Promise.resolve() };
  const directory = join(dataDir, 'postgres');
  const postgres = await startEmbeddedPostgres({
    directory,
    ...(port === 0 ? {} : { port }),
    onLog: (line) => logger.debug({ postgres: line.trim() }, 'embedded postgres'),
  }).catch((error: unknown) => {
    // What stops it is the machine's (a port in use, a directory it may not use, a full disk), and its own words say which.
    const reason = (error instanceof Error ? error.message : String(error)).trim();
    throw new StartRefused(`${reason} (the embedded PostgreSQL: STRONGROOM_POSTGRES_PORT chooses its port, STRONGROOM_DATA_DIR its directory; DATABASE_URL uses another server instead)`);
  });
  return { url: postgres.url, description: `embedded, data in ${directory}`, stop: () => postgres.stop() };
}
