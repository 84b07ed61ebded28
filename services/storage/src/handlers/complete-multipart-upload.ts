import { compositeChecksum, decodeChecksum, encodeChecksum, fullObjectChecksum, isCrcAlgorithm, multipartEtag } from '@strongroom/checksums';
import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { DomainError, hasReason, invalidArgument } from '@strongroom/errors';
import { releaseBlobReferences } from '../blob-ref-store';
import { requireBucket } from '../bucket-access';
import type { BucketRecord } from '../bucket-store';
import { MAX_MULTIPART_OBJECT_BYTES, MIN_PART_BYTES, noSuchUpload, requireUpload, validatePartNumber } from '../multipart-access';
import { validateCustomerKey, wipeCustomerKeys } from '../customer-key';
import { checkKmsObjectRequest } from '../encryption-choice';
import { checkCompletedChecksum, knownChecksumAlgorithm } from '../checksum-plan';
import { checkChecksumReadKey, versionEncryption } from '../object-encryption';
import { toChecksum, toEncryptionInfoWithoutContext } from '../proto-mapping';
import { refuseUnsupportedWriteConditions, writePreconditionConditions } from '../preconditions';
import { shownVersionId } from '../shown-version-id';
import type { StorageCall, StorageDeps, StorageHandler } from '../storage-call';
import { deleteUpload, findUpload, listParts, type PartRecord, type UploadRecord } from '../upload-store';
import type { PartLayoutEntry, StoredChecksum, VersionRecord } from '../version-record';
import { findCompletedUpload, markCompletedUpload } from '../version-store';
import { checkCurrentVersion, placeVersion, underKeyLock, type CommittedVersion } from '../version-writes';
import { customerKeyCondition, objectCreationCondition } from '../write-conditions';

/** A listed part that was not uploaded, or not with that ETag or checksum; S3 names the part in its answer. */
function invalidPart(message: string, upload: UploadRecord, listed: storageV1.CompletedPart): DomainError {
  return new DomainError(ErrorReason.INVALID_PART, message, { metadata: { upload_id: upload.uploadId, part_number: String(listed.partNumber), etag: listed.etag } });
}

/**
 * True when the upload's object checksum is built from a checksum of each
 * part (COMPOSITE): S3 then needs every part's checksum in the list, and
 * takes only parts numbered 1, 2, 3 and on (InvalidPartOrder otherwise, as
 * AWS's CompletedPart reference says of parts with an additional checksum),
 * so its parts keep their numbers.
 */
function checksumsEachPart(upload: UploadRecord): upload is UploadRecord & { checksumAlgorithm: NonNullable<UploadRecord['checksumAlgorithm']> } {
  return upload.checksumAlgorithm !== null && upload.checksumType === 'COMPOSITE';
}

/**
 * Checks the listed parts against the uploaded ones (S3's rules; a COMPOSITE
 * upload's list gives every part's checksum, and an upload without a
 * checksum algorithm takes none: InvalidPart, as S3 answers it in LocalStack's
 * AWS-validated test_complete_multipart_parts_checksum_default) and returns
 * the uploaded parts in list order.
 */
