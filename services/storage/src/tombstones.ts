import { run } from '@strongroom/db';
import { int8, type Db } from './db';

/*
 * Where rows that are gone stood, for a listing whose marker names one:
 * a deleted version's place in its key's history
 * (storage.version_tombstones), an aborted or completed upload's among its
 * key's uploads (storage.upload_tombstones), each kept for a day.
 */

/** Where a version stands in its key's history, newest (highest `seq`) first. */
export interface VersionPlace {
  readonly key: string;
  readonly seq: number;
}

/** Where an upload stands among its key's uploads, first initiated first. */
export interface UploadPlace {
  readonly key: string;
  readonly initiatedAt: Date;
  readonly uploadId: string;
}

/** How long a tombstone is kept: longer than a listing's pages take. */
export const TOMBSTONE_LIFETIME_MS = 24 * 3_600_000;

/** How many expired tombstones one statement removes: each statement stays short. */
const PURGE_BATCH = 10_000;

/**
 * The place of a version of `key` by its id: the version's, or while its
 * tombstone lasts, that of a version deleted since; undefined otherwise.
 */
export async function findVersionPlace(db: Db, bucketId: string, key: string, versionId: string): Promise<VersionPlace | undefined> {
  const rows = await run<{ key: string; seq: string }>(
    db,
    {
      name: 'storage.find-version-place',
      text: `SELECT key, seq FROM storage.object_versions WHERE bucket_id = $1 AND key = $2 AND version_id = $3
             UNION ALL
             SELECT key, seq FROM storage.version_tombstones WHERE bucket_id = $1 AND key = $2 AND version_id = $3
             LIMIT 1`,
    },
    [bucketId, key, versionId],
  );
  const row = rows[0];
  return row && { key: row.key, seq: int8(row.seq) };
}

/**
 * The place of an upload of the bucket by its id, whatever its key: the
 * upload's, or while its tombstone lasts, that of an upload aborted or
 * completed since; undefined otherwise.
 */
export async function findUploadPlace(db: Db, bucketId: string, uploadId: string): Promise<UploadPlace | undefined> {
  const rows = await run<{ key: string; initiated_at: Date; upload_id: string }>(
    db,
    {
      name: 'storage.find-upload-place',
      text: `SELECT key, initiated_at, upload_id FROM storage.multipart_uploads WHERE upload_id = $2 AND bucket_id = $1
             UNION ALL
             SELECT key, initiated_at, upload_id FROM storage.upload_tombstones WHERE upload_id = $2 AND bucket_id = $1
             LIMIT 1`,
    },
    [bucketId, uploadId],
  );
  const row = rows[0];
  return row && { key: row.key, initiatedAt: row.initiated_at, uploadId: row.upload_id };
}

/** One batch of expired tombstones of each kind, removed by one statement. */
const PURGES = [
  {
    name: 'storage.purge-version-tombstones',
    text: `WITH gone AS (
             DELETE FROM storage.version_tombstones WHERE ctid IN (SELECT ctid FROM storage.version_tombstones WHERE deleted_at < $1 LIMIT $2) RETURNING 1
           ) SELECT count(*) AS n FROM gone`,
  },
  {
    name: 'storage.purge-upload-tombstones',
    text: `WITH gone AS (
             DELETE FROM storage.upload_tombstones WHERE ctid IN (SELECT ctid FROM storage.upload_tombstones WHERE deleted_at < $1 LIMIT $2) RETURNING 1
           ) SELECT count(*) AS n FROM gone`,
  },
] as const;

/** Removes the tombstones older than {@link TOMBSTONE_LIFETIME_MS}, in batches; returns how many went. */
export async function purgeExpiredTombstones(db: Db, now: number): Promise<number> {
  const before = new Date(now - TOMBSTONE_LIFETIME_MS);
  let purged = 0;
  for (const purge of PURGES) {
    for (;;) {
      const rows = await run<{ n: string }>(db, purge, [before, PURGE_BATCH]);
      const count = int8(rows[0]?.n ?? 0);
      purged += count;
      if (count < PURGE_BATCH) break;
    }
  }
  return purged;
}
