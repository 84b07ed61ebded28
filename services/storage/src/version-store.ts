import { run } from '@strongroom/db';
import type { AccessControlPolicy } from '@strongroom/iam-policy';
import type { Db } from './db';
import { KEY_CEILING, LARGEST_CHARACTER } from './key-order';
import type { StoredTag } from './tags';
import { toVersionRecord, VERSION_COLUMNS, type VersionRecord, type VersionRow } from './version-record';

/** A version to put: everything but the sequence number, the latest flag (it becomes the latest) and its id (the bucket's versioning picks it). */
export type NewVersion = Omit<VersionRecord, 'seq' | 'isLatest' | 'versionId'>;

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

/** Records that `seq` was completed from multipart upload `uploadId`. */
export async function markCompletedUpload(db: Db, seq: number, uploadId: string): Promise<void> {
  await run(db, { name: 'storage.mark-completed-upload', text: 'UPDATE storage.object_versions SET completed_upload_id = $2 WHERE seq = $1' }, [seq, uploadId]);
}

/** The version of a key completed from multipart upload `uploadId`, while it exists; undefined otherwise. */
export async function findCompletedUpload(db: Db, bucketId: string, key: string, uploadId: string): Promise<VersionRecord | undefined> {
  const rows = await run<VersionRow>(
    db,
    {
      name: 'storage.find-completed-upload',
      text: `SELECT ${VERSION_COLUMNS} FROM storage.object_versions WHERE completed_upload_id = $3 AND bucket_id = $1 AND key = $2`,
    },
    [bucketId, key, uploadId],
  );
  return rows[0] && toVersionRecord(rows[0]);
}

/** A new blob the version's statement records, with one reference. */
export interface NewBlob {
  readonly blobId: string;
  readonly sealedLength: number;
}

/** What {@link putVersion} did: the version it inserted, and the blobs whose last reference the null version it replaced held. */
export interface Placement {
  readonly version: VersionRecord;
  /** Their rows are gone; their files go once the transaction has committed. */
  readonly released: string[];
}

/** The arguments of `storage.put_version`, in its order. */
function putVersionArguments(version: NewVersion, enabledVersionId: string, newBlobs: readonly NewBlob[]): unknown[] {
  const encryption = version.encryption;
  return [
    version.bucketId,
    version.key,
    enabledVersionId,
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
    newBlobs.map((blob) => blob.blobId),
    newBlobs.map((blob) => blob.sealedLength),
  ];
}

const PUT_VERSION_PARAMETERS = Array.from({ length: 31 }, (_, index) => `$${index + 1}`).join(', ');

/**
 * One statement, `storage.put_version` (migration 0007): locks the bucket
 * (against versioning changes and deletion) and the key (against other
 * writers), then, by the versioning it finds under the lock, records
 * `newBlobs`, replaces the key's null version (releasing its blobs) unless
 * versioning is enabled, and inserts `version` as the current one: with id
 * `enabledVersionId` when versioning is enabled, else `null`. On the pool
 * (autocommit) it is a transaction of its own, its locks held until it
 * commits; inside a transaction that holds them already, taking them again
 * is a no-op. Undefined when the bucket is gone (then nothing was written).
 */
