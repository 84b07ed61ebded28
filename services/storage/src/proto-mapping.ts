import { storageV1 } from '@strongroom/contracts';
import type { BucketRecord, Versioning } from './bucket-store';
import type { StoredChecksum, StoredChecksumAlgorithm, StoredHeaders, VersionRecord } from './version-record';

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

/** A bucket as the API's message. */
export function toBucket(bucket: BucketRecord): storageV1.Bucket {
  return {
    bucketId: bucket.bucketId,
    name: bucket.name,
    ownerAccountId: bucket.ownerAccountId,
    region: bucket.region,
    creationDate: bucket.createdAt,
    versioning: VERSIONING[bucket.versioning],
  };
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
    type: checksum.type === 'COMPOSITE' ? storageV1.ChecksumType.COMPOSITE : storageV1.ChecksumType.FULL_OBJECT,
  };
}

/** SSE-S3, the one encryption there is so far. */
export const SSE_S3_INFO: storageV1.EncryptionInfo = { algorithm: storageV1.SseAlgorithm.AES256 };

function toHeaders(headers: StoredHeaders): storageV1.ContentHeaders {
  return {
    contentType: headers.contentType,
    contentEncoding: headers.contentEncoding ?? '',
    contentDisposition: headers.contentDisposition ?? '',
    contentLanguage: headers.contentLanguage ?? '',
    cacheControl: headers.cacheControl ?? '',
    expires: headers.expires ?? '',
  };
}

/** A version or delete marker as the API's ObjectInfo. */
export function toObjectInfo(version: VersionRecord): storageV1.ObjectInfo {
  return {
    key: version.key,
    versionId: version.versionId,
    isLatest: version.isLatest,
    deleteMarker: version.isDeleteMarker,
    size: version.size,
    etag: version.etag ?? '',
    lastModified: version.lastModified,
    headers: version.isDeleteMarker ? undefined : toHeaders(version.headers),
    userMetadata: { ...version.userMetadata },
    tagCount: version.tags.length,
    owner: { id: version.ownerId, displayName: version.ownerDisplayName },
    storageClass: version.storageClass,
    encryption: version.encryption === null ? undefined : SSE_S3_INFO,
    checksum: version.checksum === null ? undefined : toChecksum(version.checksum),
    partsCount: version.partLayout?.length ?? 0,
  };
}
