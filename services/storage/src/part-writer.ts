import { withTransaction } from '@strongroom/db';
import { insertBlob, releaseBlobReferences } from './blob-ref-store';
import type { BucketRecord } from './bucket-store';
import { noSuchUpload } from './multipart-access';
import { etagDigits, openDataKey } from './object-encryption';
import { sealToBlob, type SealedBlob } from './object-writer';
import type { ActingRequester } from './requester';
import type { StorageDeps } from './storage-call';
import { removeUncommittedBlobs } from './uncommitted-blobs';
import { findUpload, upsertPart, type NewPart, type PartRecord, type UploadRecord } from './upload-store';
import type { StoredChecksumAlgorithm } from './version-record';

/** Seals one part's bytes as a stream of its own under the upload's data key (opened on behalf of the uploader; with the customer's key for SSE-C). */
export async function sealPart(
  deps: StorageDeps,
  bucket: BucketRecord,
  upload: UploadRecord,
  requester: ActingRequester,
  body: AsyncIterable<Uint8Array>,
  contentLength: number,
  checksumAlgorithm: StoredChecksumAlgorithm | undefined,
  signal: AbortSignal,
  customerKey?: Uint8Array,
): Promise<SealedBlob> {
  const dataKey = await openDataKey(deps, bucket, upload.encryption, requester, customerKey);
  try {
    return await sealToBlob(deps.blobs, { body, contentLength, dataKey, checksumAlgorithm, signal });
  } finally {
    dataKey.fill(0);
  }
}

/**
 * Puts a checked part's blob in place and records the part, dated by the
 * database's clock, replacing (and releasing) an earlier upload of the same
 * number. The upload is locked, so
 * a part cannot land in an upload that is being completed or aborted.
 */
export async function storePart(deps: StorageDeps, upload: UploadRecord, partNumber: number, sealed: SealedBlob, checksumValue: string | null): Promise<PartRecord> {
  const part: NewPart = {
    uploadId: upload.uploadId,
    partNumber,
    size: sealed.size,
    etagHex: etagDigits(deps, upload.encryption.sseType, sealed.md5),
    checksumValue,
    streamId: sealed.streamId,
    blobId: sealed.blobId,
  };
  await sealed.commit();
  let stored: { part: PartRecord; released: string[] };
  try {
    stored = await withTransaction(deps.pool, async (client) => {
      if ((await findUpload(client, upload.uploadId, true)) === undefined) throw noSuchUpload(upload.uploadId);
      await insertBlob(client, sealed.blobId, sealed.sealedLength);
      const { part: recorded, replacedBlobId } = await upsertPart(client, part);
      return { part: recorded, released: replacedBlobId === undefined ? [] : await releaseBlobReferences(client, [replacedBlobId]) };
    });
  } catch (error) {
    await removeUncommittedBlobs(deps.blobs, [sealed.blobId], error);
    throw error;
  }
  for (const blobId of stored.released) await deps.blobs.remove(blobId);
  return stored.part;
}
