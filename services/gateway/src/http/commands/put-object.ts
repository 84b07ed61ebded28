import type { storageV1 } from '@strongroom/contracts';
import { checkAnnouncedChecksums, checksumResponseHeaders, requestChecksum, toApiChecksum } from '../../s3/checksum-headers';
import { versionIdHeader } from '../../s3/object-headers';
import { bucketOf, keyOf } from '../../s3/params';
import { writePreconditions } from '../../s3/preconditions';
import { customerKeyResponseHeaders, wipingAfter } from '../../s3/customer-key-headers';
import { encryptionHeaders } from '../../s3/sse-headers';
import { openUploadBody, streamUpload, uploadLength } from '../../s3/upload-stream';
import { writeOptions } from '../../s3/write-options';
import { header } from '../s3-request';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** PutObject: `PUT /<bucket>/<key>`, the body streamed to the storage service without ever being held whole. */
export const putObject: Command = async (request, { storage }) => {
  const checksum = requestChecksum(request.headers);
  checkAnnouncedChecksums(request.headers, request.body.declaredTrailer);
  const conditions = writePreconditions(request.headers);
  const options = writeOptions(request.headers, { declaredTrailer: request.body.declaredTrailer, presignedAlgorithm: request.presignedChecksumAlgorithm });
  const head: storageV1.PutObjectHeader = {
    requester: request.requester,
    bucket: bucketOf(request),
    key: keyOf(request),
    contentLength: uploadLength(request.body),
    contentMd5: header(request, 'content-md5') ?? '',
    confirmBeforeData: request.body.awaitsContinue,
    lengthUnknown: false,
    ...(checksum === undefined ? {} : { checksum: toApiChecksum(checksum.name, checksum.value) }),
    options,
    ...(conditions === undefined ? {} : { preconditions: conditions }),
  };
  const response = await wipingAfter(streamUpload((messages, options) => storage.putObject(messages, options), head, () => openUploadBody(request.body)), options.customerKey);
  return emptyResponse(200, {
    etag: response.etag,
    'x-amz-version-id': versionIdHeader(response.versionId),
    ...encryptionHeaders(response.encryption, { context: true }),
    ...customerKeyResponseHeaders(response.encryption, options.customerKey),
    ...checksumResponseHeaders(response.checksum),
  });
};
