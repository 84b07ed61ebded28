import type { storageV1 } from '@strongroom/contracts';
import { announcedChecksumAlgorithm, checkAnnouncedChecksums, partChecksumResponseHeaders, requestChecksum, toApiChecksum } from '../../s3/checksum-headers';
import { S3Error } from '../../s3/errors';
import { CUSTOMER_KEY_HEADERS, customerKeyFromHeaders, customerKeyResponseHeaders, wipingAfter } from '../../s3/customer-key-headers';
import { encryptionHeaders, rejectSseHeaders } from '../../s3/sse-headers';
import { bucketOf, keyOf, partNumberParam, textParam } from '../../s3/params';
import { openUploadBody, streamUpload, uploadLength } from '../../s3/upload-stream';
import { header, type S3Request } from '../s3-request';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/**
 * The part's additional checksum: the `x-amz-checksum-*` header's value, or
 * only its algorithm when the value comes in a trailer or is announced
 * (the SDKs send a CRC32 with every part by default, whether or not the
 * upload was created with an algorithm).
 */
function partChecksum(request: S3Request): storageV1.Checksum | undefined {
  const given = requestChecksum(request.headers);
  if (given !== undefined) return toApiChecksum(given.name, given.value);
  const announced = announcedChecksumAlgorithm(request.headers, { declaredTrailer: request.body.declaredTrailer, presignedAlgorithm: request.presignedChecksumAlgorithm });
  return announced === undefined ? undefined : toApiChecksum(announced, '');
}

/** UploadPart: `PUT /<bucket>/<key>?partNumber=&uploadId=`, streamed like PutObject. */
export const uploadPart: Command = async (request, { storage }) => {
  const partNumber = partNumberParam(request);
  if (partNumber === undefined) throw new S3Error('InvalidArgument', 'partNumber is required');
  rejectSseHeaders(request.headers);
  checkAnnouncedChecksums(request.headers, request.body.declaredTrailer);
  const checksum = partChecksum(request);
  const customerKey = customerKeyFromHeaders(request.headers, CUSTOMER_KEY_HEADERS);
  const head: storageV1.UploadPartHeader = {
    requester: request.requester,
    bucket: bucketOf(request),
    key: keyOf(request),
    uploadId: textParam(request, 'uploadId'),
    partNumber,
    contentLength: uploadLength(request.body),
    contentMd5: header(request, 'content-md5') ?? '',
    confirmBeforeData: request.body.awaitsContinue,
    ...(checksum === undefined ? {} : { checksum }),
    ...(customerKey === undefined ? {} : { customerKey }),
  };
  const response = await wipingAfter(streamUpload((messages, options) => storage.uploadPart(messages, options), head, () => openUploadBody(request.body)), customerKey);
  return emptyResponse(200, {
    etag: response.etag,
    ...encryptionHeaders(response.encryption),
    ...customerKeyResponseHeaders(response.encryption, customerKey),
    ...partChecksumResponseHeaders(response.checksum),
  });
};
