import { encodeChecksum } from '@strongroom/checksums';
import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { DomainError, hasReason, invalidArgument } from '@strongroom/errors';
import { randomUUID } from 'node:crypto';
import { requireBucket } from '../bucket-access';
import { planChecksum } from '../checksum-plan';
import { refuseLargeCopy } from '../copy-size-limit';
import type { BucketRecord } from '../bucket-store';
import { callKms } from '../kms-call';
import { validateCustomerKey, wipeCustomerKeys } from '../customer-key';
import { newObjectAccess, writeNeedsAclPermission } from '../object-acl';
import { chooseEncryption, type EncryptionChoice } from '../encryption-choice';
import { objectCreationCondition, writeConditions } from '../write-conditions';
import { checkCustomerKey, newEncryption, rewrapEncryption, versionEtag } from '../object-encryption';
import { requestedTags, requestTagContext, validateAttributes, validateKey, type UntaggedAttributes } from '../object-input';
import { readPlaintext } from '../object-reader';
import { sealToBlob } from '../object-writer';
import { checkCopySourcePreconditions, refuseUnsupportedWriteConditions } from '../preconditions';
import { toChecksum, toEncryptionInfo } from '../proto-mapping';
import { shownVersionId, versionIdUnlessNull } from '../shown-version-id';
import type { StorageCall, StorageDeps, StorageHandler } from '../storage-call';
import { OBJECT_TAGS, validateTags } from '../tags';
import { removeUncommittedBlobs } from '../uncommitted-blobs';
import type { StoredChecksum, VersionEncryption, VersionRecord } from '../version-record';
import { copySourceCondition, OBJECT_ACTIONS, requireCopySource, requireOnVersion } from '../version-lookup';
import { withFreshVersion } from '../version-gone';
import { commitVersion, type BlobReference, type VersionDraft } from '../version-writes';

const REPLACE = storageV1.CopyDirective.REPLACE;
const DIRECTIVES: readonly storageV1.CopyDirective[] = [storageV1.CopyDirective.UNSPECIFIED, storageV1.CopyDirective.COPY, REPLACE];

/** INVALID_ARGUMENT for a directive the contract does not define (a newer client's, or garbage), rather than taking it as COPY. */
function checkDirective(field: string, directive: storageV1.CopyDirective): void {
  if (!DIRECTIVES.includes(directive)) throw invalidArgument(field, `${directive} is not a CopyDirective`);
}

/** The data half of a copy: how the new version's bytes are stored. */
type CopiedData = Pick<VersionDraft, 'size' | 'etag' | 'encryption' | 'blobId' | 'checksum' | 'partLayout'> & { readonly blobs: readonly BlobReference[] };

/** Where a copy reads from and writes to, and how the destination is encrypted. */
interface CopyPlan {
  readonly sourceBucket: BucketRecord;
  readonly source: VersionRecord;
  readonly destination: BucketRecord;
  readonly choice: EncryptionChoice;
  /** The source's customer key, for an SSE-C source. */
  readonly sourceKey: Uint8Array | undefined;
}

/**
 * True when a version already is encrypted as `choice`, the bucket's
 * default, asks: a copy onto itself that names no encryption, under a
 * default its owner did not set (a new bucket's, or one stored before
 * owners' settings were marked), must change something (SSE-C always
 * counts as a change). A KMS
 * key named otherwise than by its ARN (an id, an alias) is looked up, so
 * that the answer does not depend on its spelling; a key the KMS does not
 * find, or will not describe to the requester, counts as a change, and the
 * copy meets the KMS's own answer when it uses the key.
 */