function matchParts(listed: readonly storageV1.CompletedPart[], uploaded: readonly PartRecord[], upload: UploadRecord): PartRecord[] {
  const byNumber = new Map(uploaded.map((part) => [part.partNumber, part]));
  const chosen = listed.map((entry, index) => {
    validatePartNumber(entry.partNumber, `parts[${index}].part_number`);
    if (index > 0 && entry.partNumber <= (listed[index - 1]?.partNumber ?? 0)) {
      throw new DomainError(ErrorReason.INVALID_PART_ORDER, 'the parts must be listed in ascending order of part number, each once');
    }
    if (checksumsEachPart(upload) && entry.partNumber !== index + 1) {
      throw new DomainError(ErrorReason.INVALID_PART_ORDER, 'the upload has a checksum of each part (COMPOSITE): the parts must be numbered from 1 without gaps');
    }
    const part = byNumber.get(entry.partNumber);
    if (part === undefined) throw invalidPart(`part ${entry.partNumber} was not uploaded`, upload, entry);
    if (entry.etag.replace(/^"|"$/g, '') !== part.etagHex) throw invalidPart(`the ETag of part ${entry.partNumber} does not match`, upload, entry);
    const algorithm = knownChecksumAlgorithm(`parts[${index}].checksum.algorithm`, entry.checksum?.algorithm ?? storageV1.ChecksumAlgorithm.UNSPECIFIED);
    const given = entry.checksum?.value ?? '';
    if (given === '' && checksumsEachPart(upload)) {
      throw new DomainError(
        ErrorReason.INVALID_REQUEST,
        `The upload was created using a ${upload.checksumAlgorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${entry.partNumber} in the request.`,
      );
    }
    if (given !== '' && upload.checksumAlgorithm === null) throw invalidPart(`part ${entry.partNumber} is listed with a checksum, but the upload has no checksum algorithm`, upload, entry);
    if (given !== '' && upload.checksumAlgorithm !== null) {
      if (algorithm !== upload.checksumAlgorithm) {
        throw new DomainError(ErrorReason.BAD_DIGEST, `The ${(algorithm ?? 'checksum').toLowerCase()} you specified for part ${entry.partNumber} did not match what we received.`);
      }
      if (given !== part.checksumValue) throw invalidPart(`the checksum of part ${entry.partNumber} does not match`, upload, entry);
    }
    return part;
  });
  chosen.forEach((part, index) => {
    if (index < chosen.length - 1 && part.size < MIN_PART_BYTES) {
      throw new DomainError(ErrorReason.ENTITY_TOO_SMALL, `part ${part.partNumber} is ${part.size} bytes; every part but the last needs ${MIN_PART_BYTES}`, {
        metadata: { proposed_size: String(part.size), min_size_allowed: String(MIN_PART_BYTES), part_number: String(part.partNumber), etag: part.etagHex },
      });
    }
  });
  if (chosen.reduce((sum, part) => sum + part.size, 0) > MAX_MULTIPART_OBJECT_BYTES) throw new DomainError(ErrorReason.ENTITY_TOO_LARGE, 'a multipart object is at most 5 TiB');
  return chosen;
}

/** The object's checksum from its parts', of the upload's type: the full-object CRC, or composite (`<base64>-<n>`). */
function objectChecksum(upload: UploadRecord, parts: readonly PartRecord[]): StoredChecksum | null {
  const algorithm = upload.checksumAlgorithm;
  if (algorithm === null) return null;
  const type = upload.checksumType;
  const digests = parts.map((part) => decodeChecksum(algorithm, part.checksumValue ?? ''));
  if (digests.some((digest) => digest === undefined)) throw new DomainError(ErrorReason.INVALID_PART, `every part needs its ${algorithm} checksum`);
  const present = digests.filter((digest): digest is Buffer => digest !== undefined);
  if (type === 'FULL_OBJECT' && isCrcAlgorithm(algorithm)) {
    const full = fullObjectChecksum(algorithm, present.map((digest, index) => ({ digest, length: parts[index]?.size ?? 0 })));
    return { algorithm, value: encodeChecksum(full), type: 'FULL_OBJECT' };
  }
  return { algorithm, value: compositeChecksum(algorithm, present), type: 'COMPOSITE' };
}

/** CompleteMultipartUpload's answer about the version it made, named as the bucket's versioning (then) says. */
function completionResponse(bucket: Pick<BucketRecord, 'versioning'>, version: VersionRecord): storageV1.CompleteMultipartUploadResponse {
  return {
    etag: version.etag ?? '',
    versionId: shownVersionId(bucket, version.versionId),
    checksum: version.checksum === null ? undefined : toChecksum(version.checksum),
    encryption: version.encryption === null ? undefined : toEncryptionInfoWithoutContext(version.encryption),
  };
}

/** True when `listed` names exactly the parts (numbers and ETags, in order) `version` was completed from. */
function listsSameParts(listed: readonly storageV1.CompletedPart[], version: VersionRecord): boolean {
  const layout = version.partLayout ?? [];
  return layout.length === listed.length && layout.every((part, index) => part.partNumber === listed[index]?.partNumber && part.etagHex === listed[index].etag.replace(/^"|"$/g, ''));
}

/**
 * CompleteMultipartUpload: under the key's lock and the upload's, checks the
 * listed parts (order, ETags, sizes), then turns the upload into a version
 * whose data are the parts' sealed streams (their blobs move over; parts
 * not listed are released), with the ETag `"<md5 of the part MD5s>-<n>"`.
 * An SSE-C upload's key is required when the upload has a checksum
 * algorithm (the answer carries the checksum of its plaintext), optional
 * otherwise (checked when given), as in S3.
 * A repeat for an upload already completed, listing the same parts, gets
 * the first answer while that version exists (an SDK retrying after a lost
 * answer), as S3 gives it, after the same checks of a customer key or a
 * whole-object checksum it carries.
 */
