import { storageV1 } from '@strongroom/contracts';
import type { BucketRecord, Versioning } from './bucket-store';
import type { OwnerInfo } from './policy-directory';
import type { StoredChecksum, StoredChecksumAlgorithm, StoredHeaders, VersionEncryption, VersionRecord } from './version-record';

const VERSIONING: Readonly<Record<Versioning, storageV1.VersioningStatus>> = {
  Unversioned: storageV1.VersioningStatus.UNSPECIFIED,
  Enabled: storageV1.VersioningStatus.ENABLED,
  Suspended: storageV1.VersioningStatus.SUSPENDED,
};

const ALGORITHMS: ReadonlyMap<storageV1.ChecksumAlgorithm, StoredChecksumAlgorithm> = new Map([
  [storageV1.ChecksumAlgorithm.CRC32, 'CRC32'],
  [storageV1.ChecksumAlgorithm.CRC32C, 'CRC32C'],
  [storageV1.ChecksumAlgorithm.CRC64NVME, 'CRC64NVME'],
  [storageV1.ChecksumAlgorithm.SHA1, 'SHA1'],
  [storageV1.ChecksumAlgorithm.SHA256, 'SHA256'],
]);
const ALGORITHM_ENUM = new Map([...ALGORITHMS].map(([value, name]) => [name, value]));

/**
 * A bucket as GetBucket (S3's HeadBucket, which needs only s3:ListBucket)
 * shows it: its id, name and region. Its owner and creation date are for
 * the owning account's ListBuckets, its versioning for GetBucketVersioning,
 * each authorized as S3 authorizes it.
 */
export function toBucketHead(bucket: BucketRecord): storageV1.Bucket {
  return {
    bucketId: bucket.bucketId,
    name: bucket.name,
    ownerAccountId: '',
    region: bucket.region,
    creationDate: undefined,
    versioning: storageV1.VersioningStatus.UNSPECIFIED,
  };
}

/** A bucket as ListBuckets shows it to its owning account: S3 lists its name, creation date and region, not its versioning (GetBucketVersioning's). */
export function toListedBucket(bucket: BucketRecord): storageV1.Bucket {
  return { ...toBucketHead(bucket), ownerAccountId: bucket.ownerAccountId, creationDate: bucket.createdAt };
}

/** A bucket as the API's message, all of it: CreateBucket's answer to its creator. */
export function toBucket(bucket: BucketRecord): storageV1.Bucket {
  return { ...toListedBucket(bucket), versioning: VERSIONING[bucket.versioning] };
}

/** The API's checksum algorithm as stored; undefined for none (or an unknown value). */
export function fromChecksumAlgorithm(algorithm: storageV1.ChecksumAlgorithm): StoredChecksumAlgorithm | undefined {
  return ALGORITHMS.get(algorithm);
}

/** A stored checksum algorithm as the API's enum (UNSPECIFIED for none). */
export function toChecksumAlgorithm(algorithm: StoredChecksumAlgorithm | null): storageV1.ChecksumAlgorithm {
  return algorithm === null ? storageV1.ChecksumAlgorithm.UNSPECIFIED : (ALGORITHM_ENUM.get(algorithm) ?? storageV1.ChecksumAlgorithm.UNSPECIFIED);
}

/** A stored checksum as the API's message. */
export function toChecksum(checksum: StoredChecksum): storageV1.Checksum {
  return {
    algorithm: toChecksumAlgorithm(checksum.algorithm),
    value: checksum.value,
    type: toChecksumType(checksum.type),
  };
}

/** How a version (or upload) is encrypted, as S3 reports it: SSE-S3, or SSE-KMS with its key ARN, context and bucket-key use. */
export function toEncryptionInfo(encryption: Omit<VersionEncryption, 'streamId'>): storageV1.EncryptionInfo {
  if (encryption.sseType === 'AES256') return { algorithm: storageV1.SseAlgorithm.AES256, kmsKeyArn: '', encryptionContext: {}, bucketKeyEnabled: false };
  if (encryption.sseType === 'SSE-C') return { algorithm: storageV1.SseAlgorithm.CUSTOMER, kmsKeyArn: '', encryptionContext: {}, bucketKeyEnabled: false };
  return {
    algorithm: storageV1.SseAlgorithm.AWS_KMS,
    kmsKeyArn: encryption.kmsKeyArn ?? '',
    encryptionContext: { ...encryption.encryptionContext },
    bucketKeyEnabled: encryption.bucketKeyId !== null,
  };
}

