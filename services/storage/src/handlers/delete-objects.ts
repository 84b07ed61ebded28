import type { storageV1 } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { requireBucket } from '../bucket-access';
import { requireExpectedOwner } from '../bucket-owner-condition';
import type { BucketRecord } from '../bucket-store';
import { validateKey } from '../object-input';
import { ANONYMOUS_OWNER } from '../policy-directory';
import type { StorageCall, StorageDeps, StorageHandler } from '../storage-call';
import { findNamedVersion } from '../version-lookup';
import { deleteCurrentVersion, deleteSpecificVersion, type DeleteOutcome } from '../version-writes';

/** S3's limit on DeleteObjects. */
const MAX_DELETE_OBJECTS = 1000;

/**
 * Deletes one object by S3's rules: without a version id, the current
 * version (a delete marker where versioning is on or suspended), authorized
 * as s3:DeleteObject; with one, that version permanently, authorized as
 * s3:DeleteObjectVersion. The version's tags and owner inform the decision.
 */
async function deleteOne(deps: StorageDeps, call: StorageCall, bucket: BucketRecord, key: string, versionId: string): Promise<DeleteOutcome> {
  validateKey(key);
  const target = await findNamedVersion(deps, bucket, key, versionId);
  await deps.authorizer.require(call.requester, {
    action: versionId === '' ? 's3:DeleteObject' : 's3:DeleteObjectVersion',
    bucket,
    key,
    ...(target === undefined ? {} : { object: target }),
    context: versionId === '' ? {} : { 's3:VersionId': versionId },
  });
  if (versionId !== '') return deleteSpecificVersion(deps, bucket, key, versionId);
  const owner = call.requester.accountId === undefined ? ANONYMOUS_OWNER : await deps.directory.owner(call.requester.accountId);
  return deleteCurrentVersion(deps, bucket, key, {
    isDeleteMarker: true,
    size: 0,
    etag: null,
    lastModified: deps.now(),
    headers: { contentType: '' },
    userMetadata: {},
    tags: [],
    acl: null,
    ownerId: owner.id,
    ownerDisplayName: owner.displayName,
    storageClass: 'STANDARD',
    encryption: null,
    blobId: null,
    checksum: null,
    partLayout: null,
    replicationStatus: null,
  });
}

/** DeleteObject. */
export const deleteObject: StorageHandler<storageV1.DeleteObjectRequest, storageV1.DeleteObjectResponse> = async (deps, request, call) => {
  const bucket = await requireBucket(deps, request.bucket);
  return deleteOne(deps, call, bucket, request.key, request.versionId);
};

/**
 * DeleteObjects: up to 1000 objects, each authorized and deleted on its
 * own; failures are reported per object. A failed bucket owner condition
 * fails the whole request instead, before any object.
 */
export const deleteObjects: StorageHandler<storageV1.DeleteObjectsRequest, storageV1.DeleteObjectsResponse> = async (deps, request, call) => {
  if (request.objects.length === 0 || request.objects.length > MAX_DELETE_OBJECTS) throw invalidArgument('objects', `must name 1 to ${MAX_DELETE_OBJECTS} objects`);
  const bucket = await requireBucket(deps, request.bucket);
  requireExpectedOwner(call.requester, bucket);
  const deleted: storageV1.DeletedObject[] = [];
  const errors: storageV1.DeleteError[] = [];
  for (const { key, versionId } of request.objects) {
    try {
      const outcome = await deleteOne(deps, call, bucket, key, versionId);
      if (!request.quiet) {
        deleted.push({ key, versionId, deleteMarker: outcome.deleteMarker, deleteMarkerVersionId: outcome.deleteMarker ? outcome.versionId : '' });
      }
    } catch (error) {
      if (!(error instanceof DomainError)) {
        deps.logger.error({ err: error, bucket: bucket.name }, 'DeleteObjects failed on one object');
        errors.push({ key, versionId, reason: 'INTERNAL', message: 'internal error' });
      } else errors.push({ key, versionId, reason: error.reasonName, message: error.message });
    }
  }
  return { deleted, errors };
};
