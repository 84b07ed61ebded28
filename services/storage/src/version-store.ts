import { run } from '@strongroom/db';
import type { AccessControlPolicy } from '@strongroom/iam-policy';
import type { Versioning } from './bucket-store';
import type { Db } from './db';
import { KEY_CEILING } from './key-order';
import { listingQuery, type RollUp } from './listing-walk';
import type { StoredTag } from './tags';
import { toVersionRecord, VERSION_COLUMNS, type VersionRecord, type VersionRow } from './version-record';

/**
 * A version to put: everything but the sequence number, the latest flag (it
 * becomes the latest), its id (the bucket's versioning picks it) and its
 * Last-Modified (stamped under the key's lock, {@link putVersion}).
 */
export type NewVersion = Omit<VersionRecord, 'seq' | 'isLatest' | 'versionId' | 'lastModified'>;

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

/** What {@link putVersion} did: the version it inserted, the versioning it was inserted under, and the blobs whose last reference the null version it replaced held. */
export interface Placement {
  readonly version: VersionRecord;
  /** The bucket's versioning under the lock, which decided the version's id (what an answer names it by, shown-version-id.ts). */
  readonly versioning: Versioning;
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

const PUT_VERSION_PARAMETERS = Array.from({ length: 30 }, (_, index) => `$${index + 1}`).join(', ');

/**
 * One statement, `storage.put_version` (migrations 0007, 0014): locks the
 * bucket (against versioning changes and deletion) and the key (against
 * other writers), then, by the versioning it finds under the lock, records
 * `newBlobs`, replaces the key's null version (releasing its blobs) unless
 * versioning is enabled, and inserts `version` as the current one: with id
 * `enabledVersionId` when versioning is enabled, else `null`, and with
 * Last-Modified the database's clock under the lock, so that no version is
 * dated before the one it follows. On the pool
 * (autocommit) it is a transaction of its own, its locks held until it
 * commits; inside a transaction that holds them already, taking them again
 * is a no-op. Undefined when the bucket is gone (then nothing was written).
 */
export async function putVersion(db: Db, version: NewVersion, enabledVersionId: string, newBlobs: readonly NewBlob[]): Promise<Placement | undefined> {
  const rows = await run<VersionRow & { placed_under: Versioning; released_blob_ids: string[] }>(
    db,
    {
      name: 'storage.put-version',
      text: `SELECT (p.placed).*, p.versioning AS placed_under, p.released_blob_ids FROM storage.put_version(${PUT_VERSION_PARAMETERS}) AS p`,
    },
    putVersionArguments(version, enabledVersionId, newBlobs),
  );
  if (rows[0] === undefined) return undefined;
  const { placed_under: versioning, released_blob_ids: released, ...row } = rows[0];
  return { version: toVersionRecord(row), versioning, released };
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

/** What a current version is: the latest row of its key, not a delete marker. */
const CURRENT = 'v.bucket_id = $1 AND v.is_latest AND NOT v.is_delete_marker AND v.key < $4';

/**
 * Current versions (no delete markers) by key, in the window, at most
 * `limit`; with `rollUp`, only the first key of each common prefix, which
 * a walk seeks past ({@link listingQuery}).
 */
export async function listCurrentVersions(db: Db, bucketId: string, window: KeyWindow, limit: number, rollUp?: RollUp): Promise<VersionRecord[]> {
  const { query, values } = listingQuery(
    {
      name: 'storage.list-current-versions',
      table: 'storage.object_versions',
      columns: VERSION_COLUMNS,
      id: 'seq',
      within: [],
      descending: false,
      listed: CURRENT,
      first: 'v.key >= $2 AND ($3 OR v.key > $2)',
      limit: '$5',
    },
    [bucketId, window.key, window.inclusive, window.upperBound ?? KEY_CEILING, limit],
    rollUp,
  );
  return (await run<VersionRow>(db, query, values)).map(toVersionRecord);
}

/**
 * Versions and delete markers by key then newest first, in the window; with
 * `beforeSeq`, the versions of the window's first key older than that one.
 * With `rollUp`, only the first version of each common prefix, which a
 * walk seeks past ({@link listingQuery}).
 */
export async function listAllVersions(db: Db, bucketId: string, window: KeyWindow, beforeSeq: number | undefined, limit: number, rollUp?: RollUp): Promise<VersionRecord[]> {
  const { query, values } = listingQuery(
    {
      name: 'storage.list-all-versions',
      table: 'storage.object_versions',
      columns: VERSION_COLUMNS,
      id: 'seq',
      within: ['seq'],
      descending: true,
      listed: 'v.bucket_id = $1 AND v.key < $5',
      first: 'v.key >= $2 AND (v.key > $2 OR $3 OR v.seq < $4)',
      limit: '$6',
    },
    [bucketId, window.key, window.inclusive, beforeSeq ?? 0, window.upperBound ?? KEY_CEILING, limit],
    rollUp,
  );
  return (await run<VersionRow>(db, query, values)).map(toVersionRecord);
}
