import type { storageV1 } from '@strongroom/contracts';
import { retryingDeadlocks, withTransaction, type PoolClient } from '@strongroom/db';
import { bucketGone } from './bucket-access';
import { addBlobReference, releaseBlobReferences } from './blob-ref-store';
import { lockBucketAndKey, type BucketRecord } from './bucket-store';
import { checkWritePreconditions, hasWritePreconditions } from './preconditions';
import type { StorageDeps } from './storage-call';
import type { VersionRecord } from './version-record';
import { VersionGone } from './version-gone';
import { COPY_SOURCE_METADATA } from './version-lookup';
import { newVersionId } from './version-id';
import { deleteNullVersion, deleteVersionRow, findLatestVersion, findVersion, promoteNewest, putVersion, type NewBlob, type NewVersion, type Placement } from './version-store';

/** A version to write: everything but where it goes, its id (which the bucket's versioning decides) and its Last-Modified (stamped as it commits). */
export type VersionDraft = Omit<NewVersion, 'bucketId' | 'key'>;

/**
 * A version as committed, with the bucket's versioning it was committed
 * under: a write's answer names the version by that state
 * (shown-version-id.ts), not by the one read before its body arrived.
 */
export type CommittedVersion = Omit<Placement, 'released'>;

/** A transaction holding the bucket and one key, with the blobs it released (their files go after commit). */
export interface KeyTransaction {
  readonly client: PoolClient;
  /** The bucket as it is inside the transaction (its versioning state is current). */
  readonly bucket: BucketRecord;
  readonly key: string;
  readonly released: string[];
}

/** How the new version's blob joins the blob table. */
export type BlobReference = { readonly kind: 'new'; readonly blobId: string; readonly sealedLength: number } | { readonly kind: 'shared'; readonly blobId: string };

/** Drops every blob reference a version holds; returns the blobs whose last reference that was. */
async function releaseBlobs(client: PoolClient, version: Pick<VersionRecord, 'blobId' | 'partLayout'>): Promise<string[]> {
  return releaseBlobReferences(client, [...(version.blobId === null ? [] : [version.blobId]), ...(version.partLayout ?? []).map((part) => part.blobId)]);
}

async function removeVersion(client: PoolClient, version: VersionRecord): Promise<string[]> {
  await deleteVersionRow(client, version.seq);
  return releaseBlobs(client, version);
}

/**
 * Runs `work` in a transaction holding the bucket (against versioning
 * changes and deletion) and the key (against other writers of it), then
 * deletes the files of blobs that lost their last reference, after commit
 * and their grace period (released-blobs.ts). A transaction rolled back to
 * break a deadlock runs again, `work` included.
 */
export async function underKeyLock<T>(deps: StorageDeps, bucket: BucketRecord, key: string, work: (transaction: KeyTransaction) => Promise<T>): Promise<T> {
  const { result, released } = await retryingDeadlocks(async () => {
    const released: string[] = [];
    const result = await withTransaction(deps.pool, async (client) => {
      const current = await lockBucketAndKey(client, bucket.bucketId, key);
      if (current === undefined) throw bucketGone(bucket);
      return work({ client, bucket: current, key, released });
    });
    return { result, released };
  });
  await deps.releasedBlobs.release(released);
  return result;
}

/**
 * Inserts a version as the key's current one, by S3's versioning rules:
 * with versioning enabled it gets a fresh id; otherwise it is the null
 * version and replaces the previous null version (whose blobs are released).
 * `newBlobs` are recorded in the same statement ({@link putVersion}).
 */
export async function placeVersion(deps: StorageDeps, transaction: KeyTransaction, draft: VersionDraft, newBlobs: readonly NewBlob[] = []): Promise<CommittedVersion> {
  const { client, bucket, key, released } = transaction;
  const placed = await putVersion(client, { ...draft, bucketId: bucket.bucketId, key }, newVersionId(deps), newBlobs);
  if (placed === undefined) throw bucketGone(bucket);
  released.push(...placed.released);
  return { version: placed.version, versioning: placed.versioning };
}

