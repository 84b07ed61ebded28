import { run } from '@strongroom/db';
import type { AccessControlPolicy } from '@strongroom/iam-policy';
import type { Db } from './db';
import type { StoredTag } from './tags';
import { toVersionRecord, VERSION_COLUMNS, type VersionRecord, type VersionRow } from './version-record';

/** A version to insert: everything but the sequence number and the latest flag (it becomes the latest). */
export type NewVersion = Omit<VersionRecord, 'seq' | 'isLatest'>;

/** The key's current version (or delete marker), or undefined. */
export async function findLatestVersion(db: Db, bucketId: string, key: string): Promise<VersionRecord | undefined> {
  const rows = await run<VersionRow>(
    db,
    { name: 'storage.find-latest-version', text: `SELECT ${VERSION_COLUMNS} FROM storage.object_versions WHERE bucket_id = $1 AND key = $2 AND is_latest` },
    [bucketId, key],
  );
  return rows[0] && toVersionRecord(rows[0]);
}

/** One version of a key (`null` names the null version), or undefined. */
export async function findVersion(db: Db, bucketId: string, key: string, versionId: string): Promise<VersionRecord | undefined> {
  const rows = await run<VersionRow>(
    db,
    { name: 'storage.find-version', text: `SELECT ${VERSION_COLUMNS} FROM storage.object_versions WHERE bucket_id = $1 AND key = $2 AND version_id = $3` },
    [bucketId, key, versionId],
  );
  return rows[0] && toVersionRecord(rows[0]);
}

const INSERT_COLUMNS = `bucket_id, key, version_id, is_latest, is_delete_marker, size, etag, last_modified, headers, user_metadata, tags, acl,
  owner_id, owner_display_name, storage_class, sse_type, kms_key_arn, kms_key_version, bucket_key_id, format_version,
  wrapped_data_key, stream_id, blob_id, checksum_algorithm, checksum_value, checksum_type, part_layout, replication_status, encryption_context,
  customer_key_check`;

/** The parameters $1 to $29 of a version's insert, in {@link INSERT_COLUMNS} order (is_latest, always true, is no parameter). */
function versionValues(version: NewVersion): unknown[] {
  const encryption = version.encryption;
  return [
    version.bucketId,
    version.key,
    version.versionId,
    version.isDeleteMarker,
    version.size,
    version.etag,
    version.lastModified,
    JSON.stringify(version.headers),
    JSON.stringify(version.userMetadata),
    JSON.stringify(version.tags),
    version.acl === null ? null : JSON.stringify(version.acl),
    version.ownerId,
    version.ownerDisplayName,
    version.storageClass,
    encryption?.sseType ?? null,
    encryption?.kmsKeyArn ?? null,
    encryption?.kmsKeyVersion ?? null,
    encryption?.bucketKeyId ?? null,
    encryption?.formatVersion ?? null,
    encryption === null ? null : Buffer.from(encryption.wrappedDataKey),
    encryption?.streamId ?? null,
    version.blobId,
    version.checksum?.algorithm ?? null,
    version.checksum?.value ?? null,
    version.checksum?.type ?? null,
    version.partLayout === null ? null : JSON.stringify(version.partLayout),
    version.replicationStatus,
    encryption?.encryptionContext == null ? null : JSON.stringify(encryption.encryptionContext),
    encryption?.customerKey == null ? null : JSON.stringify(encryption.customerKey),
  ];
}

/** A new blob the version's statement records, with one reference. */
export interface NewBlob {
  readonly blobId: string;
  readonly sealedLength: number;
}

/** What {@link replaceCurrentVersion} did: the version it inserted, and the null version it replaced. */
export interface Replacement {
  readonly version: VersionRecord;
  /** The null version deleted (its blob references are still to be released), if there was one. */
  readonly droppedNull: Pick<VersionRecord, 'blobId' | 'partLayout' | 'isLatest'> | undefined;
}

/**
 * In one statement (the caller holds the key lock): records `newBlobs`,
 * deletes the key's null version when `dropNull`, marks the current version
 * as no longer current, and inserts `version` as the current one. The insert
 * waits for the other three (its gate reads their results), so the unique
 * indexes never see two current or two null versions; the update skips the
 * null version being deleted, so no row is changed twice.
 */