async function sameEncryption(deps: StorageDeps, encryption: VersionEncryption | null, choice: EncryptionChoice): Promise<boolean> {
  if (encryption === null || encryption.sseType !== choice.sseType || choice.sseType === 'SSE-C') return false;
  if (choice.sseType === 'AES256') return true;
  const context = encryption.encryptionContext ?? {};
  const sameContext = Object.keys(context).length === Object.keys(choice.context).length && Object.entries(choice.context).every(([name, value]) => context[name] === value);
  if ((encryption.bucketKeyId !== null) !== choice.bucketKey || !sameContext) return false;
  if (encryption.kmsKeyArn === choice.kmsKeyId) return true;
  const described = await callKms('DescribeKey', () => deps.kms.describeKey({ principal: choice.principal, keyId: choice.kmsKeyId })).catch((error: unknown) => {
    if (hasReason(error, ErrorReason.KEY_NOT_FOUND) || hasReason(error, ErrorReason.ACCESS_DENIED)) return undefined;
    throw error;
  });
  return described?.keyMetadata?.arn === encryption.kmsKeyArn;
}

/**
 * Shares a single-part source's ciphertext: its blob gains a reference and
 * its data key is re-wrapped as the destination's encryption says (another
 * bucket, KMS key or context). The bytes are unchanged, so the ETag is the
 * source's, unless that is an SSE-S3 source's MD5 and the copy is SSE-KMS
 * or SSE-C, which gets an opaque one as every such object does.
 */
async function shareData(deps: StorageDeps, call: StorageCall, plan: CopyPlan): Promise<CopiedData> {
  const { source } = plan;
  if (source.encryption === null) throw new Error('a version without encryption metadata cannot be copied');
  const encryption = await rewrapEncryption(
    deps,
    { bucket: plan.sourceBucket, encryption: source.encryption, ...(plan.sourceKey === undefined ? {} : { customerKey: plan.sourceKey }) },
    plan.destination,
    plan.choice,
    call.requester,
  );
  const hidesMd5 = source.encryption.sseType === 'AES256' && encryption.sseType !== 'AES256';
  return {
    size: source.size,
    etag: hidesMd5 ? versionEtag(deps, encryption.sseType, undefined) : source.etag,
    encryption,
    blobId: source.blobId,
    checksum: source.checksum,
    partLayout: null,
    blobs: source.blobId === null ? [] : [{ kind: 'shared', blobId: source.blobId }],
  };
}

/**
 * True when the copy's bytes must be read and sealed anew rather than
 * shared:
 * - it asks for a checksum the source does not have;
 * - the source is a multipart upload's: S3's copy is a new single-part
 *   object, whose ETag is the MD5 of its bytes (or opaque), without `-N`
 *   or parts (S3's answers in localstack/localstack#3729 and
 *   minio/minio#2934), and whose checksum is "a direct checksum of the
 *   full object" (User Guide, checking object integrity);
 * - it is SSE-C: its data key must be one no other key ever wrapped, so
 *   that changing an object's customer key (a rotation after a leak) leaves
 *   nothing the old key opens, and two objects under different customer
 *   keys never show one ETag;
 * - it is SSE-S3, whose ETag is the MD5 of the data, from a source whose
 *   ETag is not (SSE-KMS or SSE-C): only reading the data gives the MD5.
 */
function needsReseal(plan: CopyPlan, wanted: StoredChecksum['algorithm'] | undefined): boolean {
  const { source, choice } = plan;
  if (wanted !== undefined && wanted !== source.checksum?.algorithm) return true;
  if (source.partLayout !== null) return true;
  if (choice.sseType === 'SSE-C') return true;
  return choice.sseType === 'AES256' && source.encryption !== null && source.encryption.sseType !== 'AES256';
}

