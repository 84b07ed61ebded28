import { ErrorReason, type storageV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';

/**
 * Checks an UploadPartCopy range (`first-last`) against its source's size,
 * as S3 answers one that does not fit (LocalStack's AWS-validated
 * TestS3Multipart::test_upload_part_copy_range, on a 10-byte source):
 * `bytes=100-200`, starting past the last byte, is INVALID_REQUEST "The
 * specified copy range is invalid for the source object size";
 * `bytes=0-100`, starting within it and ending past it, is INVALID_ARGUMENT
 * "Range specified is not valid for source object of size: 10", the range
 * in `invalid_copy_source_range` for the gateway to name as the argument.
 * A range starting at the size itself has no first byte either, and is
 * taken as starting past it (S3's answer to it was not recorded).
 */
export function checkCopySourceRange(range: storageV1.ByteRange | undefined, size: number): void {
  if (range?.first === undefined || range.last === undefined) return;
  if (range.first >= size) throw new DomainError(ErrorReason.INVALID_REQUEST, 'The specified copy range is invalid for the source object size');
  if (range.last >= size) {
    throw new DomainError(ErrorReason.INVALID_ARGUMENT, `Range specified is not valid for source object of size: ${size}`, {
      metadata: { invalid_copy_source_range: `bytes=${range.first}-${range.last}` },
    });
  }
}