export async function replaceCurrentVersion(db: Db, version: NewVersion, dropNull: boolean, newBlobs: readonly NewBlob[]): Promise<Replacement> {
  const rows = await run<VersionRow & { dropped: { blob_id: string | null; part_layout: VersionRow['part_layout']; is_latest: boolean } | null }>(
    db,
    {
      name: 'storage.replace-current-version',
      text: `WITH new_blobs AS (
               INSERT INTO storage.blobs (blob_id, sealed_length, ref_count) SELECT id, len, 1 FROM unnest($31::uuid[], $32::bigint[]) AS b(id, len) RETURNING blob_id
             ), dropped AS (
               DELETE FROM storage.object_versions WHERE $30::boolean AND bucket_id = $1 AND key = $2 AND version_id = 'null'
               RETURNING blob_id, part_layout, is_latest
             ), cleared AS (
               UPDATE storage.object_versions SET is_latest = false
               WHERE bucket_id = $1 AND key = $2 AND is_latest AND NOT ($30::boolean AND version_id = 'null') RETURNING seq
             ), inserted AS (
               INSERT INTO storage.object_versions (${INSERT_COLUMNS})
               SELECT $1, $2, $3, true, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29
               WHERE (SELECT count(*) FROM new_blobs) + (SELECT count(*) FROM dropped) + (SELECT count(*) FROM cleared) >= 0
               RETURNING ${VERSION_COLUMNS}
             )
             SELECT inserted.*, (SELECT to_jsonb(dropped) FROM dropped) AS dropped FROM inserted`,
    },
    [...versionValues(version), dropNull, newBlobs.map((blob) => blob.blobId), newBlobs.map((blob) => blob.sealedLength)],
  );
  const { dropped, ...row } = rows[0]!;
  return {
    version: toVersionRecord(row),
    droppedNull: dropped === null ? undefined : { blobId: dropped.blob_id, partLayout: dropped.part_layout, isLatest: dropped.is_latest },
  };
}

/** Deletes the key's null version, if it has one, and returns it. */
export async function deleteNullVersion(db: Db, bucketId: string, key: string): Promise<VersionRecord | undefined> {
  const rows = await run<VersionRow>(
    db,
    {
      name: 'storage.delete-null-version',
      text: `DELETE FROM storage.object_versions WHERE bucket_id = $1 AND key = $2 AND version_id = 'null' RETURNING ${VERSION_COLUMNS}`,
    },
    [bucketId, key],
  );
  return rows[0] && toVersionRecord(rows[0]);
}

/** Deletes one version row. */
export async function deleteVersionRow(db: Db, seq: number): Promise<void> {
  await run(db, { name: 'storage.delete-version', text: 'DELETE FROM storage.object_versions WHERE seq = $1' }, [seq]);
}

/** Makes the newest remaining version of a key its current one (after the current one was deleted). */
export async function promoteNewest(db: Db, bucketId: string, key: string): Promise<void> {
  await run(
    db,
    {
      name: 'storage.promote-newest',
      text: `UPDATE storage.object_versions SET is_latest = true
             WHERE seq = (SELECT max(seq) FROM storage.object_versions WHERE bucket_id = $1 AND key = $2)`,
    },
    [bucketId, key],
  );
}

/** Replaces a version's tag set. */
export async function updateVersionTags(db: Db, seq: number, tags: readonly StoredTag[]): Promise<void> {
  await run(db, { name: 'storage.update-version-tags', text: 'UPDATE storage.object_versions SET tags = $2::jsonb WHERE seq = $1' }, [seq, JSON.stringify(tags)]);
}

/** Replaces a version's ACL. */
export async function updateVersionAcl(db: Db, seq: number, acl: AccessControlPolicy): Promise<void> {
  await run(db, { name: 'storage.update-version-acl', text: 'UPDATE storage.object_versions SET acl = $2::jsonb WHERE seq = $1' }, [seq, JSON.stringify(acl)]);
}

/** Where a listing page resumes: keys after `key` (or from it, when `inclusive`), below `upperBound` when set. */
export interface KeyWindow {
  readonly key: string;
  readonly inclusive: boolean;
  readonly upperBound: string | undefined;
}

/** Current versions (no delete markers) by key, in the window, at most `limit`. */
export async function listCurrentVersions(db: Db, bucketId: string, window: KeyWindow, limit: number): Promise<VersionRecord[]> {
  const rows = await run<VersionRow>(
    db,
    {
      name: 'storage.list-current-versions',
      text: `SELECT ${VERSION_COLUMNS} FROM storage.object_versions
             WHERE bucket_id = $1 AND is_latest AND NOT is_delete_marker
               AND (key > $2 OR ($3 AND key = $2)) AND ($4::text IS NULL OR key < $4)
             ORDER BY key LIMIT $5`,
    },
    [bucketId, window.key, window.inclusive, window.upperBound ?? null, limit],
  );
  return rows.map(toVersionRecord);
}

/**
 * Versions and delete markers by key then newest first, in the window; with
 * `beforeSeq`, the versions of the window's first key older than that one.
 */
export async function listAllVersions(db: Db, bucketId: string, window: KeyWindow, beforeSeq: number | undefined, limit: number): Promise<VersionRecord[]> {
  const rows = await run<VersionRow>(
    db,
    {
      name: 'storage.list-all-versions',
      text: `SELECT ${VERSION_COLUMNS} FROM storage.object_versions
             WHERE bucket_id = $1
               AND (key > $2 OR (key = $2 AND ($3 OR seq < $4))) AND ($5::text IS NULL OR key < $5)
             ORDER BY key, seq DESC LIMIT $6`,
    },
    [bucketId, window.key, window.inclusive, beforeSeq ?? 0, window.upperBound ?? null, limit],
  );
  return rows.map(toVersionRecord);
}
