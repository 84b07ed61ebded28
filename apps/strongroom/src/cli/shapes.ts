/** Conversions every group's output shapes share, as aws-cli prints values. */

/** A timestamp as ISO 8601, or undefined (omitted from the output) when unset. */
export function isoDate(date: Date | undefined): string | undefined {
  return date?.toISOString();
}