/** Re-reads and re-seals the source, computing its MD5 and the checksum `algorithm` asks for (if any). */
async function resealData(deps: StorageDeps, call: StorageCall, plan: CopyPlan, algorithm: StoredChecksum['algorithm'] | undefined): Promise<CopiedData> {
  const streamId = randomUUID();
  const { dataKey, encryption } = await newEncryption(deps, plan.destination, plan.choice, streamId);
  let sealed;
  try {
    sealed = await sealToBlob(deps.blobs, {
      body: readPlaintext(deps, plan.sourceBucket, plan.source, undefined, call, plan.sourceKey),
      contentLength: plan.source.size,
      streamId,
      dataKey,
      checksumAlgorithm: algorithm,
      md5: encryption.sseType === 'AES256',
      signal: call.signal,
    });
  } finally {
    dataKey.fill(0);
  }
  await sealed.commit();
  return {
    size: sealed.size,
    etag: versionEtag(deps, encryption.sseType, sealed.md5),
    encryption: { ...encryption, streamId: sealed.streamId },
    blobId: sealed.blobId,
    checksum: sealed.checksum === undefined || algorithm === undefined ? null : { algorithm, value: encodeChecksum(sealed.checksum), type: 'FULL_OBJECT' },
    partLayout: null,
    blobs: [{ kind: 'new', blobId: sealed.blobId, sealedLength: sealed.sealedLength }],
  };
}

/** The copy's attributes but its tags, by its directives; the website redirect location is only ever the copy request's own, as in S3. */
function attributesOf(request: storageV1.CopyObjectRequest, source: VersionRecord): UntaggedAttributes {
  const replaced = validateAttributes(request.options);
  return {
    headers: request.metadataDirective === REPLACE ? replaced.headers : { ...source.headers, websiteRedirectLocation: replaced.headers.websiteRedirectLocation },
    userMetadata: request.metadataDirective === REPLACE ? replaced.userMetadata : source.userMetadata,
    storageClass: replaced.storageClass,
  };
}

/**
 * CopyObject: reads the source (authorized as s3:GetObject or
 * s3:GetObjectVersion, with its conditions) and writes the destination
 * (s3:PutObject with the copy's condition keys). The copy shares the
 * source's ciphertext, re-wrapping only the 32-byte data key, unless a new
 * checksum or an MD5 ETag must be computed ({@link needsReseal}). Metadata and tags follow their directives; the
 * ACL and owner are the destination's own. An SSE-C source needs its key
 * (`source_customer_key`), an SSE-C destination its own (`options.customer_key`).
 * A source above 5 GiB is INVALID_REQUEST, as in S3. A source replaced or deleted under the copy is looked up again: the copy
 * is of the source as it is then.
 */
export const copyObject: StorageHandler<storageV1.CopyObjectRequest, storageV1.CopyObjectResponse> = async (deps, request, call) => {
  try {
    return await withFreshVersion(call.signal, (attempt) => copyOnce(deps, request, call, attempt > 1));
  } finally {
    wipeCustomerKeys(request.sourceCustomerKey, request.options?.customerKey);
  }
};

/**
 * One attempt at a copy, from the source's version as it is when it
 * starts. A later attempt re-seals rather than shares: the version it finds
 * may be released again before the copy commits, but its file stays
 * readable for the release's grace period (released-blobs.ts).
 */
