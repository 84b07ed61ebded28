import { readdir } from 'node:fs/promises';

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** One migration file of a service's directory. */
export interface MigrationFile {
  /** Its number, the key of its row in `<schema>.schema_migrations`. */
  readonly id: number;
  /** Its file name, recorded with the number. */
  readonly name: string;
}

/**
 * The numbered files `NNNN_lower_snake.sql` of a migrations directory, in
 * order; any other `.sql` file is refused, so that none is silently skipped.
 */
export async function readMigrationFiles(directory: string): Promise<MigrationFile[]> {
  const files = (await readdir(directory)).filter((name) => name.endsWith('.sql')).sort();
  const misnamed = files.filter((name) => !MIGRATION_FILE.test(name));
  if (misnamed.length > 0) throw new Error(`migrations must be named NNNN_lower_snake.sql: ${misnamed.join(', ')}`);
  return files.map((name) => ({ id: Number(MIGRATION_FILE.exec(name)?.[1]), name }));
}

/** The table recording a schema's applied migrations, quoted. */
export function migrationsTable(schema: string): string {
  return `${quoteIdentifier(schema)}.schema_migrations`;
}

/** A schema name, quoted; a name that is not lower snake case is refused. */
export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid schema name ${JSON.stringify(name)}`);
  return `"${name}"`;
}