export const completeMultipartUpload: StorageHandler<storageV1.CompleteMultipartUploadRequest, storageV1.CompleteMultipartUploadResponse> = async (
  deps,
  request,
  call,
) => {
  if (request.parts.length === 0) throw invalidArgument('parts', 'must list at least one part');
  try {
    const bucket = await requireBucket(deps, request.bucket);
    const customerKey = validateCustomerKey(request.customerKey, 'customer_key', call.requester);
    try {
      const committed = await completeUpload(deps, request, call, bucket, customerKey);
      return completionResponse(committed, committed.version);
    } catch (error) {
      if (!hasReason(error, ErrorReason.NO_SUCH_UPLOAD)) throw error;
      const completed = await findCompletedUpload(deps.pool, bucket.bucketId, request.key, request.uploadId);
      if (completed === undefined || !listsSameParts(request.parts, completed)) throw error;
      checkChecksumReadKey(versionEncryption(completed), completed.checksum !== null, customerKey);
      checkKmsObjectRequest(completed.encryption, call.requester);
      checkCompletedChecksum(request.checksum, completed.checksum, request.parts.length);
      return completionResponse(bucket, completed);
    }
  } finally {
    wipeCustomerKeys(request.customerKey);
  }
};

/** Completes the upload (see {@link completeMultipartUpload}); NO_SUCH_UPLOAD when it is not in progress. */
async function completeUpload(
  deps: StorageDeps,
  request: storageV1.CompleteMultipartUploadRequest,
  call: StorageCall,
  bucket: BucketRecord,
  customerKey: Uint8Array | undefined,
): Promise<CommittedVersion> {
  const started = await requireUpload(deps, call, bucket, request.key, request.uploadId, 's3:PutObject', {
    ...writePreconditionConditions(request.preconditions),
    ...objectCreationCondition(true),
    ...customerKeyCondition(request.customerKey),
  });
  refuseUnsupportedWriteConditions(request.preconditions);
  checkChecksumReadKey(started.encryption, started.checksumAlgorithm !== null, customerKey);
  checkKmsObjectRequest(started.encryption, call.requester);
  return underKeyLock(deps, bucket, request.key, async (transaction) => {
    const upload = await findUpload(transaction.client, request.uploadId, true);
    if (upload === undefined) throw noSuchUpload(request.uploadId);
    const uploaded = await listParts(transaction.client, upload.uploadId, 0, 10_000);
    const parts = matchParts(request.parts, uploaded, upload);
    await checkCurrentVersion(transaction, request.preconditions);
    const listed = new Set(parts.map((part) => part.partNumber));
    const layout: PartLayoutEntry[] = parts.map((part) => ({
      partNumber: part.partNumber,
      size: part.size,
      etagHex: part.etagHex,
      streamId: part.streamId,
      blobId: part.blobId,
      ...(part.checksumValue === null ? {} : { checksum: part.checksumValue }),
    }));
    const checksum = objectChecksum(upload, parts);
    checkCompletedChecksum(request.checksum, checksum, parts.length);
    await deleteUpload(transaction.client, upload.uploadId);
    transaction.released.push(...(await releaseBlobReferences(transaction.client, uploaded.filter((part) => !listed.has(part.partNumber)).map((part) => part.blobId))));
    const committed = await placeVersion(deps, transaction, {
      isDeleteMarker: false,
      size: parts.reduce((sum, part) => sum + part.size, 0),
      etag: `"${multipartEtag(parts.map((part) => Buffer.from(part.etagHex, 'hex')))}"`,
      headers: upload.headers,
      userMetadata: upload.userMetadata,
      tags: upload.tags,
      acl: upload.acl,
      ownerId: upload.owner.id,
      ownerDisplayName: upload.owner.displayName,
      storageClass: upload.storageClass,
      encryption: { ...upload.encryption, streamId: null },
      blobId: null,
      checksum,
      partLayout: layout,
      replicationStatus: null,
    });
    await markCompletedUpload(transaction.client, committed.version.seq, upload.uploadId);
    return committed;
  });
}
