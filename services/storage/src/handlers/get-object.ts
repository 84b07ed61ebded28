import { dataMessagePayloads, type storageV1 } from '@strongroom/contracts';
import { invalidArgument } from '@strongroom/errors';
import { requireBucket } from '../bucket-access';
import type { BucketRecord } from '../bucket-store';
import { rangeStillApplies, resolveRange, type ResolvedRange } from '../byte-range';
import { validateCustomerKey, wipeCustomerKeys } from '../customer-key';
import { checkKmsObjectRequest } from '../encryption-choice';
import { checkCustomerKey, versionEncryption } from '../object-encryption';
import { partChecksum, partRange } from '../object-part';
import { withFreshVersion } from '../version-gone';
import { readPlaintext } from '../object-reader';
import { checkReadPreconditions } from '../preconditions';
import { toChecksum, toObjectInfo } from '../proto-mapping';
import { shownVersionId } from '../shown-version-id';
import type { StorageCall, StorageDeps, StorageHandler, StreamingHandler } from '../storage-call';
import type { VersionRecord } from '../version-record';
import { OBJECT_ACTIONS, requireVersion, shownTagCount } from '../version-lookup';

/** The size of GetObject's data messages: large, to keep per-message costs low across the gateway hop. */
const DATA_MESSAGE_BYTES = 512 * 1024;

/** What a read asks for: a range, a part, or (neither) the whole object. */
type ReadRequest = Pick<storageV1.GetObjectRequest, 'range' | 'partNumber'>;

/** The bytes a read covers (undefined: all of them, or none of an empty object) and whether S3 answers it as partial (206). */
function requestedBytes(request: ReadRequest, version: VersionRecord): { range: ResolvedRange | undefined; partial: boolean } {
  if (request.partNumber === 0) {
    const asked = request.range !== undefined && rangeStillApplies(request.range, version) ? request.range : undefined;
    const range = resolveRange(asked, version.size);
    return { range, partial: range !== undefined };
  }
  const hasRange = request.range !== undefined && (request.range.first !== undefined || request.range.suffixLength !== undefined);
  if (hasRange) throw invalidArgument('part_number', 'cannot be combined with a range');
  const range = partRange(version, request.partNumber);
  return { range, partial: range !== undefined };
}

/**
 * The version as a read's answer describes it: its id as S3 names it, for
 * a part the part's checksum (S3 returns that with ChecksumMode), and the
 * tag count the requester may see ({@link shownTagCount}).
 */
function readObjectInfo(bucket: BucketRecord, version: VersionRecord, request: ReadRequest, tagCount: number): storageV1.ObjectInfo {
  const checksum = request.partNumber === 0 ? version.checksum : partChecksum(version, request.partNumber);
  return {
    ...toObjectInfo(version),
    versionId: shownVersionId(bucket, version.versionId),
    checksum: checksum === null ? undefined : toChecksum(checksum),
    tagCount,
  };
}

async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
}

/**
 * GetObject: authorizes, evaluates the conditional headers, then streams the
 * version's plaintext (or a range or part of it). The metadata message goes
 * out only after the first segment was verified, so a blob that fails its
 * check at once fails the call before anything was promised; a later
 * failure ends the stream with INTEGRITY_FAILURE, never with wrong bytes.
 * An SSE-C version needs its customer key, checked before any decryption.
 * A version replaced or deleted before its first segment was read is looked
 * up again: the read serves the key as it is now.
 */
export const getObject: StreamingHandler<storageV1.GetObjectRequest, storageV1.GetObjectResponse> = async function* getObject(deps, request, call) {
  let started: { read: OpenedRead; first: IteratorResult<Buffer> | undefined };
  try {
    started = await withFreshVersion(call.signal, async () => {
      const opened = await openRead(deps, request, call);
      return { read: opened, first: opened.length > 0 ? await opened.plaintext.next() : undefined };
    });
  } finally {
    wipeCustomerKeys(request.customerKey);
  }
  const { read, first } = started;
  const { bucket, version, range, partial, plaintext, tagCount } = read;
  try {
    yield {
      part: {
        $case: 'metadata',
        value: { object: readObjectInfo(bucket, version, request, tagCount), rangeFirst: range?.first ?? 0, rangeLast: range?.last ?? 0, partial },
      },
    };
    if (first === undefined || first.done === true) return;
    for await (const data of dataMessagePayloads(prepend(first.value, plaintext), DATA_MESSAGE_BYTES)) yield { part: { $case: 'data', value: data } };
  } finally {
    // A cancelled call ends this generator at a yield: the plaintext's own generators must end too, closing the blob's file.
    await plaintext.return?.(undefined);
  }
};

/** A read GetObject has checked and may start. */
interface OpenedRead {
  readonly bucket: BucketRecord;
  readonly version: VersionRecord;
  readonly range: ResolvedRange | undefined;
  readonly partial: boolean;
  /** The bytes to send. */
  readonly length: number;
  readonly plaintext: AsyncIterator<Buffer>;
  /** The tag count the answer tells ({@link shownTagCount}). */
  readonly tagCount: number;
}

/** GetObject's checks, then its plaintext (not yet started): the caller wipes the customer key once the first segment is read. */
async function openRead(deps: StorageDeps, request: storageV1.GetObjectRequest, call: StorageCall): Promise<OpenedRead> {
  const bucket = await requireBucket(deps, request.bucket);
  const version = await requireVersion(deps, call, bucket, request.key, request.versionId, OBJECT_ACTIONS.get);
  const customerKey = validateCustomerKey(request.customerKey, 'customer_key', call.requester);
  checkCustomerKey(versionEncryption(version), customerKey);
  // Before the preconditions and whatever the length: an empty read never opens the data key, where the KMS rules are checked too.
  checkKmsObjectRequest(version.encryption, call.requester);
  checkReadPreconditions(request.preconditions, version, deps.now());
  const { range, partial } = requestedBytes(request, version);
  const length = range === undefined ? version.size : range.last - range.first + 1;
  const tagCount = await shownTagCount(deps, call, bucket, version, request.versionId);
  const plaintext = readPlaintext(deps, bucket, version, range, call, customerKey)[Symbol.asyncIterator]();
  return { bucket, version, range, partial, length, plaintext, tagCount };
}

/** HeadObject: GetObject's checks (the SSE-C key's too) and its first message, without the data: with a range or part number, the bytes GetObject would send. */
export const headObject: StorageHandler<storageV1.HeadObjectRequest, storageV1.HeadObjectResponse> = async (deps, request, call) => {
  let bucket;
  let version;
  try {
    bucket = await requireBucket(deps, request.bucket);
    version = await requireVersion(deps, call, bucket, request.key, request.versionId, OBJECT_ACTIONS.get);
    checkCustomerKey(versionEncryption(version), validateCustomerKey(request.customerKey, 'customer_key', call.requester));
  } finally {
    wipeCustomerKeys(request.customerKey);
  }
  checkKmsObjectRequest(version.encryption, call.requester);
  checkReadPreconditions(request.preconditions, version, deps.now());
  const { range, partial } = requestedBytes(request, version);
  const tagCount = await shownTagCount(deps, call, bucket, version, request.versionId);
  return { object: readObjectInfo(bucket, version, request, tagCount), rangeFirst: range?.first ?? 0, rangeLast: range?.last ?? 0, partial };
};
