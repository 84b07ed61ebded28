import { ErrorReason } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import type { BucketRecord } from './bucket-store';
import { refuseNul, validateKey } from './object-input';
import type { StorageCall, StorageDeps } from './storage-call';
import { findUpload, type UploadRecord } from './upload-store';

/** S3's part numbers: 1 to 10000. */
export const MAX_PART_NUMBER = 10_000;
/** S3's smallest part but the last (5 MiB). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
/** S3's largest multipart object (5 TiB). */
export const MAX_MULTIPART_OBJECT_BYTES = 5 * 1024 ** 4;

/** Checks a part number (1 to 10000). */
export function validatePartNumber(partNumber: number, field = 'part_number'): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) throw invalidArgument(field, `must be 1 to ${MAX_PART_NUMBER}`);
}

/** A new upload id: 256 random bits as 64 hex digits (safe on command lines and in URLs, like version ids). */
export function newUploadId(deps: StorageDeps): string {
  return Buffer.from(deps.random.bytes(32)).toString('hex');
}

/** The error of an upload that does not exist (or no longer: completed or aborted). */
export function noSuchUpload(uploadId: string): DomainError {
  return new DomainError(ErrorReason.NO_SUCH_UPLOAD, `upload ${uploadId} does not exist`, { metadata: { upload_id: uploadId } });
}

/**
 * The error of an upload-id-marker that names an upload of another key
 * than the key-marker, in S3's words (400 InvalidArgument "Invalid
 * uploadId marker"); the metadata names the marker for S3's ArgumentValue.
 */
export function invalidUploadIdMarker(uploadIdMarker: string): DomainError {
  return new DomainError(ErrorReason.INVALID_ARGUMENT, 'Invalid uploadId marker', {
    fieldViolations: [{ field: 'upload_id_marker', description: 'names an upload of another key' }],
    metadata: { invalid_upload_id_marker: uploadIdMarker },
  });
}

/**
 * Authorizes an upload operation on the key (`context` adds condition
 * keys), then finds the upload, which must belong to that bucket and key
 * (NO_SUCH_UPLOAD otherwise).
 */
export async function requireUpload(
  deps: StorageDeps,
  call: StorageCall,
  bucket: BucketRecord,
  key: string,
  uploadId: string,
  action: string,
  context: Readonly<Record<string, string | readonly string[]>> = {},
): Promise<UploadRecord> {
  validateKey(key);
  if (uploadId === '') throw invalidArgument('upload_id', 'is required');
  refuseNul({ upload_id: uploadId });
  await deps.authorizer.require(call.requester, { action, bucket, key, context });
  const upload = await findUpload(deps.pool, uploadId);
  if (upload === undefined || upload.bucketId !== bucket.bucketId || upload.key !== key) throw noSuchUpload(uploadId);
  return upload;
}
