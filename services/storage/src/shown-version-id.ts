import type { BucketRecord } from './bucket-store';
import { NULL_VERSION_ID } from './version-id';

/**
 * The version id an answer about one object names, as S3 names it: none
 * (empty) for the null version of a bucket whose versioning was never
 * configured, since S3 sends no `x-amz-version-id` there; the id itself
 * otherwise, `null` included once versioning is enabled or suspended.
 * Listings name every version's id, `null` too, whatever the bucket.
 */
export function shownVersionId(bucket: Pick<BucketRecord, 'versioning'>, versionId: string): string {
  return versionId === NULL_VERSION_ID && bucket.versioning === 'Unversioned' ? '' : versionId;
}

/**
 * The version id an answer names where S3 leaves the null version unnamed
 * whatever the bucket's versioning: a PutObject's new version (a POST
 * upload's too) and a copy's source. S3 sends no `x-amz-version-id` for a
 * PUT into a suspended bucket, though a GET or HEAD of what it wrote then
 * says `null` and a DELETE there answers `null` (LocalStack's AWS-validated
 * test_put_object_on_suspended_bucket and
 * test_delete_object_on_suspended_bucket snapshots); and no
 * `x-amz-copy-source-version-id` for a copy of the null version, though the
 * copy it writes into a suspended bucket is named `null`
 * (test_s3_copy_object_in_place_versioned and
 * test_s3_copy_object_in_place_suspended_only).
 */
export function versionIdUnlessNull(versionId: string): string {
  return versionId === NULL_VERSION_ID ? '' : versionId;
}
