import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import type { AccessCheck } from './authorizer';
import type { BucketRecord } from './bucket-store';
import { validateKey } from './object-input';
import type { StorageCall, StorageDeps } from './storage-call';
import { requireWellFormedVersionId } from './version-id';
import type { VersionRecord } from './version-record';
import { findLatestVersion, findVersion } from './version-store';

/** An object action and its by-version form: `s3:GetObject` and `s3:GetObjectVersion`, ... */
export interface ObjectAction {
  readonly current: string;
  readonly version: string;
  /**
   * True when S3 refuses the action on a current delete marker as on one
   * named by id (METHOD_NOT_ALLOWED), not as a missing key: the object
   * tagging actions (LocalStack's AWS-validated test_object_tagging_versioned).
   */
  readonly notAllowedOnCurrentDeleteMarker?: boolean;
}

/** The object actions of S3, by what they do. */
export const OBJECT_ACTIONS = {
  get: { current: 's3:GetObject', version: 's3:GetObjectVersion' },
  getTagging: { current: 's3:GetObjectTagging', version: 's3:GetObjectVersionTagging', notAllowedOnCurrentDeleteMarker: true },
  putTagging: { current: 's3:PutObjectTagging', version: 's3:PutObjectVersionTagging', notAllowedOnCurrentDeleteMarker: true },
  deleteTagging: { current: 's3:DeleteObjectTagging', version: 's3:DeleteObjectVersionTagging', notAllowedOnCurrentDeleteMarker: true },
  getAcl: { current: 's3:GetObjectAcl', version: 's3:GetObjectVersionAcl' },
  putAcl: { current: 's3:PutObjectAcl', version: 's3:PutObjectVersionAcl' },
  getAttributes: { current: 's3:GetObjectAttributes', version: 's3:GetObjectVersionAttributes' },
} as const satisfies Record<string, ObjectAction>;

/** The version a request names: the current one, or by id (`null` names the null version); a malformed id is INVALID_ARGUMENT. */
export async function findNamedVersion(deps: StorageDeps, bucket: BucketRecord, key: string, versionId: string): Promise<VersionRecord | undefined> {
  if (versionId === '') return findLatestVersion(deps.pool, bucket.bucketId, key);
  requireWellFormedVersionId(versionId);
  return findVersion(deps.pool, bucket.bucketId, key, versionId);
}

/**
 * The check of an object action on the version a request names: the
 * by-version action, with `s3:VersionId`, when it names one by id.
 * `context` adds condition keys.
 */
function versionCheck(
  bucket: BucketRecord,
  key: string,
  versionId: string,
  action: ObjectAction,
  context: Readonly<Record<string, string | readonly string[]>> = {},
): AccessCheck {
  return versionId === '' ? { action: action.current, bucket, key, context } : { action: action.version, bucket, key, context: { ...context, 's3:VersionId': versionId } };
}

/** Authorizes one more action on a version {@link requireVersion} found (with its owner, ACL and tags), as that function does. */
export async function requireOnVersion(deps: StorageDeps, call: StorageCall, bucket: BucketRecord, version: VersionRecord, versionId: string, action: ObjectAction): Promise<void> {
  await deps.authorizer.require(call.requester, { ...versionCheck(bucket, version.key, versionId, action), object: version });
}

/**
 * The tag count a read (GetObject, HeadObject, GetObjectAttributes) may
 * tell of a version {@link requireVersion} found: S3 sends
 * `x-amz-tagging-count` only "when you have the relevant permission to read
 * object tags" (its API reference), s3:GetObjectTagging or, by version id,
 * s3:GetObjectVersionTagging on that version; 0 to anyone else, as for a
 * version without tags (which needs no question).
 */
export async function shownTagCount(deps: StorageDeps, call: StorageCall, bucket: BucketRecord, version: VersionRecord, versionId: string): Promise<number> {
  if (version.tags.length === 0) return 0;
  const mayReadTags = await deps.authorizer.allows(call.requester, { ...versionCheck(bucket, version.key, versionId, OBJECT_ACTIONS.getTagging), object: version });
  return mayReadTags ? version.tags.length : 0;
}

/** The metadata of a NO_SUCH_VERSION: the key and the version id asked for, which S3's NoSuchVersion names. */
function missingVersionMetadata(key: string, versionId: string): Record<string, string> {
  return { key, version_id: versionId };
}

