import { CUSTOMER_KEY_HEADERS, customerKeyFromHeaders, customerKeyResponseHeaders, sourceCustomerKeyAfter, wipingAfter } from '../../s3/customer-key-headers';
import { parseCopySourceRange } from '../../s3/byte-range';
import { namingCopySource, parseCopySource } from '../../s3/copy-source';
import { S3Error } from '../../s3/errors';
import { copyRequester } from '../../s3/expected-bucket-owner';
import { versionIdHeader } from '../../s3/object-headers';
import { bucketOf, keyOf, partNumberParam, textParam } from '../../s3/params';
import { copySourcePreconditions } from '../../s3/preconditions';
import { encryptionHeaders, rejectSseHeaders } from '../../s3/sse-headers';
import { checksumXml } from '../../s3/xml-shapes';
import { xmlTimestamp } from '../../s3/xml-timestamp';
import { header } from '../s3-request';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** UploadPartCopy: `PUT /<bucket>/<key>?partNumber=&uploadId=` with `x-amz-copy-source` (and `x-amz-copy-source-range`). */
export const uploadPartCopy: Command = async (request, { storage }) => {
  const partNumber = partNumberParam(request);
  if (partNumber === undefined) throw new S3Error('InvalidArgument', 'partNumber is required');
  const source = parseCopySource(header(request, 'x-amz-copy-source') ?? '');
  const sourceRange = parseCopySourceRange(header(request, 'x-amz-copy-source-range'));
  const conditions = copySourcePreconditions(request.headers);
  rejectSseHeaders(request.headers);
  // The customer keys are decoded last, so that no other header's error leaves one unwiped.
  const customerKey = customerKeyFromHeaders(request.headers, CUSTOMER_KEY_HEADERS);
  const sourceCustomerKey = sourceCustomerKeyAfter(customerKey, request.headers);
  const call = storage.uploadPartCopy({
    requester: copyRequester(request, source.bucket),
    bucket: bucketOf(request),
    key: keyOf(request),
    uploadId: textParam(request, 'uploadId'),
    partNumber,
    sourceBucket: source.bucket,
    sourceKey: source.key,
    sourceVersionId: source.versionId,
    ...(sourceRange === undefined ? {} : { sourceRange }),
    ...(conditions === undefined ? {} : { sourcePreconditions: conditions }),
    ...(customerKey === undefined ? {} : { customerKey }),
    ...(sourceCustomerKey === undefined ? {} : { sourceCustomerKey }),
  });
  const response = await wipingAfter(call, customerKey, sourceCustomerKey).catch((error: unknown) => {
    throw namingCopySource(error, source);
  });
  return xmlResponse(
    'CopyPartResult',
    { ETag: response.etag, LastModified: xmlTimestamp(response.lastModified), ...checksumXml(response.checksum) },
    { 'x-amz-copy-source-version-id': versionIdHeader(response.sourceVersionId), ...encryptionHeaders(response.encryption), ...customerKeyResponseHeaders(response.encryption, customerKey) },
  );
};
