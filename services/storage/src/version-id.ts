import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import type { StorageDeps } from './storage-call';

/** The id of the version a bucket keeps while its versioning is not enabled. */
export const NULL_VERSION_ID = 'null';

/** Every id {@link newVersionId} makes, and the null version's. */
const WELL_FORMED_VERSION_ID = /^(?:[0-9a-f]{48}|null)$/;

/**
 * A new version id: 192 random bits, so unique across buckets and regions, as
 * 48 hex digits: nothing a shell, a URL or a command line (aws-cli reads a
 * leading `-` as an option) treats specially.
 */
export function newVersionId(deps: StorageDeps): string {
  return Buffer.from(deps.random.bytes(24)).toString('hex');
}

/** True for an id Strongroom could have given a version (see {@link newVersionId}). */
export function isWellFormedVersionId(versionId: string): boolean {
  return WELL_FORMED_VERSION_ID.test(versionId);
}

/**
 * Refuses a version id no version can have, as S3 does (400 InvalidArgument
 * "Invalid version id specified"), before anything is looked up or authorized:
 * it is a syntax check of the request's own text and reveals nothing. The
 * metadata names the id and its field, for S3's ArgumentName and ArgumentValue.
 */
export function requireWellFormedVersionId(versionId: string, field = 'version_id'): void {
  if (!isWellFormedVersionId(versionId)) {
    throw new DomainError(ErrorReason.INVALID_ARGUMENT, 'Invalid version id specified', {
      fieldViolations: [{ field, description: 'not a version id' }],
      metadata: { invalid_version_id: versionId, field },
    });
  }
}
