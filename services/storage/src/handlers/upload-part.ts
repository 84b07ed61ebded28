import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { requireBucket } from '../bucket-access';
import type { BucketRecord } from '../bucket-store';
import { resolveRange } from '../byte-range';
import { planChecksum, requirePartChecksum, verifyUpload } from '../checksum-plan';
import { validateCustomerKey, wipeCustomerKeys } from '../customer-key';
import { refuseLargeCopy } from '../copy-size-limit';
import { checkCopySourceRange } from '../copy-source-range';
import { requireUpload, validatePartNumber } from '../multipart-access';
import { checkCustomerKey } from '../object-encryption';
import { MAX_OBJECT_BYTES, parseContentMd5, validateKey } from '../object-input';
import { readPlaintext } from '../object-reader';
import { sealPart, storePart } from '../part-writer';
import { checkCopySourcePreconditions } from '../preconditions';
import { toChecksum, toChecksumAlgorithm, toEncryptionInfoWithoutContext } from '../proto-mapping';
import { shownVersionId } from '../shown-version-id';
import type { StorageCall, StorageDeps, StorageHandler, UploadCall, UploadHandler } from '../storage-call';
import { openUploadStream, type UploadStream } from '../upload-stream';
import { withFreshVersion } from '../version-gone';
import { copySourceCondition, requireCopySource } from '../version-lookup';
import { customerKeyCondition, objectCreationCondition } from '../write-conditions';

/** S3's message for a part of an SSE-C upload sent without the key. */
const PART_KEY_REQUIRED = 'The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.';

function tooLarge(): DomainError {
  return new DomainError(ErrorReason.ENTITY_TOO_LARGE, `a part is at most ${MAX_OBJECT_BYTES} bytes`);
}

/**
 * UploadPart: authorized as s3:PutObject; the part's bytes stream through
 * MD5, the upload's checksum and a seal stream of their own (under the
 * upload's data key) into a blob, recorded only once every check passed.
 * A part of an SSE-C upload brings the upload's customer key, checked first.
 */
export const uploadPart: UploadHandler<storageV1.UploadPartRequest, storageV1.UploadPartResponse> = async (deps, requests, call) => {
  const stream = await openUploadStream(requests, () => call.acceptData(), deps.uploadIdleTimeoutMs);
  try {
    return await storeUploadedPart(deps, stream, call);
  } finally {
    wipeCustomerKeys(stream.header.customerKey);
  }
};

/** UploadPart once its stream is open: the caller wipes the customer key, whatever happens. */
async function storeUploadedPart(deps: StorageDeps, stream: UploadStream<storageV1.UploadPartHeader>, call: UploadCall): Promise<storageV1.UploadPartResponse> {
  const { header } = stream;
  const requester = call.assertRequester(header.requester);
  validatePartNumber(header.partNumber);
  if (header.contentLength > MAX_OBJECT_BYTES) throw tooLarge();
  const contentMd5 = parseContentMd5(header.contentMd5);
  const customerKey = validateCustomerKey(header.customerKey, 'customer_key', requester);
  const bucket = await requireBucket(deps, header.bucket);
  const upload = await requireUpload(deps, { requester, signal: call.signal }, bucket, header.key, header.uploadId, 's3:PutObject', {
    ...objectCreationCondition(false),
    ...customerKeyCondition(header.customerKey),
  });
  const plan = planChecksum(header.checksum, toChecksumAlgorithm(upload.checksumAlgorithm));
  requirePartChecksum(upload, header.checksum);
  checkCustomerKey(upload.encryption, customerKey, PART_KEY_REQUIRED);
  const sealed = await sealPart(deps, bucket, upload, requester, stream.data, header.contentLength, plan?.algorithm, call.signal, customerKey);
  let checksum;
  try {
    checksum = verifyUpload(sealed, contentMd5, plan, stream.trailer()?.checksum);
  } catch (error) {
    await sealed.discard();
    throw error;
  }
  const part = await storePart(deps, upload, header.partNumber, sealed, checksum?.value ?? null);
  return { etag: `"${part.etagHex}"`, checksum: checksum === null ? undefined : toChecksum(checksum), encryption: toEncryptionInfoWithoutContext(upload.encryption) };
}

