import { storageV1 } from '@strongroom/contracts';
import { FOREIGN_KEY_VIOLATION, isSqlState, withTransaction } from '@strongroom/db';
import { releaseBlobReferences } from '../blob-ref-store';
import { bucketGone, requireBucket } from '../bucket-access';
import { prefixUpperBound } from '../key-order';
import { collectListing, firstCursor, resumeAfter, type ListingCursor, type ListingRequest } from '../listing';
import { invalidUploadIdMarker, newUploadId, noSuchUpload, requireUpload } from '../multipart-access';
import { newObjectAccess, writeNeedsAclPermission } from '../object-acl';
import { pageSize } from '../page-size';
import { validateCustomerKey, wipeCustomerKeys } from '../customer-key';
import { checkKmsObjectRequest, chooseEncryption } from '../encryption-choice';
import { objectCreationCondition, writeConditions } from '../write-conditions';
import { checkChecksumReadKey, newEncryption } from '../object-encryption';
import { refuseNul, requestedTags, requestTagContext, validateAttributes, validateKey } from '../object-input';
import { planChecksum, uploadChecksumType } from '../checksum-plan';
import { toChecksumAlgorithm, toChecksumType, toEncryptionInfo } from '../proto-mapping';
import type { StorageHandler } from '../storage-call';
import { OBJECT_TAGS, validateTags } from '../tags';
import { findUploadPlace, type UploadPlace } from '../tombstones';
import { deleteUpload, findUpload, insertUpload, listParts as listPartRows, listUploads, type NewUpload, type UploadRecord } from '../upload-store';

function toUploadInfo(upload: UploadRecord): storageV1.UploadInfo {
  return {
    key: upload.key,
    uploadId: upload.uploadId,
    initiator: upload.initiator,
    owner: upload.owner,
    initiated: upload.initiatedAt,
    storageClass: upload.storageClass,
    checksumAlgorithm: toChecksumAlgorithm(upload.checksumAlgorithm),
    checksumType: toChecksumType(upload.checksumType),
  };
}

/**
 * CreateMultipartUpload: authorized like the PutObject it ends in; the
 * object's owner, ACL, metadata and tags are fixed now, and one data key,
 * wrapped like a version's, serves every part (for SSE-C, wrapped with the
 * customer's key, which every part must bring again).
 */
export const createMultipartUpload: StorageHandler<storageV1.CreateMultipartUploadRequest, storageV1.CreateMultipartUploadResponse> = async (
  deps,
  request,
  call,
) => {
  validateKey(request.key);
  const attributes = validateAttributes(request.options);
  const plan = planChecksum(undefined, request.options?.checksumAlgorithm ?? storageV1.ChecksumAlgorithm.UNSPECIFIED);
  const checksumType = uploadChecksumType(plan?.algorithm, request.checksumType);
  const bucket = await requireBucket(deps, request.bucket);
  const asked = requestedTags(request.options);
  const tagContext = requestTagContext(asked);
  await deps.authorizer.require(call.requester, { action: 's3:PutObject', bucket, key: request.key, context: { ...tagContext, ...writeConditions(request.options), ...objectCreationCondition(false) } });
  if (asked.length > 0) await deps.authorizer.require(call.requester, { action: 's3:PutObjectTagging', bucket, key: request.key, context: tagContext });
  if (writeNeedsAclPermission(request.options?.acl)) await deps.authorizer.require(call.requester, { action: 's3:PutObjectAcl', bucket, key: request.key, context: writeConditions(request.options) });
  const tags = validateTags(asked, OBJECT_TAGS);
  const choice = chooseEncryption(bucket, request.key, request.options, call.requester);
  const access = await newObjectAccess(deps, bucket, call.requester, request.options?.acl);
  const initiator = call.requester.accountId === undefined ? access.owner : await deps.directory.owner(call.requester.accountId);
  let newKey;
  try {
    newKey = await newEncryption(deps, bucket, choice);
  } finally {
    wipeCustomerKeys(request.options?.customerKey);
  }
  const { dataKey, encryption } = newKey;
  dataKey.fill(0);
  const upload: NewUpload = {
    uploadId: newUploadId(deps),
    bucketId: bucket.bucketId,
    key: request.key,
    initiator,
    owner: access.owner,
    ...attributes,
    tags,
    acl: access.acl,
    encryption,
    checksumAlgorithm: plan?.algorithm ?? null,
    checksumType,
  };
  await insertUpload(deps.pool, upload).catch((error: unknown) => {
    // The bucket was deleted since it was found.
    throw isSqlState(error, FOREIGN_KEY_VIOLATION) ? bucketGone(bucket) : error;
  });
  return {
    uploadId: upload.uploadId,
    encryption: toEncryptionInfo(encryption),
    checksumAlgorithm: toChecksumAlgorithm(upload.checksumAlgorithm),
    checksumType: toChecksumType(checksumType),
  };
};

