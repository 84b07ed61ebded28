import { storageV1 } from '@strongroom/contracts';
import { requireBucket } from '../bucket-access';
import { validateCustomerKey, wipeCustomerKeys } from '../customer-key';
import { checkKmsObjectRequest } from '../encryption-choice';
import { checkCustomerKey, versionEncryption } from '../object-encryption';
import { MAX_PAGE_SIZE } from '../page-size';
import { toChecksumAlgorithm, toObjectInfo } from '../proto-mapping';
import { shownVersionId } from '../shown-version-id';
import type { StorageHandler } from '../storage-call';
import type { VersionRecord } from '../version-record';
import { OBJECT_ACTIONS, requireVersion, shownTagCount } from '../version-lookup';

/**
 * The page of a multipart object's parts after `marker`, as S3 lists them:
 * only for an object whose checksum is COMPOSITE, each part with its own
 * checksum. For any other object (single-part, a FULL_OBJECT checksum, or
 * none) S3 reports the part count alone: undefined.
 */
function partsPage(version: VersionRecord, maxParts: number, marker: number): storageV1.ObjectPartsPage | undefined {
  const { partLayout, checksum } = version;
  if (partLayout === null || checksum?.type !== 'COMPOSITE') return undefined;
  const algorithm = toChecksumAlgorithm(checksum.algorithm);
  const after = partLayout.filter((part) => part.partNumber > marker);
  const page = after.slice(0, maxParts);
  return {
    parts: page.map((part) => ({
      partNumber: part.partNumber,
      etag: `"${part.etagHex}"`,
      size: part.size,
      checksum: part.checksum === undefined ? undefined : { algorithm, value: part.checksum, type: storageV1.ChecksumType.UNSPECIFIED },
    })),
    maxParts,
    // An empty page (max_parts 0) is never truncated: its marker would name the same page again.
    isTruncated: page.length > 0 && after.length > page.length,
    nextPartNumberMarker: page[page.length - 1]?.partNumber ?? 0,
  };
}

/**
 * GetObjectAttributes: the version's metadata and, for a multipart object
 * with a COMPOSITE checksum, a page of its parts. As S3 documents it, the
 * requester needs s3:GetObjectAttributes and s3:GetObject (by version id:
 * s3:GetObjectVersionAttributes and s3:GetObjectVersion); delete markers
 * answer as for HeadObject, and an SSE-C version needs its customer key.
 * The tag count is told only to a requester who may read the tags, as by a read ({@link shownTagCount}).
 */
export const getObjectAttributes: StorageHandler<storageV1.GetObjectAttributesRequest, storageV1.GetObjectAttributesResponse> = async (deps, request, call) => {
  try {
    const bucket = await requireBucket(deps, request.bucket);
    const version = await requireVersion(deps, call, bucket, request.key, request.versionId, [OBJECT_ACTIONS.getAttributes, OBJECT_ACTIONS.get]);
    checkCustomerKey(versionEncryption(version), validateCustomerKey(request.customerKey, 'customer_key', call.requester));
    checkKmsObjectRequest(version.encryption, call.requester);
    const maxParts = Math.min(request.maxParts ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    return {
      object: { ...toObjectInfo(version), versionId: shownVersionId(bucket, version.versionId), tagCount: await shownTagCount(deps, call, bucket, version, request.versionId) },
      parts: partsPage(version, maxParts, request.partNumberMarker),
    };
  } finally {
    wipeCustomerKeys(request.customerKey);
  }
};
