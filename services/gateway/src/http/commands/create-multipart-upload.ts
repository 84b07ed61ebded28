import { checksumAlgorithmName, checksumTypeHeader, checksumTypeName } from '../../s3/checksum-headers';
import { customerKeyResponseHeaders, wipingAfter } from '../../s3/customer-key-headers';
import { encryptionHeaders } from '../../s3/sse-headers';
import { bucketOf, keyOf } from '../../s3/params';
import { writeOptions } from '../../s3/write-options';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** CreateMultipartUpload: `POST /<bucket>/<key>?uploads`, with what the completed object will store. */
export const createMultipartUpload: Command = async (request, { storage }) => {
  const bucket = bucketOf(request);
  const key = keyOf(request);
  const options = writeOptions(request.headers);
  const response = await wipingAfter(storage.createMultipartUpload({ requester: request.requester, bucket, key, options, checksumType: checksumTypeHeader(request.headers) }), options.customerKey);
  return xmlResponse(
    'InitiateMultipartUploadResult',
    { Bucket: bucket, Key: key, UploadId: response.uploadId },
    {
      ...encryptionHeaders(response.encryption, { context: true }),
      ...customerKeyResponseHeaders(response.encryption, options.customerKey),
      'x-amz-checksum-algorithm': checksumAlgorithmName(response.checksumAlgorithm),
      'x-amz-checksum-type': checksumTypeName(response.checksumType),
    },
  );
};