/** AbortMultipartUpload: discards the upload and releases its parts' blobs. */
export const abortMultipartUpload: StorageHandler<storageV1.AbortMultipartUploadRequest, storageV1.AbortMultipartUploadResponse> = async (
  deps,
  request,
  call,
) => {
  const bucket = await requireBucket(deps, request.bucket);
  await requireUpload(deps, call, bucket, request.key, request.uploadId, 's3:AbortMultipartUpload');
  const released = await withTransaction(deps.pool, async (client) => {
    if ((await findUpload(client, request.uploadId, true)) === undefined) throw noSuchUpload(request.uploadId);
    const parts = await listPartRows(client, request.uploadId, 0, 10_000);
    await deleteUpload(client, request.uploadId);
    return releaseBlobReferences(client, parts.map((part) => part.blobId));
  });
  for (const blobId of released) await deps.blobs.remove(blobId);
  return {};
};

/**
 * ListParts: an upload's parts by number, a page at a time. The parts of an
 * SSE-C upload with a checksum algorithm are listed only with its key:
 * their checksums are of their plaintext. Those of an SSE-KMS upload are
 * listed only over TLS with SigV4: S3 documents that ListParts of such an
 * upload needs kms:Decrypt, so it is a KMS request like a GET of its object.
 */
export const listParts: StorageHandler<storageV1.ListPartsRequest, storageV1.ListPartsResponse> = async (deps, request, call) => {
  let upload;
  try {
    const bucket = await requireBucket(deps, request.bucket);
    upload = await requireUpload(deps, call, bucket, request.key, request.uploadId, 's3:ListMultipartUploadParts');
    checkChecksumReadKey(upload.encryption, upload.checksumAlgorithm !== null, validateCustomerKey(request.customerKey, 'customer_key', call.requester));
    checkKmsObjectRequest(upload.encryption, call.requester);
  } finally {
    wipeCustomerKeys(request.customerKey);
  }
  const size = pageSize(request, request.maxParts);
  const found = await listPartRows(deps.pool, upload.uploadId, request.partNumberMarker, size + 1);
  const page = found.slice(0, size);
  return {
    parts: page.map((part) => ({
      partNumber: part.partNumber,
      etag: `"${part.etagHex}"`,
      size: part.size,
      lastModified: part.lastModified,
      checksum:
        part.checksumValue === null || upload.checksumAlgorithm === null
          ? undefined
          : { algorithm: toChecksumAlgorithm(upload.checksumAlgorithm), value: part.checksumValue, type: storageV1.ChecksumType.UNSPECIFIED },
    })),
    // An empty page (empty_page) is never truncated: its marker would name the same page again.
    isTruncated: page.length > 0 && found.length > page.length,
    nextPartNumberMarker: page[page.length - 1]?.partNumber ?? 0,
    upload: toUploadInfo(upload),
  };
};

/** ListMultipartUploads: a bucket's uploads by key then initiation, rolled up by the delimiter, with key and upload-id markers. */
export const listMultipartUploads: StorageHandler<storageV1.ListMultipartUploadsRequest, storageV1.ListMultipartUploadsResponse> = async (
  deps,
  request,
  call,
) => {
  refuseNul({ prefix: request.prefix, delimiter: request.delimiter, key_marker: request.keyMarker, upload_id_marker: request.uploadIdMarker });
  const bucket = await requireBucket(deps, request.bucket);
  await deps.authorizer.require(call.requester, { action: 's3:ListBucketMultipartUploads', bucket });
  const listing: ListingRequest = { prefix: request.prefix, delimiter: request.delimiter, startAfter: request.keyMarker, maxKeys: pageSize(request, request.maxUploads) };
  let initial: ListingCursor<UploadPlace> = firstCursor(listing);
  if (request.uploadIdMarker !== '' && request.keyMarker !== '') {
    const marker = await findUploadPlace(deps.pool, bucket.bucketId, request.uploadIdMarker);
    if (marker !== undefined && marker.key !== request.keyMarker) throw invalidUploadIdMarker(request.uploadIdMarker);
    initial = resumeAfter(listing, marker);
  }
  const upperBound = prefixUpperBound(request.prefix);
  const page = await collectListing<UploadRecord, UploadPlace>(listing, initial, (cursor, limit) =>
    listUploads(deps.pool, bucket.bucketId, { key: cursor.key, inclusive: cursor.inclusive, upperBound, ...(cursor.row === undefined ? {} : { after: cursor.row }) }, limit, listing),
  );
  const uploads: storageV1.UploadInfo[] = [];
  const commonPrefixes: string[] = [];
  for (const entry of page.entries) {
    if (entry.kind === 'row') uploads.push(toUploadInfo(entry.row));
    else commonPrefixes.push(entry.prefix);
  }
  // A truncated page names its last entry, a common prefix too, so that it is the next request's key-marker (S3 names none at a prefix, leaving no way on).
  // A last page names its last upload, none when it listed none, as S3 does (LocalStack's AWS-validated test_list_multiparts_with_prefix_and_delimiter).
  const last = page.isTruncated ? page.entries[page.entries.length - 1] : page.entries.findLast((entry) => entry.kind === 'row');
  return {
    uploads,
    commonPrefixes,
    isTruncated: page.isTruncated,
    nextKeyMarker: last === undefined ? '' : last.kind === 'row' ? last.row.key : last.prefix,
    nextUploadIdMarker: last?.kind === 'row' ? last.row.uploadId : '',
  };
};
