import { isConnectionLost } from '@strongroom/db';
import type { BlobStore } from './blob-store';

/**
 * After a commit failed, deletes the files of the blobs it would have
 * recorded, unless the failure leaves its outcome unknown: when the
 * connection to PostgreSQL was lost in use, the rows may have committed
 * before their answer was lost, and deleting their files would leave a version
 * that can never be read. Those files are the sweeper's, which deletes a
 * file only once no row records it.
 */
export async function removeUncommittedBlobs(blobs: BlobStore, blobIds: readonly string[], failure: unknown): Promise<void> {
  if (isConnectionLost(failure)) return;
  for (const blobId of blobIds) await blobs.remove(blobId);
}