export async function putVersion(db: Db, version: NewVersion, enabledVersionId: string, newBlobs: readonly NewBlob[]): Promise<Placement | undefined> {
  const rows = await run<VersionRow & { released_blob_ids: string[] }>(
    db,
    { name: 'storage.put-version', text: `SELECT (p.placed).*, p.released_blob_ids FROM storage.put_version(${PUT_VERSION_PARAMETERS}) AS p` },
    putVersionArguments(version, enabledVersionId, newBlobs),
  );
  if (rows[0] === undefined) return undefined;
  const { released_blob_ids: released, ...row } = rows[0];
  return { version: toVersionRecord(row), released };
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

/** Keys that roll up into common prefixes: those under `prefix` holding `delimiter` after it. */
export interface RollUp {
  readonly prefix: string;
  readonly delimiter: string;
}

/** The common prefix of the key in `column` under `$prefix` up to `$delimiter`, or NULL, as `listing.ts` rolls keys up. */
function commonPrefixSql(column: string, prefix: string, delimiter: string): string {
  const at = `strpos(substr(${column}, length(${prefix}) + 1), ${delimiter})`;
  return `CASE WHEN ${at} > 0 THEN left(${column}, length(${prefix}) + ${at} - 1 + length(${delimiter})) END`;
}

/** What a current version is: the latest row of its key, not a delete marker. */
const CURRENT = 'v.bucket_id = $1 AND v.is_latest AND NOT v.is_delete_marker AND v.key < $4';

/**
 * Current versions (no delete markers) by key, in the window, at most
 * `limit`. With `rollUp`, only the first key of each common prefix: the
 * others would be rolled up into it, and a listing of a bucket whose
 * "directories" hold thousands of keys read them all, 1,001 rows per common
 * prefix, and took seconds for a page. The walk seeks past each common
 * prefix in the index instead (the bound after its last possible key, less
 * those that start with it and U+10FFFF, which the filter drops). Every
 * bound is a plain comparison, so that each probe is an index range in a
 * generic plan too.
 */
export async function listCurrentVersions(db: Db, bucketId: string, window: KeyWindow, limit: number, rollUp?: RollUp): Promise<VersionRecord[]> {
  const parameters = [bucketId, window.key, window.inclusive, window.upperBound ?? KEY_CEILING, limit];
  if (rollUp === undefined || rollUp.delimiter === '') {
    const text = `SELECT ${VERSION_COLUMNS} FROM storage.object_versions v WHERE ${CURRENT} AND v.key >= $2 AND ($3 OR v.key > $2) ORDER BY v.key LIMIT $5`;
    return (await run<VersionRow>(db, { name: 'storage.list-current-versions', text }, parameters)).map(toVersionRecord);
  }
  const rolled = (column: string) => commonPrefixSql(column, '$6::text', '$7::text');
  const text = `WITH RECURSIVE walk(n, key, rolled) AS (
      (SELECT 1, v.key, ${rolled('v.key')} FROM storage.object_versions v
       WHERE ${CURRENT} AND v.key >= $2 AND ($3 OR v.key > $2) ORDER BY v.key LIMIT 1)
      UNION ALL
      SELECT walk.n + 1, next.key, ${rolled('next.key')} FROM walk CROSS JOIN LATERAL (
        SELECT v.key FROM storage.object_versions v
        WHERE ${CURRENT} AND v.key > COALESCE(walk.rolled || $8::text, walk.key) AND (walk.rolled IS NULL OR NOT starts_with(v.key, walk.rolled))
        ORDER BY v.key LIMIT 1) next
      WHERE walk.n < $5)
    SELECT ${VERSION_COLUMNS} FROM storage.object_versions v WHERE v.bucket_id = $1 AND v.is_latest AND v.key IN (SELECT key FROM walk) ORDER BY v.key`;
  const rows = await run<VersionRow>(db, { name: 'storage.list-current-versions-rolled-up', text }, [...parameters, rollUp.prefix, rollUp.delimiter, LARGEST_CHARACTER]);
  return rows.map(toVersionRecord);
}

/**
 * Versions and delete markers by key then newest first, in the window; with
 * `beforeSeq`, the versions of the window's first key older than that one.
 * With `rollUp`, only the first version of each common prefix, which a
 * walk seeks past as {@link listCurrentVersions} does.
 */
export async function listAllVersions(db: Db, bucketId: string, window: KeyWindow, beforeSeq: number | undefined, limit: number, rollUp?: RollUp): Promise<VersionRecord[]> {
  const parameters = [bucketId, window.key, window.inclusive, beforeSeq ?? 0, window.upperBound ?? KEY_CEILING, limit];
  const inWindow = 'v.bucket_id = $1 AND v.key < $5';
  const first = `${inWindow} AND v.key >= $2 AND (v.key > $2 OR $3 OR v.seq < $4)`;
  if (rollUp === undefined || rollUp.delimiter === '') {
    const text = `SELECT ${VERSION_COLUMNS} FROM storage.object_versions v WHERE ${first} ORDER BY v.key, v.seq DESC LIMIT $6`;
    return (await run<VersionRow>(db, { name: 'storage.list-all-versions', text }, parameters)).map(toVersionRecord);
  }
  const rolled = (column: string) => commonPrefixSql(column, '$7::text', '$8::text');
  const text = `WITH RECURSIVE walk(n, key, seq, rolled) AS (
      (SELECT 1, v.key, v.seq, ${rolled('v.key')} FROM storage.object_versions v WHERE ${first} ORDER BY v.key, v.seq DESC LIMIT 1)
      UNION ALL
      SELECT walk.n + 1, next.key, next.seq, ${rolled('next.key')} FROM walk CROSS JOIN LATERAL (
        SELECT candidate.key, candidate.seq FROM (
          (SELECT v.key, v.seq FROM storage.object_versions v
           WHERE walk.rolled IS NULL AND v.bucket_id = $1 AND v.key = walk.key AND v.seq < walk.seq ORDER BY v.seq DESC LIMIT 1)
          UNION ALL
          (SELECT v.key, v.seq FROM storage.object_versions v
           WHERE ${inWindow} AND v.key > COALESCE(walk.rolled || $9::text, walk.key) AND (walk.rolled IS NULL OR NOT starts_with(v.key, walk.rolled))
           ORDER BY v.key, v.seq DESC LIMIT 1)) candidate
        ORDER BY candidate.key, candidate.seq DESC LIMIT 1) next
      WHERE walk.n < $6)
    SELECT ${VERSION_COLUMNS} FROM storage.object_versions v WHERE v.bucket_id = $1 AND v.seq IN (SELECT seq FROM walk) ORDER BY v.key, v.seq DESC`;
  const rows = await run<VersionRow>(db, { name: 'storage.list-all-versions-rolled-up', text }, [...parameters, rollUp.prefix, rollUp.delimiter, LARGEST_CHARACTER]);
  return rows.map(toVersionRecord);
}
