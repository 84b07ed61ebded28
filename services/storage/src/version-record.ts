import type { AccessControlPolicy } from '@strongroom/iam-policy';
import type { CustomerKeyCheck } from './customer-key';
import { int8 } from './db';
import type { StoredTag } from './tags';

/** The stored HTTP headers of a version (those given; Content-Type always). */
export interface StoredHeaders {
  readonly contentType: string;
  readonly contentEncoding?: string;
  readonly contentDisposition?: string;
  readonly contentLanguage?: string;
  readonly cacheControl?: string;
  readonly expires?: string;
  /** x-amz-website-redirect-location (never carried over by a copy). */
  readonly websiteRedirectLocation?: string;
}

/** An S3 additional checksum algorithm, as stored. */
export type StoredChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';

/** A stored additional checksum (base64 value, `-<parts>` for COMPOSITE). */
export interface StoredChecksum {
  readonly algorithm: StoredChecksumAlgorithm;
  readonly value: string;
  readonly type: 'FULL_OBJECT' | 'COMPOSITE';
}

/** How a version's data is sealed: everything needed to open it, except key material. */
export interface VersionEncryption {
  readonly sseType: 'AES256' | 'aws:kms' | 'SSE-C';
  readonly kmsKeyArn: string | null;
  readonly kmsKeyVersion: number | null;
  readonly bucketKeyId: string | null;
  readonly formatVersion: number;
  readonly wrappedDataKey: Uint8Array;
  /** SSE-KMS: the encryption context as S3 reports it (requested pairs and `aws:s3:arn`); null for SSE-S3. */
  readonly encryptionContext: Readonly<Record<string, string>> | null;
  /** SSE-C: the salted HMAC of the customer's key (never the key); null otherwise. */
  readonly customerKey: CustomerKeyCheck | null;
  /** The stream id of a single-stream version (multipart parts carry their own in the part layout). */
  readonly streamId: string | null;
}

/** One part of a multipart object: its own sealed stream and blob. */
export interface PartLayoutEntry {
  readonly partNumber: number;
  readonly size: number;
  readonly etagHex: string;
  readonly streamId: string;
  readonly blobId: string;
  readonly checksum?: string;
}

/** An object version or delete marker. */
export interface VersionRecord {
  readonly seq: number;
  readonly bucketId: string;
  readonly key: string;
  readonly versionId: string;
  readonly isLatest: boolean;
  readonly isDeleteMarker: boolean;
  readonly size: number;
  /** Quoted; null for delete markers. */
  readonly etag: string | null;
  readonly lastModified: Date;
  readonly headers: StoredHeaders;
  readonly userMetadata: Readonly<Record<string, string>>;
  readonly tags: readonly StoredTag[];
  /** Null for delete markers. */
  readonly acl: AccessControlPolicy | null;
  readonly ownerId: string;
  readonly ownerDisplayName: string;
  readonly storageClass: string;
  /** Null for delete markers. */
  readonly encryption: VersionEncryption | null;
  readonly blobId: string | null;
  readonly checksum: StoredChecksum | null;
  readonly partLayout: readonly PartLayoutEntry[] | null;
  readonly replicationStatus: string | null;
}

/** A version as a row of storage.object_versions. */
export interface VersionRow {
  seq: string;
  bucket_id: string;
  key: string;
  version_id: string;
  is_latest: boolean;
  is_delete_marker: boolean;
  size: string;
  etag: string | null;
  last_modified: Date;
  headers: StoredHeaders;
  user_metadata: Record<string, string>;
  tags: StoredTag[];
  acl: AccessControlPolicy | null;
  owner_id: string;
  owner_display_name: string;
  storage_class: string;
  sse_type: 'AES256' | 'aws:kms' | 'SSE-C' | null;
  kms_key_arn: string | null;
  kms_key_version: number | null;
  bucket_key_id: string | null;
  format_version: number | null;
  wrapped_data_key: Buffer | null;
  encryption_context: Record<string, string> | null;
  stream_id: string | null;
  blob_id: string | null;
  checksum_algorithm: StoredChecksumAlgorithm | null;
  checksum_value: string | null;
  checksum_type: 'FULL_OBJECT' | 'COMPOSITE' | null;
  part_layout: PartLayoutEntry[] | null;
  replication_status: string | null;
  customer_key_check: CustomerKeyCheck | null;
}

/** Every column of storage.object_versions, in the order {@link VersionRow} lists them. */
export const VERSION_COLUMNS =
  'seq, bucket_id, key, version_id, is_latest, is_delete_marker, size, etag, last_modified, headers, user_metadata, tags, acl, owner_id, ' +
  'owner_display_name, storage_class, sse_type, kms_key_arn, kms_key_version, bucket_key_id, format_version, wrapped_data_key, encryption_context, stream_id, ' +
  'blob_id, checksum_algorithm, checksum_value, checksum_type, part_layout, replication_status, customer_key_check';

/** A row as a record. */
export function toVersionRecord(row: VersionRow): VersionRecord {
  const encryption: VersionEncryption | null =
    row.sse_type === null || row.wrapped_data_key === null || row.format_version === null
      ? null
      : {
          sseType: row.sse_type,
          kmsKeyArn: row.kms_key_arn,
          kmsKeyVersion: row.kms_key_version,
          bucketKeyId: row.bucket_key_id,
          formatVersion: row.format_version,
          wrappedDataKey: row.wrapped_data_key,
          encryptionContext: row.encryption_context,
          customerKey: row.customer_key_check,
          streamId: row.stream_id,
        };
  return {
    seq: int8(row.seq),
    bucketId: row.bucket_id,
    key: row.key,
    versionId: row.version_id,
    isLatest: row.is_latest,
    isDeleteMarker: row.is_delete_marker,
    size: int8(row.size),
    etag: row.etag,
    lastModified: row.last_modified,
    headers: row.headers,
    userMetadata: row.user_metadata,
    tags: row.tags,
    acl: row.acl,
    ownerId: row.owner_id,
    ownerDisplayName: row.owner_display_name,
    storageClass: row.storage_class,
    encryption,
    blobId: row.blob_id,
    checksum:
      row.checksum_algorithm === null || row.checksum_value === null
        ? null
        : { algorithm: row.checksum_algorithm, value: row.checksum_value, type: row.checksum_type ?? 'FULL_OBJECT' },
    partLayout: row.part_layout,
    replicationStatus: row.replication_status,
  };
}
