import { checksumAlgorithmName, checksumTypeName } from '../../s3/checksum-headers';
import { CUSTOMER_KEY_HEADERS, customerKeyFromHeaders, wipingAfter } from '../../s3/customer-key-headers';
import { bucketOf, keyOf, multipartPageParam, partNumberMarkerParam, textParam } from '../../s3/params';
import { checksumXml, ownerXml } from '../../s3/xml-shapes';
import { xmlTimestamp } from '../../s3/xml-timestamp';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** ListParts: `GET /<bucket>/<key>?uploadId=` with max-parts and part-number-marker; an SSE-C upload with a checksum algorithm needs its key. */
export const listParts: Command = async (request, { storage }) => {
  const bucket = bucketOf(request);
  const key = keyOf(request);
  const uploadId = textParam(request, 'uploadId');
  const maxParts = multipartPageParam(request, 'max-parts');
  const partNumberMarker = partNumberMarkerParam(request);
  const customerKey = customerKeyFromHeaders(request.headers, CUSTOMER_KEY_HEADERS);
  const page = await wipingAfter(
    storage.listParts({ requester: request.requester, bucket, key, uploadId, maxParts, partNumberMarker, emptyPage: maxParts === 0, ...(customerKey === undefined ? {} : { customerKey }) }),
    customerKey,
  );
  return xmlResponse('ListPartsResult', {
    Bucket: bucket,
    Key: key,
    UploadId: uploadId,
    Initiator: ownerXml(page.upload?.initiator),
    Owner: ownerXml(page.upload?.owner),
    StorageClass: page.upload?.storageClass || 'STANDARD',
    PartNumberMarker: partNumberMarker,
    NextPartNumberMarker: page.nextPartNumberMarker,
    MaxParts: maxParts,
    IsTruncated: page.isTruncated,
    ChecksumAlgorithm: page.upload === undefined ? undefined : checksumAlgorithmName(page.upload.checksumAlgorithm),
    ChecksumType: page.upload === undefined ? undefined : checksumTypeName(page.upload.checksumType),
    Part: page.parts.map((part) => ({
      PartNumber: part.partNumber,
      LastModified: xmlTimestamp(part.lastModified),
      ETag: part.etag,
      Size: part.size,
      ...checksumXml(part.checksum),
    })),
  });
};