/**
 * Finds the version an object request is about and authorizes the request
 * on it (with its owner, ACL and tags): every one of `actions`, before
 * anything about the version is revealed. As S3 does, a missing object is
 * NO_SUCH_KEY (or NO_SUCH_VERSION) only to a requester who may also list
 * the bucket, ACCESS_DENIED to others. `context` adds condition keys. A current delete marker is
 * NO_SUCH_KEY (METHOD_NOT_ALLOWED for an action {@link ObjectAction.notAllowedOnCurrentDeleteMarker});
 * a delete marker asked for by id is METHOD_NOT_ALLOWED (both
 * say `delete_marker`, `version_id` and the marker's `last_modified` in
 * their metadata); a NO_SUCH_VERSION says `key` and `version_id`.
 */
export async function requireVersion(
  deps: StorageDeps,
  call: StorageCall,
  bucket: BucketRecord,
  key: string,
  versionId: string,
  actions: ObjectAction | readonly ObjectAction[],
  context: Readonly<Record<string, string | readonly string[]>> = {},
): Promise<VersionRecord> {
  validateKey(key);
  const actionList = [actions].flat();
  const checks = actionList.map((action) => versionCheck(bucket, key, versionId, action, context));
  const version = await findNamedVersion(deps, bucket, key, versionId);
  if (version === undefined) {
    await deps.authorizer.requireAll(call.requester, checks);
    await deps.authorizer.require(call.requester, { action: 's3:ListBucket', bucket });
    throw versionId === ''
      ? new DomainError(ErrorReason.NO_SUCH_KEY, `no object ${key} in bucket ${bucket.name}`)
      : new DomainError(ErrorReason.NO_SUCH_VERSION, `no version ${versionId} of ${key} in bucket ${bucket.name}`, { metadata: missingVersionMetadata(key, versionId) });
  }
  await deps.authorizer.requireAll(call.requester, checks.map((check) => ({ ...check, object: version })));
  if (version.isDeleteMarker) {
    const metadata = { delete_marker: 'true', version_id: version.versionId, last_modified: version.lastModified.toISOString() };
    const which = versionId === '' ? `the current version of ${key}` : `version ${versionId} of ${key}`;
    const missingKey = versionId === '' && !actionList.some((action) => action.notAllowedOnCurrentDeleteMarker === true);
    throw new DomainError(missingKey ? ErrorReason.NO_SUCH_KEY : ErrorReason.METHOD_NOT_ALLOWED, `${which} is a delete marker`, { metadata });
  }
  return version;
}

/**
 * The `s3:x-amz-copy-source` condition key of a copy (CopyObject,
 * UploadPartCopy): `<bucket>/<key>[?versionId=<id>]` decoded, as S3's policy
 * examples write it, whatever spelling of the header the client sent
 * (a leading slash, `%20`, `+`), so one policy pattern covers every spelling.
 */
export function copySourceCondition(sourceBucket: string, sourceKey: string, sourceVersionId: string): Record<string, string> {
  return { 's3:x-amz-copy-source': `${sourceBucket}/${sourceKey}${sourceVersionId === '' ? '' : `?versionId=${sourceVersionId}`}` };
}

/** Metadata that marks a NO_SUCH_KEY or NO_SUCH_VERSION as the copy source's, not the destination's. */
export const COPY_SOURCE_METADATA: Readonly<Record<string, string>> = { copy_source: 'true' };

/**
 * {@link requireVersion} for the source of a copy (CopyObject,
 * UploadPartCopy), answered as S3 does there: a delete marker named by
 * version id is INVALID_REQUEST; a missing source is NO_SUCH_KEY or
 * NO_SUCH_VERSION marked as the source's ({@link COPY_SOURCE_METADATA}),
 * without the source's delete-marker headers.
 */
export async function requireCopySource(deps: StorageDeps, call: StorageCall, bucket: BucketRecord, key: string, versionId: string): Promise<VersionRecord> {
  try {
    return await requireVersion(deps, call, bucket, key, versionId, OBJECT_ACTIONS.get);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.reason === ErrorReason.METHOD_NOT_ALLOWED && error.metadata.delete_marker === 'true') {
      throw new DomainError(ErrorReason.INVALID_REQUEST, 'The source of a copy request may not specifically refer to a delete marker by version id.');
    }
    if (error.reason === ErrorReason.NO_SUCH_KEY || error.reason === ErrorReason.NO_SUCH_VERSION) {
      const missing = error.reason === ErrorReason.NO_SUCH_VERSION ? missingVersionMetadata(key, versionId) : {};
      throw new DomainError(error.reason, error.message, { metadata: { ...COPY_SOURCE_METADATA, ...missing } });
    }
    throw error;
  }
}
