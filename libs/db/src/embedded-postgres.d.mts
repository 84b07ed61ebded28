/** A running embedded PostgreSQL. */
export interface EmbeddedPostgresHandle {
  /** A connection URL for the `postgres` database. */
  readonly url: string;
  /** Stops the server; the data stays in the directory. */
  stop(): Promise<void>;
}

/** Starts (initialising on first use) a PostgreSQL cluster in `directory`, on loopback. */
export function startEmbeddedPostgres(options: {
  directory: string;
  port?: number;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle>;