/**
 * UploadPartCopy: reads (a `first-last` range of) a source version,
 * authorized as s3:GetObject on it and s3:PutObject on the upload's key,
 * and seals the bytes as the part (an SSE-C source needs its key, an SSE-C
 * upload its own). A part of more than 5 GiB, the whole source without a
 * range, is INVALID_REQUEST as in S3 ({@link refuseLargeCopy}). A source
 * replaced or deleted under the copy is looked up again, as CopyObject
 * does: the part is of the source as it is then.
 */
export const uploadPartCopy: StorageHandler<storageV1.UploadPartCopyRequest, storageV1.UploadPartCopyResponse> = async (deps, request, call) => {
  validatePartNumber(request.partNumber);
  validateKey(request.sourceKey, 'source_key');
  if (request.sourceRange?.suffixLength !== undefined) throw invalidArgument('source_range', 'must be first-last');
  if (request.sourceRange?.first !== undefined && request.sourceRange.last === undefined) throw invalidArgument('source_range.last', 'is required');
  if (request.sourceRange?.ifRangeEtag !== undefined || request.sourceRange?.ifRangeDate !== undefined) throw invalidArgument('source_range', 'takes no If-Range validator');
  try {
    const bucket = await requireBucket(deps, request.bucket);
    const sourceBucket = await requireBucket(deps, request.sourceBucket, 'source_bucket');
    return await withFreshVersion(call.signal, () => copyPartOnce(deps, request, call, bucket, sourceBucket));
  } finally {
    wipeCustomerKeys(request.customerKey, request.sourceCustomerKey);
  }
};

/** One attempt at UploadPartCopy, from the source's version as it is when it starts. */
async function copyPartOnce(
  deps: StorageDeps,
  request: storageV1.UploadPartCopyRequest,
  call: StorageCall,
  bucket: BucketRecord,
  sourceBucket: BucketRecord,
): Promise<storageV1.UploadPartCopyResponse> {
  const source = await requireCopySource(deps, call, sourceBucket, request.sourceKey, request.sourceVersionId);
  const sourceKey = validateCustomerKey(request.sourceCustomerKey, 'source_customer_key', call.requester);
  if (source.encryption !== null) checkCustomerKey(source.encryption, sourceKey);
  checkCopySourcePreconditions(request.sourcePreconditions, source, deps.now());
  checkCopySourceRange(request.sourceRange, source.size);
  const range = resolveRange(request.sourceRange, source.size);
  const length = range === undefined ? source.size : range.last - range.first + 1;
  refuseLargeCopy(length);
  const copySource = copySourceCondition(request.sourceBucket, request.sourceKey, request.sourceVersionId);
  const customerKey = validateCustomerKey(request.customerKey, 'customer_key', call.requester);
  const upload = await requireUpload(deps, call, bucket, request.key, request.uploadId, 's3:PutObject', {
    ...copySource,
    ...objectCreationCondition(false),
    ...customerKeyCondition(request.customerKey),
  });
  const algorithm = upload.checksumAlgorithm ?? undefined;
  checkCustomerKey(upload.encryption, customerKey, PART_KEY_REQUIRED);
  const body = readPlaintext(deps, sourceBucket, source, range, call, sourceKey);
  const sealed = await sealPart(deps, bucket, upload, call.requester, body, length, algorithm, call.signal, customerKey);
  const checksum = algorithm === undefined || sealed.checksum === undefined ? null : { algorithm, value: sealed.checksum.toString('base64'), type: 'FULL_OBJECT' as const };
  const part = await storePart(deps, upload, request.partNumber, sealed, checksum?.value ?? null);
  return {
    etag: `"${part.etagHex}"`,
    lastModified: part.lastModified,
    sourceVersionId: shownVersionId(sourceBucket, source.versionId),
    checksum: checksum === null ? undefined : toChecksum(checksum),
    encryption: toEncryptionInfoWithoutContext(upload.encryption),
  };
}
