import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { MAX_OBJECT_BYTES } from './object-input';

/**
 * S3's refusal of a copy of more than 5 GiB, decided on the source's
 * recorded size before any byte is read: CopyObject's whole source, and
 * UploadPartCopy's part (its range, or the whole source without one). S3
 * answers both with this InvalidRequest (rclone/rclone#2375 for
 * CopyObject, awslabs/amazon-s3-tar-tool#26 for an UploadPartCopy range),
 * not EntityTooLarge: a larger object is copied in parts of at most 5 GiB.
 */
export function refuseLargeCopy(bytes: number): void {
  if (bytes <= MAX_OBJECT_BYTES) return;
  throw new DomainError(ErrorReason.INVALID_REQUEST, `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_OBJECT_BYTES}`);
}
