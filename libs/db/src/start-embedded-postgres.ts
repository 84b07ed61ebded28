import type { EmbeddedPostgresHandle } from './embedded-postgres.mjs';

export type { EmbeddedPostgresHandle } from './embedded-postgres.mjs';

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `directory`, on
 * loopback. The ESM-only implementation is loaded on first call, not when
 * `@strongroom/db` is imported: services in production never load it, and
 * jest's CommonJS runtime (which cannot `require` an `.mjs` file) can load
 * this library.
 */
export async function startEmbeddedPostgres(options: {
  directory: string;
  port?: number;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const implementation = await import('./embedded-postgres.mjs');
  return implementation.startEmbeddedPostgres(options);
}
