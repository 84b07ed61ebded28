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
 * The version id a PutObject answer names (a POST upload's too): the new
 * version's, and none for the null version whatever the bucket's
 * versioning. S3 sends no `x-amz-version-id` for a PUT into a suspended
 * bucket, though a GET or HEAD of what it wrote then says `null` and a
 * DELETE there answers `null` (LocalStack's AWS-validated
 * test_put_object_on_suspended_bucket and
 * test_delete_object_on_suspended_bucket snapshots).
 */
export function writtenVersionId(versionId: string): string {
  return versionId === NULL_VERSION_ID ? '' : versionId;
}