/** Checks a conditional write against the key's current version, under the key lock (so racing writes cannot both pass). */
export async function checkCurrentVersion(transaction: KeyTransaction, preconditions: storageV1.Preconditions | undefined): Promise<void> {
  if (!hasWritePreconditions(preconditions)) return;
  const latest = await findLatestVersion(transaction.client, transaction.bucket.bucketId, transaction.key);
  checkWritePreconditions(preconditions, latest === undefined || latest.isDeleteMarker ? undefined : latest);
}

/**
 * Commits a new version (see {@link placeVersion}) after its conditions and
 * with its blob references. Without conditions and with only new blobs (a
 * plain PutObject), that is one statement in autocommit: {@link putVersion}
 * takes the locks, writes and releases in its own implicit transaction.
 */
export async function commitVersion(
  deps: StorageDeps,
  bucket: BucketRecord,
  key: string,
  draft: VersionDraft,
  blobs: readonly BlobReference[],
  preconditions: storageV1.Preconditions | undefined,
): Promise<CommittedVersion> {
  const newBlobs = blobs.filter((blob) => blob.kind === 'new');
  if (!hasWritePreconditions(preconditions) && newBlobs.length === blobs.length) {
    const placed = await retryingDeadlocks(() => putVersion(deps.pool, { ...draft, bucketId: bucket.bucketId, key }, newVersionId(deps), newBlobs));
    if (placed === undefined) throw bucketGone(bucket);
    await deps.releasedBlobs.release(placed.released);
    return { version: placed.version, versioning: placed.versioning };
  }
  return underKeyLock(deps, bucket, key, async (transaction) => {
    await checkCurrentVersion(transaction, preconditions);
    // In blob id order, as storage.release_blobs locks them (a copy once shared a multipart source's parts, took them in part order, and deadlocked with a write releasing them; a copy now shares one blob at most).
    const shared = blobs.flatMap((blob) => (blob.kind === 'shared' ? [blob.blobId] : [])).sort();
    for (const blobId of shared) {
      if (!(await addBlobReference(transaction.client, blobId))) throw new VersionGone('the source object was replaced or deleted during the copy', COPY_SOURCE_METADATA);
    }
    return placeVersion(deps, transaction, draft, newBlobs);
  });
}

/** What a delete did, as DeleteObject reports it. */
export interface DeleteOutcome {
  readonly deleteMarker: boolean;
  readonly versionId: string;
}

/**
 * Deletes a key's current version by S3's rules: unversioned, the null
 * version goes; versioning enabled, a delete marker with a fresh id becomes
 * current; suspended, a null delete marker replaces the null version.
 * `preconditions` (S3's conditional delete: If-Match) are checked against the
 * current version under the key lock, so racing conditional deletes cannot
 * both pass.
 */
export async function deleteCurrentVersion(
  deps: StorageDeps,
  bucket: BucketRecord,
  key: string,
  preconditions: storageV1.Preconditions | undefined,
  marker: VersionDraft,
): Promise<DeleteOutcome> {
  return underKeyLock(deps, bucket, key, async (transaction) => {
    await checkCurrentVersion(transaction, preconditions);
    const { client, bucket: current, released } = transaction;
    if (current.versioning === 'Unversioned') {
      const previousNull = await deleteNullVersion(client, bucket.bucketId, key);
      if (previousNull !== undefined) released.push(...(await releaseBlobs(client, previousNull)));
      if (previousNull?.isLatest === true) await promoteNewest(client, bucket.bucketId, key);
      return { deleteMarker: false, versionId: '' };
    }
    const placed = await placeVersion(deps, transaction, marker);
    return { deleteMarker: true, versionId: placed.version.versionId };
  });
}

/** Deletes one version permanently; the next newest becomes current when it was. A missing version is no error. */
export async function deleteSpecificVersion(deps: StorageDeps, bucket: BucketRecord, key: string, versionId: string): Promise<DeleteOutcome> {
  return underKeyLock(deps, bucket, key, async ({ client, released }) => {
    const version = await findVersion(client, bucket.bucketId, key, versionId);
    if (version === undefined) return { deleteMarker: false, versionId };
    released.push(...(await removeVersion(client, version)));
    if (version.isLatest) await promoteNewest(client, bucket.bucketId, key);
    return { deleteMarker: version.isDeleteMarker, versionId };
  });
}
