/**
 * The NOTIFY channel on which every storage replica hears of bucket changes.
 * The payload is the bucket's name. Each statement that creates, deletes or
 * changes a bucket row notifies in the same statement (see bucket-store.ts),
 * so replicas hear of it when (and only if) it commits.
 */
export const CHANGE_CHANNEL = 'storage_bucket_changes';

/** The SQL that notifies of a change to the bucket named by the `name` column of CTE `changed`, returning one row per changed bucket. */
export function notifyChanged(columns: string): string {
  return `SELECT ${columns}, pg_notify('${CHANGE_CHANNEL}', changed.name) AS notified FROM changed`;
}
