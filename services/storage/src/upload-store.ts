import { checksumTypesOf } from '@strongroom/checksums';
import { run } from '@strongroom/db';
import type { AccessControlPolicy } from '@strongroom/iam-policy';
import { int8, type Db } from './db';
import { KEY_CEILING } from './key-order';
import { listingQuery, type RollUp } from './listing-walk';
import type { WrappedEncryption } from './object-encryption';
import type { OwnerInfo } from './policy-directory';
import type { StoredTag } from './tags';
import type { CustomerKeyCheck } from './customer-key';
import type { UploadPlace } from './tombstones';
import type { StoredChecksum, StoredChecksumAlgorithm, StoredHeaders } from './version-record';

/** A multipart upload in progress: what the object will store, and its data key. */
export interface UploadRecord {
  readonly uploadId: string;
  readonly bucketId: string;
  readonly key: string;
  readonly initiatedAt: Date;
  readonly initiator: OwnerInfo;
  readonly owner: OwnerInfo;
  readonly headers: StoredHeaders;
  readonly userMetadata: Readonly<Record<string, string>>;
  readonly tags: readonly StoredTag[];
  readonly acl: AccessControlPolicy;
  readonly storageClass: string;
  readonly encryption: WrappedEncryption;
  readonly checksumAlgorithm: StoredChecksumAlgorithm | null;
  /** How the object's checksum will cover it (the algorithm's default for a row written before it was stored); null exactly when there is no algorithm. */
  readonly checksumType: StoredChecksum['type'] | null;
}

/** An uploaded part: its own sealed stream and blob. */
export interface PartRecord {
  readonly uploadId: string;
  readonly partNumber: number;
  readonly size: number;
  readonly etagHex: string;
  readonly checksumValue: string | null;
  readonly streamId: string;
  readonly blobId: string;
  readonly lastModified: Date;
}

interface UploadRow {
  upload_id: string;
  bucket_id: string;
  key: string;
  initiated_at: Date;
  initiator_id: string;
  initiator_display_name: string;
  owner_id: string;
  owner_display_name: string;
  headers: StoredHeaders;
  user_metadata: Record<string, string>;
  tags: StoredTag[];
  acl: AccessControlPolicy;
  storage_class: string;
  sse_type: 'AES256' | 'aws:kms' | 'SSE-C';
  kms_key_arn: string | null;
  kms_key_version: number | null;
  bucket_key_id: string | null;
  format_version: number;
  wrapped_data_key: Buffer;
  encryption_context: Record<string, string> | null;
  customer_key_check: CustomerKeyCheck | null;
  checksum_algorithm: StoredChecksumAlgorithm | null;
  checksum_type: StoredChecksum['type'] | null;
}

interface PartRow {
  upload_id: string;
  part_number: number;
  size: string;
  etag_hex: string;
  checksum_value: string | null;
  stream_id: string;
  blob_id: string;
  last_modified: Date;
}

const UPLOAD_COLUMNS =
  'upload_id, bucket_id, key, initiated_at, initiator_id, initiator_display_name, owner_id, owner_display_name, headers, user_metadata, tags, acl, ' +
  'storage_class, sse_type, kms_key_arn, kms_key_version, bucket_key_id, format_version, wrapped_data_key, checksum_algorithm, encryption_context, customer_key_check, checksum_type';
const PART_COLUMNS = 'upload_id, part_number, size, etag_hex, checksum_value, stream_id, blob_id, last_modified';

function toUpload(row: UploadRow): UploadRecord {
  return {
    uploadId: row.upload_id,
    bucketId: row.bucket_id,
    key: row.key,
    initiatedAt: row.initiated_at,
    initiator: { id: row.initiator_id, displayName: row.initiator_display_name },
    owner: { id: row.owner_id, displayName: row.owner_display_name },
    headers: row.headers,
    userMetadata: row.user_metadata,
    tags: row.tags,
    acl: row.acl,
    storageClass: row.storage_class,
    encryption: {
      sseType: row.sse_type,
      kmsKeyArn: row.kms_key_arn,
      kmsKeyVersion: row.kms_key_version,
      bucketKeyId: row.bucket_key_id,
      formatVersion: row.format_version,
      wrappedDataKey: row.wrapped_data_key,
      encryptionContext: row.encryption_context,
      customerKey: row.customer_key_check,
    },
    checksumAlgorithm: row.checksum_algorithm,
    checksumType: row.checksum_type ?? (row.checksum_algorithm === null ? null : (checksumTypesOf(row.checksum_algorithm)[0] ?? null)),
  };
}