async function copyOnce(deps: StorageDeps, request: storageV1.CopyObjectRequest, call: StorageCall, reseal: boolean): Promise<storageV1.CopyObjectResponse> {
  validateKey(request.key);
  validateKey(request.sourceKey, 'source_key');
  checkDirective('metadata_directive', request.metadataDirective);
  checkDirective('tagging_directive', request.taggingDirective);
  refuseUnsupportedWriteConditions(request.preconditions);
  const wanted = planChecksum(undefined, request.options?.checksumAlgorithm ?? storageV1.ChecksumAlgorithm.UNSPECIFIED)?.algorithm;
  const sourceBucket = await requireBucket(deps, request.sourceBucket, 'source_bucket');
  const bucket = await requireBucket(deps, request.bucket);
  const source = await requireCopySource(deps, call, sourceBucket, request.sourceKey, request.sourceVersionId);
  const sourceKey = validateCustomerKey(request.sourceCustomerKey, 'source_customer_key', call.requester);
  if (source.encryption !== null) checkCustomerKey(source.encryption, sourceKey);
  checkCopySourcePreconditions(request.sourcePreconditions, source, deps.now());
  const attributes = attributesOf(request, source);
  const options = request.options;
  const replacesTags = request.taggingDirective === REPLACE;
  const asked = replacesTags ? requestedTags(options) : source.tags;

  const tagContext = replacesTags ? requestTagContext(asked) : {};
  const context = {
    ...tagContext,
    ...writeConditions(options),
    ...copySourceCondition(request.sourceBucket, request.sourceKey, request.sourceVersionId),
    's3:x-amz-metadata-directive': request.metadataDirective === REPLACE ? 'REPLACE' : 'COPY',
    ...objectCreationCondition(true),
  };
  await deps.authorizer.require(call.requester, { action: 's3:PutObject', bucket, key: request.key, context });
  if (asked.length > 0) {
    // Tags copied from the source are read from it and written to the copy: S3 asks for s3:GetObjectTagging on the source too.
    if (!replacesTags) await requireOnVersion(deps, call, sourceBucket, source, request.sourceVersionId, OBJECT_ACTIONS.getTagging);
    await deps.authorizer.require(call.requester, { action: 's3:PutObjectTagging', bucket, key: request.key, context: requestTagContext(asked) });
  }
  if (writeNeedsAclPermission(request.options?.acl)) await deps.authorizer.require(call.requester, { action: 's3:PutObjectAcl', bucket, key: request.key, context: writeConditions(options) });
  const tags = replacesTags ? validateTags(asked, OBJECT_TAGS) : source.tags;
  // Whether or not its bytes would be read: a larger object is copied part by part with UploadPartCopy.
  refuseLargeCopy(source.size);
  const choice = chooseEncryption(bucket, request.key, options, call.requester);
  const onItself = sourceBucket.bucketId === bucket.bucketId && request.sourceKey === request.key && request.sourceVersionId === '';
  // As in S3, a storage class, website redirect or encryption the request names is a change even when the object has it already,
  // and so is a default encryption the bucket's owner set (S3 applies it as if named: AWS-validated in LocalStack's
  // test_copy_in_place_with_bucket_encryption and moto#6300), whatever the object has.
  const changes =
    !onItself ||
    request.metadataDirective === REPLACE ||
    (options?.storageClass ?? '') !== '' ||
    (options?.headers?.websiteRedirectLocation ?? '') !== '' ||
    (options?.sseAlgorithm ?? storageV1.SseAlgorithm.UNSPECIFIED) !== storageV1.SseAlgorithm.UNSPECIFIED ||
    bucket.encryption?.setByOwner === true ||
    !(await sameEncryption(deps, source.encryption, choice));
  if (!changes) {
    throw new DomainError(
      ErrorReason.INVALID_REQUEST,
      'This copy request is illegal because it is trying to copy an object to itself without changing the object\'s metadata, storage class, website redirect location or encryption attributes.',
    );
  }
  const access = await newObjectAccess(deps, bucket, call.requester, request.options?.acl);

  const plan: CopyPlan = { sourceBucket, source, destination: bucket, choice, sourceKey };
  const data = reseal || needsReseal(plan, wanted) ? await resealData(deps, call, plan, wanted ?? source.checksum?.algorithm) : await shareData(deps, call, plan);
  const { blobs, ...stored } = data;
  let committed;
  try {
    committed = await commitVersion(
      deps,
      bucket,
      request.key,
      { isDeleteMarker: false, ...stored, ...attributes, tags, acl: access.acl, ownerId: access.owner.id, ownerDisplayName: access.owner.displayName, replicationStatus: null },
      blobs,
      request.preconditions,
    );
  } catch (error) {
    await removeUncommittedBlobs(deps.blobs, blobs.filter((blob) => blob.kind === 'new').map((blob) => blob.blobId), error);
    throw error;
  }
  const { version } = committed;
  return {
    etag: version.etag ?? '',
    lastModified: version.lastModified,
    versionId: shownVersionId(committed, version.versionId),
    sourceVersionId: versionIdUnlessNull(source.versionId),
    checksum: version.checksum === null ? undefined : toChecksum(version.checksum),
    encryption: version.encryption === null ? undefined : toEncryptionInfo(version.encryption),
  };
}
