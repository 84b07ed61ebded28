import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { randomUUID } from 'node:crypto';
import { requireBucket } from '../bucket-access';
import { planChecksum, verifyUpload } from '../checksum-plan';
import { newObjectAccess, writeNeedsAclPermission } from '../object-acl';
import { wipeCustomerKeys } from '../customer-key';
import { chooseEncryption } from '../encryption-choice';
import { objectCreationCondition, writeConditions } from '../write-conditions';
import { newEncryption, versionEtag } from '../object-encryption';
import { MAX_OBJECT_BYTES, parseContentMd5, requestedTags, requestTagContext, validateAttributes, validateKey } from '../object-input';
import { sealToBlob } from '../object-writer';
import { toChecksum, toEncryptionInfo } from '../proto-mapping';
import { checkWritePreconditions, hasWritePreconditions, refuseUnsupportedWriteConditions, writePreconditionConditions } from '../preconditions';
import { versionIdUnlessNull } from '../shown-version-id';
import type { UploadHandler } from '../storage-call';
import { OBJECT_TAGS, validateTags } from '../tags';
import { removeUncommittedBlobs } from '../uncommitted-blobs';
import { openUploadStream } from '../upload-stream';
import { commitVersion } from '../version-writes';
import { findLatestVersion } from '../version-store';

/**
 * PutObject: validates the header and authorizes (with the ACL and tags it
 * carries), then streams the body through MD5, the additional checksum and
 * the sealer into a blob file; only when every byte is durable and every
 * check passed does the version commit (by the bucket's versioning rules).
 * Anything that fails, the body cut short included, leaves no version and
 * no blob.
 */
export const putObject: UploadHandler<storageV1.PutObjectRequest, storageV1.PutObjectResponse> = async (deps, requests, call) => {
  const upload = await openUploadStream(requests, () => call.acceptData(), deps.uploadIdleTimeoutMs);
  const header = upload.header;
  const requester = call.assertRequester(header.requester);
  validateKey(header.key);
  refuseUnsupportedWriteConditions(header.preconditions);
  const contentLength = header.lengthUnknown ? undefined : header.contentLength;
  if (contentLength !== undefined && contentLength > MAX_OBJECT_BYTES) {
    throw new DomainError(ErrorReason.ENTITY_TOO_LARGE, `an object is at most ${MAX_OBJECT_BYTES} bytes; use a multipart upload`);
  }
  const contentMd5 = parseContentMd5(header.contentMd5);
  const attributes = validateAttributes(header.options);
  const plan = planChecksum(header.checksum, header.options?.checksumAlgorithm ?? storageV1.ChecksumAlgorithm.UNSPECIFIED);
  const bucket = await requireBucket(deps, header.bucket);

  const asked = requestedTags(header.options);
  const tagContext = requestTagContext(asked);
  const putContext = { ...tagContext, ...writeConditions(header.options), ...writePreconditionConditions(header.preconditions), ...objectCreationCondition(true) };
  await deps.authorizer.require(requester, { action: 's3:PutObject', bucket, key: header.key, context: putContext });
  if (asked.length > 0) await deps.authorizer.require(requester, { action: 's3:PutObjectTagging', bucket, key: header.key, context: tagContext });
  if (writeNeedsAclPermission(header.options?.acl)) await deps.authorizer.require(requester, { action: 's3:PutObjectAcl', bucket, key: header.key, context: writeConditions(header.options) });
  const tags = validateTags(asked, OBJECT_TAGS);
  const choice = chooseEncryption(bucket, header.key, header.options, requester);
  const access = await newObjectAccess(deps, bucket, requester, header.options?.acl);
  if (hasWritePreconditions(header.preconditions)) {
    const latest = await findLatestVersion(deps.pool, bucket.bucketId, header.key);
    checkWritePreconditions(header.preconditions, latest === undefined || latest.isDeleteMarker ? undefined : latest);
  }

  const streamId = randomUUID();
  let newKey;
  try {
    newKey = await newEncryption(deps, bucket, choice, streamId);
  } finally {
    wipeCustomerKeys(header.options?.customerKey);
  }
  const { dataKey, encryption } = newKey;
  let sealed;
  try {
    sealed = await sealToBlob(deps.blobs, {
      body: upload.data,
      contentLength,
      streamId,
      dataKey,
      checksumAlgorithm: plan?.algorithm,
      md5: encryption.sseType === 'AES256' || contentMd5 !== undefined,
      signal: call.signal,
    });
  } finally {
    dataKey.fill(0);
  }
  let blobCommitted = false;
  try {
    const checksum = verifyUpload(sealed, contentMd5, plan, upload.trailer()?.checksum);
    await sealed.commit();
    blobCommitted = true;
    const committed = await commitVersion(
      deps,
      bucket,
      header.key,
      {
        isDeleteMarker: false,
        size: sealed.size,
        etag: versionEtag(deps, encryption.sseType, sealed.md5),
        ...attributes,
        tags,
        acl: access.acl,
        ownerId: access.owner.id,
        ownerDisplayName: access.owner.displayName,
        encryption: { ...encryption, streamId: sealed.streamId },
        blobId: sealed.blobId,
        checksum,
        partLayout: null,
        replicationStatus: null,
      },
      [{ kind: 'new', blobId: sealed.blobId, sealedLength: sealed.sealedLength }],
      header.preconditions,
    );
    const { version } = committed;
    return {
      etag: version.etag ?? '',
      versionId: versionIdUnlessNull(version.versionId),
      checksum: version.checksum === null ? undefined : toChecksum(version.checksum),
      encryption: toEncryptionInfo(encryption),
      size: version.size,
    };
  } catch (error) {
    if (blobCommitted) await removeUncommittedBlobs(deps.blobs, [sealed.blobId], error);
    else await sealed.discard();
    throw error;
  }
};