function toPart(row: PartRow): PartRecord {
  return {
    uploadId: row.upload_id,
    partNumber: row.part_number,
    size: int8(row.size),
    etagHex: row.etag_hex,
    checksumValue: row.checksum_value,
    streamId: row.stream_id,
    blobId: row.blob_id,
    lastModified: row.last_modified,
  };
}

/** An upload to record: everything but its initiation date, which the database's clock gives ({@link insertUpload}). */
export type NewUpload = Omit<UploadRecord, 'initiatedAt'>;

/**
 * The database's clock, to the millisecond (the precision every answer
 * carries): what dates an upload and its parts, as storage.put_version
 * (migration 0014) dates versions, so that the replicas' clocks never
 * disagree about them.
 */
const DATABASE_NOW = `date_trunc('milliseconds', clock_timestamp())`;

/** Records a new upload, initiated at the database's clock. */
export async function insertUpload(db: Db, upload: NewUpload): Promise<void> {
  const { encryption } = upload;
  await run(
    db,
    {
      name: 'storage.insert-upload',
      text: `INSERT INTO storage.multipart_uploads (${UPLOAD_COLUMNS})
             VALUES ($1, $2, $3, ${DATABASE_NOW}, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
    },
    [
      upload.uploadId,
      upload.bucketId,
      upload.key,
      upload.initiator.id,
      upload.initiator.displayName,
      upload.owner.id,
      upload.owner.displayName,
      JSON.stringify(upload.headers),
      JSON.stringify(upload.userMetadata),
      JSON.stringify(upload.tags),
      JSON.stringify(upload.acl),
      upload.storageClass,
      encryption.sseType,
      encryption.kmsKeyArn,
      encryption.kmsKeyVersion,
      encryption.bucketKeyId,
      encryption.formatVersion,
      Buffer.from(encryption.wrappedDataKey),
      upload.checksumAlgorithm,
      encryption.encryptionContext === null ? null : JSON.stringify(encryption.encryptionContext),
      encryption.customerKey === null ? null : JSON.stringify(encryption.customerKey),
      upload.checksumType,
    ],
  );
}

/** An upload by id, or undefined; `forUpdate` locks it until the transaction ends. */
export async function findUpload(db: Db, uploadId: string, forUpdate = false): Promise<UploadRecord | undefined> {
  const rows = await run<UploadRow>(
    db,
    forUpdate
      ? { name: 'storage.lock-upload', text: `SELECT ${UPLOAD_COLUMNS} FROM storage.multipart_uploads WHERE upload_id = $1 FOR UPDATE` }
      : { name: 'storage.find-upload', text: `SELECT ${UPLOAD_COLUMNS} FROM storage.multipart_uploads WHERE upload_id = $1` },
    [uploadId],
  );
  return rows[0] && toUpload(rows[0]);
}

/** Deletes an upload and its part rows (release the parts' blobs first). */
export async function deleteUpload(db: Db, uploadId: string): Promise<void> {
  await run(db, { name: 'storage.delete-upload-parts', text: 'DELETE FROM storage.upload_parts WHERE upload_id = $1' }, [uploadId]);
  await run(db, { name: 'storage.delete-upload', text: 'DELETE FROM storage.multipart_uploads WHERE upload_id = $1' }, [uploadId]);
}

/**
 * Deletes every upload of a bucket with its parts (as a bucket deletion
 * aborts them); returns the parts' blob ids. The uploads are locked first,
 * in order, as a part writer or an abort locks its upload before its parts.
 */
export async function deleteBucketUploads(db: Db, bucketId: string): Promise<string[]> {
  await run(db, { name: 'storage.lock-bucket-uploads', text: 'SELECT 1 FROM storage.multipart_uploads WHERE bucket_id = $1 ORDER BY upload_id FOR UPDATE' }, [bucketId]);
  const parts = await run<{ blob_id: string }>(
    db,
    {
      name: 'storage.delete-bucket-upload-parts',
      text: 'DELETE FROM storage.upload_parts p USING storage.multipart_uploads u WHERE p.upload_id = u.upload_id AND u.bucket_id = $1 RETURNING p.blob_id',
    },
    [bucketId],
  );
  await run(db, { name: 'storage.delete-bucket-uploads', text: 'DELETE FROM storage.multipart_uploads WHERE bucket_id = $1' }, [bucketId]);
  return parts.map((part) => part.blob_id);
}

/** A part to store: everything but its date, which the database's clock gives ({@link upsertPart}). */
export type NewPart = Omit<PartRecord, 'lastModified'>;

/** What {@link upsertPart} stored, and the blob id of the part of the same number it replaced. */
export interface StoredPart {
  readonly part: PartRecord;
  readonly replacedBlobId: string | undefined;
}

/** Stores a part, dated by the database's clock, replacing one of the same number. */
export async function upsertPart(db: Db, part: NewPart): Promise<StoredPart> {
  const previous = await run<{ blob_id: string }>(
    db,
    { name: 'storage.find-part-blob', text: 'SELECT blob_id FROM storage.upload_parts WHERE upload_id = $1 AND part_number = $2 FOR UPDATE' },
    [part.uploadId, part.partNumber],
  );
  const stored = await run<{ last_modified: Date }>(
    db,
    {
      name: 'storage.upsert-part',
      text: `INSERT INTO storage.upload_parts (${PART_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, ${DATABASE_NOW})
             ON CONFLICT (upload_id, part_number) DO UPDATE SET size = $3, etag_hex = $4, checksum_value = $5, stream_id = $6, blob_id = $7, last_modified = EXCLUDED.last_modified
             RETURNING last_modified`,
    },
    [part.uploadId, part.partNumber, part.size, part.etagHex, part.checksumValue, part.streamId, part.blobId],
  );
  return { part: { ...part, lastModified: stored[0]!.last_modified }, replacedBlobId: previous[0]?.blob_id };
}

/** An upload's parts after `afterPartNumber`, by number, at most `limit`. */
export async function listParts(db: Db, uploadId: string, afterPartNumber: number, limit: number): Promise<PartRecord[]> {
  const rows = await run<PartRow>(
    db,
    {
      name: 'storage.list-parts',
      text: `SELECT ${PART_COLUMNS} FROM storage.upload_parts WHERE upload_id = $1 AND part_number > $2 ORDER BY part_number LIMIT $3`,
    },
    [uploadId, afterPartNumber, limit],
  );
  return rows.map(toPart);
}

/** Where a page of uploads resumes: keys after `key` (or from it), or after one upload of it. */
export interface UploadWindow {
  readonly key: string;
  readonly inclusive: boolean;
  readonly upperBound: string | undefined;
  readonly after?: UploadPlace;
}

/**
 * A bucket's uploads by key, then initiation, in the window, at most
 * `limit`; with `rollUp`, only the first upload of each common prefix,
 * which a walk seeks past ({@link listingQuery}).
 */
export async function listUploads(db: Db, bucketId: string, window: UploadWindow, limit: number, rollUp?: RollUp): Promise<UploadRecord[]> {
  const after = window.after?.key === window.key ? window.after : undefined;
  const { query, values } = listingQuery(
    {
      name: 'storage.list-uploads',
      table: 'storage.multipart_uploads',
      columns: UPLOAD_COLUMNS,
      id: 'upload_id',
      within: ['initiated_at', 'upload_id'],
      descending: false,
      listed: 'v.bucket_id = $1 AND v.key < $6',
      first: 'v.key >= $2 AND (v.key > $2 OR $3 OR ($4::timestamptz IS NOT NULL AND (v.initiated_at, v.upload_id) > ($4, $5)))',
      limit: '$7',
    },
    [bucketId, window.key, window.inclusive, after?.initiatedAt ?? null, after?.uploadId ?? '', window.upperBound ?? KEY_CEILING, limit],
    rollUp,
  );
  return (await run<UploadRow>(db, query, values)).map(toUpload);
}
