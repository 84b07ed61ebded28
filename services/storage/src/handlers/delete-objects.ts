import { distinctObjects, ErrorReason, type storageV1 } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import type { AccessCheck } from '../authorizer';
import { requireBucket } from '../bucket-access';
import type { BucketRecord } from '../bucket-store';
import { validateKey } from '../object-input';
import { ANONYMOUS_OWNER } from '../policy-directory';
import type { StorageCall, StorageDeps, StorageHandler } from '../storage-call';
import { isWellFormedVersionId } from '../version-id';
import { findNamedVersion } from '../version-lookup';
import { deleteCurrentVersion, deleteSpecificVersion, type DeleteOutcome } from '../version-writes';

/** S3's limit on DeleteObjects. */
const MAX_DELETE_OBJECTS = 1000;

/**
 * Deletes one object by S3's rules: without a version id, the current
 * version (a delete marker where versioning is on or suspended), authorized
 * as s3:DeleteObject; with one, that version permanently, authorized as
 * s3:DeleteObjectVersion. The version's owner and ACL inform the decision
 * (its tags do not: S3 decides no delete by them).
 * An `ifMatch` makes the delete conditional on the current version's ETag,
 * checked under the key lock (its value is the `s3:if-match` condition key,
 * and an ETag, unlike `*`, also needs s3:GetObject); S3 has no conditional
 * delete of a named version.
 */
async function deleteOne(deps: StorageDeps, call: StorageCall, bucket: BucketRecord, { key, versionId, ifMatch }: storageV1.ObjectIdentifier): Promise<DeleteOutcome> {
  validateKey(key);
  if (ifMatch !== '' && versionId !== '') throw invalidArgument('if_match', 'a conditional delete applies to the current version, not to a version id');
  const target = await findNamedVersion(deps, bucket, key, versionId);
  const object = target === undefined ? {} : { object: target };
  const condition: Record<string, string> = ifMatch === '' ? {} : { 's3:if-match': ifMatch };
  const checks: AccessCheck[] = [{ action: versionId === '' ? 's3:DeleteObject' : 's3:DeleteObjectVersion', bucket, key, ...object, context: versionId === '' ? condition : { 's3:VersionId': versionId } }];
  // As S3 documents it, a delete conditional on an ETag (not `*`) also needs s3:GetObject: its answer tells whether the ETag is the object's.
  if (ifMatch !== '' && ifMatch !== '*') checks.push({ action: 's3:GetObject', bucket, key, ...object, context: condition });
  await deps.authorizer.requireAll(call.requester, checks);
  if (versionId !== '') return deleteSpecificVersion(deps, bucket, key, versionId);
  const owner = call.requester.accountId === undefined ? ANONYMOUS_OWNER : await deps.directory.owner(call.requester.accountId);
  return deleteCurrentVersion(deps, bucket, key, ifMatch === '' ? undefined : { ifMatch, ifNoneMatch: '' }, {
    isDeleteMarker: true,
    size: 0,
    etag: null,
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

/** The If-Match of a DeleteObject (`''` for none): S3 evaluates no other condition on a delete. */
function deleteIfMatch(preconditions: storageV1.Preconditions | undefined): string {
  if (preconditions === undefined) return '';
  if (preconditions.ifNoneMatch !== '' || preconditions.ifModifiedSince !== undefined || preconditions.ifUnmodifiedSince !== undefined) {
    throw invalidArgument('preconditions', 'a delete takes if_match only');
  }
  return preconditions.ifMatch;
}

/** DeleteObject. */
export const deleteObject: StorageHandler<storageV1.DeleteObjectRequest, storageV1.DeleteObjectResponse> = async (deps, request, call) => {
  const ifMatch = deleteIfMatch(request.preconditions);
  const bucket = await requireBucket(deps, request.bucket);
  return deleteOne(deps, call, bucket, { key: request.key, versionId: request.versionId, ifMatch });
};

/**
 * DeleteObjects: up to 1000 objects, each authorized, conditioned (its
 * `if_match`) and deleted on its own, an object named more than once only
 * once, as S3 does; failures are reported per object (a
 * malformed version id as NO_SUCH_VERSION there, as S3 reports it). A
 * failed bucket owner condition fails the whole request instead, found at
 * the first object one of whose checks the requester passes, before any is
 * deleted.
 */
export const deleteObjects: StorageHandler<storageV1.DeleteObjectsRequest, storageV1.DeleteObjectsResponse> = async (deps, request, call) => {
  if (request.objects.length === 0 || request.objects.length > MAX_DELETE_OBJECTS) throw invalidArgument('objects', `must name 1 to ${MAX_DELETE_OBJECTS} objects`);
  const bucket = await requireBucket(deps, request.bucket);
  const deleted: storageV1.DeletedObject[] = [];
  const errors: storageV1.DeleteError[] = [];
  for (const object of distinctObjects(request.objects)) {
    const { key, versionId } = object;
    if (versionId !== '' && !isWellFormedVersionId(versionId)) {
      errors.push({ key, versionId, reason: ErrorReason[ErrorReason.NO_SUCH_VERSION], message: `no version ${versionId} of ${key}` });
      continue;
    }
    try {
      const outcome = await deleteOne(deps, call, bucket, object);
      if (!request.quiet) {
        deleted.push({ key, versionId, deleteMarker: outcome.deleteMarker, deleteMarkerVersionId: outcome.deleteMarker ? outcome.versionId : '' });
      }
    } catch (error) {
      // The owner is compared once a check is allowed, so the first object with an allowed check finds a mismatch before anything is deleted.
      if (error instanceof DomainError && error.reason === ErrorReason.BUCKET_OWNER_MISMATCH) throw error;
      if (!(error instanceof DomainError)) {
        deps.logger.error({ err: error, bucket: bucket.name }, 'DeleteObjects failed on one object');
        errors.push({ key, versionId, reason: 'INTERNAL', message: 'internal error' });
      } else errors.push({ key, versionId, reason: error.reasonName, message: error.message });
    }
  }
  return { deleted, errors };
};
