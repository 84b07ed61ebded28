import type { storageV1 } from '@strongroom/contracts';
import { checksumResponseHeaders, requestChecksum, toApiChecksum } from '../../s3/checksum-headers';
import { S3Error } from '../../s3/errors';
import { CUSTOMER_KEY_HEADERS, customerKeyFromHeaders, customerKeyResponseHeaders, wipeCustomerKeys } from '../../s3/customer-key-headers';
import { encryptionHeaders } from '../../s3/sse-headers';
import { bucketOf, keyOf, partNumberParam, textParam } from '../../s3/params';
import { openUploadBody, streamUpload, uploadLength } from '../../s3/upload-stream';
import { header } from '../s3-request';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** UploadPart: `PUT /<bucket>/<key>?partNumber=&uploadId=`, streamed like PutObject. */
export const uploadPart: Command = async (request, { storage }) => {
  const partNumber = partNumberParam(request);
  if (partNumber === undefined) throw new S3Error('InvalidArgument', 'partNumber is required');
  const checksum = requestChecksum(request.headers);
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
    ...(checksum === undefined ? {} : { checksum: toApiChecksum(checksum.name, checksum.value) }),
    ...(customerKey === undefined ? {} : { customerKey }),
  };
  let response;
  try {
    response = await streamUpload((messages, options) => storage.uploadPart(messages, options), head, () => openUploadBody(request.body));
  } finally {
    wipeCustomerKeys(customerKey);
  }
  return emptyResponse(200, {
    etag: response.etag,
    ...encryptionHeaders(response.encryption),
    ...customerKeyResponseHeaders(response.encryption, customerKey),
    ...checksumResponseHeaders(response.checksum),
  });
};
