import { createChecksum, type Checksum } from '@strongroom/checksums';
import { ErrorReason } from '@strongroom/contracts';
import { createSealStream, streamIdFromUuid } from '@strongroom/crypto';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from './blob-store';
import { MAX_OBJECT_BYTES } from './object-input';
import type { StoredChecksumAlgorithm } from './version-record';

/** What to seal: exactly `contentLength` bytes (or, when it is undefined, whatever arrives, up to the largest object), under `dataKey`. */
export interface SealRequest {
  readonly body: AsyncIterable<Uint8Array>;
  readonly contentLength: number | undefined;
  /** The plaintext data key; the seal stream derives its own key at once, so the caller wipes this when {@link sealToBlob} returns. */
  readonly dataKey: Uint8Array;
  /** The additional checksum to compute, if any. */
  readonly checksumAlgorithm: StoredChecksumAlgorithm | undefined;
  /** The stream id to seal under (an SSE-C data key is bound to it). @default a new one */
  readonly streamId?: string;
  /** False skips MD5 (SSE-KMS ETags are not the MD5 of the data, and no Content-MD5 was given). @default true */
  readonly md5?: boolean;
  readonly signal: AbortSignal;
}

/** A sealed, fsynced blob file not yet in place: {@link SealedBlob.commit} it once the checks passed, else discard it. */
export interface SealedBlob {
  readonly blobId: string;
  readonly streamId: string;
  readonly size: number;
  readonly sealedLength: number;
  /** The MD5 of the plaintext; undefined when it was not asked for. */
  readonly md5: Buffer | undefined;
  /** The additional checksum's digest, when one was computed. */
  readonly checksum: Buffer | undefined;
  /** Moves the file to its blob path, durably; a failed move deletes the temporary file (a full disk is STORAGE_FULL). */
  commit(): Promise<void>;
  /** Deletes the temporary file. */
  discard(): Promise<void>;
}

async function* counted(body: AsyncIterable<Uint8Array>, contentLength: number | undefined, hashes: readonly Checksum[]): AsyncGenerator<Uint8Array> {
  let received = 0;
  for await (const chunk of body) {
    received += chunk.length;
    if (contentLength === undefined) {
      if (received > MAX_OBJECT_BYTES) throw new DomainError(ErrorReason.ENTITY_TOO_LARGE, `an object is at most ${MAX_OBJECT_BYTES} bytes`);
    } else if (received > contentLength) {
      throw invalidArgument('data', `more bytes arrived than content_length (${contentLength})`);
    }
    for (const hash of hashes) hash.update(chunk);
    yield chunk;
  }
  if (contentLength !== undefined && received < contentLength) {
    throw new DomainError(ErrorReason.INCOMPLETE_BODY, `${received} of ${contentLength} bytes arrived`, { metadata: { received: String(received) } });
  }
}

/**
 * A file-system failure as the caller should see it: a write, a new file
 * or a rename refused for want of space (ENOSPC: the disk is full or out of
 * inodes; EDQUOT: the volume's quota is spent) is STORAGE_FULL; anything
 * else stays as it is.
 */
function forWantOfSpace(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return error;
  return new DomainError(ErrorReason.STORAGE_FULL, 'the server has no space left for the object', { cause: error });
}

/**
 * Streams a body through MD5, the additional checksum and the seal stream
 * into a temporary blob file, never holding more than a few chunks, and
 * fsyncs it. A body longer or shorter than announced, a failure or a
 * cancellation deletes the file and leaves nothing behind.
 */
export async function sealToBlob(blobs: BlobStore, request: SealRequest): Promise<SealedBlob> {
  const streamId = request.streamId ?? randomUUID();
  const blobId = randomUUID();
  const md5 = request.md5 === false ? undefined : createChecksum('MD5');
  const checksum = request.checksumAlgorithm === undefined ? undefined : createChecksum(request.checksumAlgorithm);
  const sealer = createSealStream({ dataKey: request.dataKey, streamId: streamIdFromUuid(streamId) });
  const draft = await blobs.draft().catch((error: unknown) => {
    throw forWantOfSpace(error);
  });
  try {
    const hashes = [md5, checksum].filter((hash): hash is Checksum => hash !== undefined);
    await pipeline(Readable.from(counted(request.body, request.contentLength, hashes), { objectMode: false }), sealer, draft.sink, { signal: request.signal });
  } catch (error) {
    sealer.destroy();
    await draft.discard();
    throw forWantOfSpace(error);
  }
  const { plaintextLength, sealedLength } = sealer.summary();
  if (draft.sink.written !== sealedLength) {
    await draft.discard();
    throw new Error(`the blob file holds ${draft.sink.written} of the ${sealedLength} sealed bytes`);
  }
  return {
    blobId,
    streamId,
    size: plaintextLength,
    sealedLength,
    md5: md5?.digest(),
    checksum: checksum?.digest(),
    commit: async () => {
      try {
        await draft.commit(blobId);
      } catch (error) {
        await draft.discard();
        throw forWantOfSpace(error);
      }
    },
    discard: () => draft.discard(),
  };
}
