import { run } from '@strongroom/db';
import type { Db } from './db';

/** Records a new blob with one reference. */
export async function insertBlob(db: Db, blobId: string, sealedLength: number): Promise<void> {
  await run(db, { name: 'storage.insert-blob', text: 'INSERT INTO storage.blobs (blob_id, sealed_length, ref_count) VALUES ($1, $2, 1)' }, [
    blobId,
    sealedLength,
  ]);
}

/** Adds a reference to a blob (a copy shares it); false when the blob is gone. */
export async function addBlobReference(db: Db, blobId: string): Promise<boolean> {
  const rows = await run(
    db,
    { name: 'storage.add-blob-reference', text: 'UPDATE storage.blobs SET ref_count = ref_count + 1 WHERE blob_id = $1 RETURNING blob_id' },
    [blobId],
  );
  return rows.length > 0;
}

/**
 * Drops one reference to each blob, in order (`storage.release_blobs`, one
 * round trip). The last reference deletes a blob's row and returns its id:
 * the caller deletes the file once its transaction has committed (a crash
 * in between leaves an orphan file, which the sweeper removes).
 */
export async function releaseBlobReferences(db: Db, blobIds: readonly string[]): Promise<string[]> {
  if (blobIds.length === 0) return [];
  const rows = await run<{ released: string[] }>(db, { name: 'storage.release-blobs', text: 'SELECT storage.release_blobs($1::uuid[]) AS released' }, [blobIds]);
  return rows[0]?.released ?? [];
}

/** The ids among `blobIds` that have a row. */
export async function existingBlobIds(db: Db, blobIds: readonly string[]): Promise<Set<string>> {
  const rows = await run<{ blob_id: string }>(
    db,
    { name: 'storage.existing-blob-ids', text: 'SELECT blob_id FROM storage.blobs WHERE blob_id = ANY($1::uuid[])' },
    [blobIds],
  );
  return new Set(rows.map((row) => row.blob_id));
}