/**
 * An encryption as S3 reports it to every operation but the writes that set
 * its context (PutObject, CopyObject, CreateMultipartUpload): without the
 * context. Reads (HeadObject, GetObject, GetObjectAttributes), UploadPart,
 * UploadPartCopy and CompleteMultipartUpload naming it would tell more than
 * S3 does.
 */
export function toEncryptionInfoWithoutContext(encryption: Omit<VersionEncryption, 'streamId'>): storageV1.EncryptionInfo {
  return { ...toEncryptionInfo(encryption), encryptionContext: {} };
}

function toHeaders(headers: StoredHeaders): storageV1.ContentHeaders {
  return {
    contentType: headers.contentType,
    contentEncoding: headers.contentEncoding ?? '',
    contentDisposition: headers.contentDisposition ?? '',
    contentLanguage: headers.contentLanguage ?? '',
    cacheControl: headers.cacheControl ?? '',
    expires: headers.expires ?? '',
    websiteRedirectLocation: headers.websiteRedirectLocation ?? '',
  };
}

/**
 * A version or delete marker as a listing (ListObjects, ListObjectVersions)
 * shows it: only what S3 lists of an object (key, version, size, ETag,
 * date, owner, storage class, the checksum's algorithm and type). A listing
 * needs no more than s3:ListBucket, so nothing only a read may see is in it:
 * no content headers, user metadata, tag count, encryption, part count or
 * checksum value (of the plaintext, which for SSE-C only the key opens).
 * `owner`, when given, is the owner to report instead of the version's own
 * (see `enforcedOwner`).
 */
export function toListedObjectInfo(version: VersionRecord, owner: OwnerInfo | undefined): storageV1.ObjectInfo {
  return {
    key: version.key,
    versionId: version.versionId,
    isLatest: version.isLatest,
    deleteMarker: version.isDeleteMarker,
    size: version.size,
    etag: version.etag ?? '',
    lastModified: version.lastModified,
    headers: undefined,
    userMetadata: {},
    tagCount: 0,
    owner: owner ?? { id: version.ownerId, displayName: version.ownerDisplayName },
    storageClass: version.storageClass,
    encryption: undefined,
    checksum: version.checksum === null ? undefined : { ...toChecksum(version.checksum), value: '' },
    partsCount: 0,
  };
}

/** A version or delete marker as the API's ObjectInfo, as a read (HeadObject, GetObject, GetObjectAttributes) answers it: all of it but the encryption context, as in S3. */
export function toObjectInfo(version: VersionRecord): storageV1.ObjectInfo {
  return {
    ...toListedObjectInfo(version, undefined),
    headers: version.isDeleteMarker ? undefined : toHeaders(version.headers),
    userMetadata: { ...version.userMetadata },
    tagCount: version.tags.length,
    encryption: version.encryption === null ? undefined : toEncryptionInfoWithoutContext(version.encryption),
    checksum: version.checksum === null ? undefined : toChecksum(version.checksum),
    partsCount: version.partLayout?.length ?? 0,
  };
}

/** A checksum type from the API (undefined for UNSPECIFIED). */
export function fromChecksumType(type: storageV1.ChecksumType): StoredChecksum['type'] | undefined {
  if (type === storageV1.ChecksumType.FULL_OBJECT) return 'FULL_OBJECT';
  return type === storageV1.ChecksumType.COMPOSITE ? 'COMPOSITE' : undefined;
}

/** A stored checksum type as the API's enum (UNSPECIFIED for none). */
export function toChecksumType(type: StoredChecksum['type'] | null): storageV1.ChecksumType {
  if (type === null) return storageV1.ChecksumType.UNSPECIFIED;
  return type === 'COMPOSITE' ? storageV1.ChecksumType.COMPOSITE : storageV1.ChecksumType.FULL_OBJECT;
}
