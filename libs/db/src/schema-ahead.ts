import { StartRefused } from '@strongroom/config';

/**
 * The refusal of a schema that records migrations this release does not
 * have (`unknown`, by file name): a newer release migrated it, and this
 * code was never tested against its schema (an image rolled back after
 * its migration). Serving refuses it, and so does migrating, which has
 * nothing to apply and must not pass for done.
 */
export function schemaAheadRefusal(schema: string, unknown: readonly string[]): StartRefused {
  return new StartRefused(
    `the ${schema} schema has migrations this release does not have (${unknown.join(', ')}): a newer release migrated it; run that release, or restore the database from before its migration`,
  );
}
