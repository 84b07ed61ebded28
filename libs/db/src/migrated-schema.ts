import { StartRefused } from '@strongroom/config';
import type { Pool } from 'pg';
import type { MigrateOptions } from './migrate';
import { migrationsTable, readMigrationFiles } from './migration-files';
import { isSqlState, UNDEFINED_TABLE } from './pool';
import { schemaAheadRefusal } from './schema-ahead';

/** How a schema's applied migrations differ from the ones the code has. */
export interface MigrationDrift {
  /** Every migration the code has, in order. */
  readonly known: readonly string[];
  /** The code's migrations the schema has not applied, in order: the schema is behind. */
  readonly pending: readonly string[];
  /** Migrations the schema records that the code does not have (a newer release's): the schema is ahead. */
  readonly unknown: readonly string[];
}

/** Options of {@link requireMigratedSchema}. */
export interface MigratedSchemaOptions extends MigrateOptions {
  /** The command that migrates the schema, for the refusal to name. */
  readonly migrateCommand: string;
}

/**
 * Compares the migrations recorded in `<schema>.schema_migrations` (by file
 * name) with the directory's, in one read: a schema never migrated has
 * every migration pending.
 */
export async function migrationDrift(pool: Pool, options: MigrateOptions): Promise<MigrationDrift> {
  const known = (await readMigrationFiles(options.directory)).map((file) => file.name);
  const applied = await appliedMigrations(pool, options.schema);
  return {
    known,
    pending: known.filter((name) => !applied.has(name)),
    unknown: [...applied].filter((name) => !known.includes(name)).sort(),
  };
}

/**
 * Refuses the start of a service whose schema is not exactly the code's
 * ({@link StartRefused}, saying what to do): behind (a migration not run, so
 * every request would fail on a missing table or column) or ahead (migrated
 * by a newer release, whose schema this code was never tested against: an
 * image rolled back after its migration).
 */
export async function requireMigratedSchema(pool: Pool, options: MigratedSchemaOptions): Promise<void> {
  const { known, pending, unknown } = await migrationDrift(pool, options);
  if (unknown.length > 0) throw schemaAheadRefusal(options.schema, unknown);
  if (pending.length === known.length && known.length > 0) {
    throw new StartRefused(`the ${options.schema} schema has never been migrated (none of its ${known.length} migrations has run): run \`${options.migrateCommand}\` first`);
  }
  if (pending.length > 0) {
    throw new StartRefused(
      `the ${options.schema} schema is behind this release (${pending.length} of its ${known.length} migrations have not run, from ${pending[0]}): run \`${options.migrateCommand}\` first`,
    );
  }
}

/** The file names `<schema>.schema_migrations` records; none when the table (or the schema) does not exist. */
async function appliedMigrations(pool: Pool, schema: string): Promise<Set<string>> {
  try {
    const { rows } = await pool.query<{ name: string }>(`SELECT name FROM ${migrationsTable(schema)}`);
    return new Set(rows.map((row) => row.name));
  } catch (error) {
    if (isSqlState(error, UNDEFINED_TABLE)) return new Set();
    throw error;
  }
}
