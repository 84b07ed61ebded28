import { ErrorReason } from '@strongroom/contracts';
import { createStreamOpener, IntegrityError, sealedLength, segmentRange, streamIdFromUuid, type BlobSpan } from '@strongroom/crypto';
import { DomainError } from '@strongroom/errors';
import type { FileHandle } from 'node:fs/promises';
import type { ResolvedRange } from './byte-range';
import { VersionGone } from './version-gone';
import type { BucketRecord } from './bucket-store';
import { READ_CHUNK_BYTES } from './blob-store';
import { openDataKey } from './object-encryption';
import type { StorageCall, StorageDeps } from './storage-call';
import type { VersionRecord } from './version-record';
import { findVersion } from './version-store';

/** One sealed stream of a version (the body, or one part) and where it starts in the object. */
interface StreamSlice {
  readonly blobId: string;
  readonly streamId: string;
  readonly size: number;
  readonly offset: number;
}

function slicesOf(version: VersionRecord): StreamSlice[] {
  if (version.partLayout !== null) {
    let offset = 0;
    return version.partLayout.map((part) => {
      const slice = { blobId: part.blobId, streamId: part.streamId, size: part.size, offset };
      offset += part.size;
      return slice;
    });
  }
  if (version.blobId === null || version.encryption?.streamId == null) throw integrityFailure('the version has no data stream');
  return [{ blobId: version.blobId, streamId: version.encryption.streamId, size: version.size, offset: 0 }];
}

/** A blob file that is not there: lost, or released by a delete that raced this read. */
class MissingBlob extends Error {}

function integrityFailure(message: string, cause?: unknown): DomainError {
  return new DomainError(ErrorReason.INTEGRITY_FAILURE, `stored data failed its integrity check: ${message}`, cause === undefined ? {} : { cause });
}

/**
 * Reads a version's plaintext (or the range of it), decrypting and
 * verifying only the segments the range touches; the data key is opened on
 * behalf of the call's requester (one KMS call at most), with `customerKey`
 * for an SSE-C version. Every byte yielded has
 * been verified; a blob that was altered, truncated, swapped or lost ends
 * the read with INTEGRITY_FAILURE and an alarm in the log. The files of a
 * multipart object's parts are opened before the first byte is read (as the
 * blob store's budget allows), so an overwrite or a delete during a long
 * read cannot take a later part away from it.
 */
export async function* readPlaintext(
  deps: StorageDeps,
  bucket: BucketRecord,
  version: VersionRecord,
  range: ResolvedRange | undefined,
  call: StorageCall,
  customerKey?: Uint8Array,
): AsyncGenerator<Buffer> {
  const { signal } = call;
  if (version.encryption === null) throw integrityFailure('the version has no encryption metadata');
  const first = range?.first ?? 0;
  const last = range?.last ?? version.size - 1;
  const slices = slicesOf(version).filter((slice) => slice.size === 0 || (slice.offset + slice.size - 1 >= first && slice.offset <= last));
  const dataKey = await openDataKey(deps, bucket, version.encryption, call.requester, customerKey);
  const reserved = slices.length > 1 ? deps.readAhead.take(slices.length) : 0;
  const opened: (FileHandle | undefined)[] = [];
  try {
    for (const slice of slices.slice(0, reserved)) {
      const file = await deps.blobs.openBlob(slice.blobId);
      if (file === undefined) throw await readFailure(deps, bucket, version, slice.blobId, new MissingBlob());
      opened.push(file);
    }
    for (const [index, slice] of slices.entries()) {
      const file = opened[index];
      opened[index] = undefined;
      try {
        yield* readSlice(deps, slice, file, dataKey, Math.max(first, slice.offset) - slice.offset, Math.min(last, slice.offset + slice.size - 1) - slice.offset, signal);
      } catch (error) {
        throw await readFailure(deps, bucket, version, slice.blobId, error);
      } finally {
        if (index < reserved) deps.readAhead.giveBack(1);
      }
    }
  } finally {
    dataKey.fill(0);
    const unread = opened.filter((file) => file !== undefined);
    deps.readAhead.giveBack(unread.length + Math.max(0, reserved - opened.length));
    await Promise.allSettled(unread.map((file) => file.close()));
  }
}

/**
 * What a failed read reports: a blob released by a delete or an overwrite
 * that raced the read is {@link VersionGone} (an unversioned key's next
 * null version has the same version id, so the row is compared, not the
 * id); any failed verification (or a blob lost while its
 * version stands) is INTEGRITY_FAILURE, with an alarm in the log.
 */
async function readFailure(deps: StorageDeps, bucket: BucketRecord, version: VersionRecord, blobId: string, error: unknown): Promise<unknown> {
  let failure: string;
  if (error instanceof MissingBlob) {
    const current = await findVersion(deps.pool, bucket.bucketId, version.key, version.versionId);
    if (current?.seq !== version.seq) return new VersionGone(`${version.key} was replaced or deleted while it was being read`);
    failure = 'missing';
  } else if (error instanceof IntegrityError) failure = error.failure;
  else if (error instanceof DomainError && error.reason === ErrorReason.INTEGRITY_FAILURE) failure = error.message;
  else return error;
  deps.logger.error({ alarm: 'integrity', bucketId: bucket.bucketId, key: version.key, versionId: version.versionId, blobId, failure }, 'stored object data failed verification');
  return error instanceof DomainError ? error : integrityFailure(failure, error);
}

/** Reads plaintext bytes `start..end` (inclusive, within the stream) of one sealed stream, from its file opened ahead or opened now; closes the file. */
async function* readSlice(
  deps: StorageDeps,
  slice: StreamSlice,
  openedAhead: FileHandle | undefined,
  dataKey: Uint8Array,
  start: number,
  end: number,
  signal: AbortSignal,
): AsyncGenerator<Buffer> {
  const file = openedAhead ?? (await deps.blobs.openBlob(slice.blobId));
  if (file === undefined) throw new MissingBlob();
  try {
    const expected = sealedLength(slice.size);
    const whole = slice.size === 0 || (start === 0 && end === slice.size - 1);
    const opener = createStreamOpener({
      dataKey,
      streamId: streamIdFromUuid(slice.streamId),
      plaintextLength: slice.size,
      ...(whole ? {} : { range: { start, endInclusive: end } }),
    });
    const small = whole && expected <= READ_CHUNK_BYTES ? await deps.blobs.readWhole(file, expected) : undefined;
    if (small !== undefined) {
      yield* opener.open([small]);
      return;
    }
    const actual = (await file.stat()).size;
    if (actual !== expected) throw integrityFailure(`the blob is ${actual} bytes; ${expected} were written`);
    const spans: readonly BlobSpan[] = whole ? [{ offset: 0, length: expected }] : segmentRange(slice.size, start, end).reads;
    yield* opener.open(deps.blobs.readSpans(file, spans, signal));
  } finally {
    await file.close();
  }
}
