import { checksumAlgorithmName, checksumTypeName } from '../../s3/checksum-headers';
import { listEncoding } from '../../s3/list-encoding';
import { commonPrefixesXml } from '../../s3/listing-xml';
import { bucketOf, multipartPageParam, textParam } from '../../s3/params';
import { ownerXml } from '../../s3/xml-shapes';
import { xmlTimestamp } from '../../s3/xml-timestamp';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** ListMultipartUploads: `GET /<bucket>?uploads` with prefix, delimiter, key-marker, upload-id-marker, max-uploads, encoding-type. */
export const listMultipartUploads: Command = async (request, { storage }) => {
  const bucket = bucketOf(request);
  const encoding = listEncoding(request);
  const prefix = textParam(request, 'prefix');
  const delimiter = textParam(request, 'delimiter');
  const keyMarker = textParam(request, 'key-marker');
  const uploadIdMarker = textParam(request, 'upload-id-marker');
  const maxUploads = multipartPageParam(request, 'max-uploads');
  const page = await storage.listMultipartUploads({ requester: request.requester, bucket, prefix, delimiter, maxUploads, keyMarker, uploadIdMarker, emptyPage: maxUploads === 0 });
  return xmlResponse('ListMultipartUploadsResult', {
    Bucket: bucket,
    KeyMarker: encoding.encode(keyMarker),
    // S3 ignores an upload-id-marker without a key-marker, and says so by echoing none.
    UploadIdMarker: keyMarker === '' ? '' : uploadIdMarker,
    NextKeyMarker: encoding.encode(page.nextKeyMarker),
    NextUploadIdMarker: page.nextUploadIdMarker,
    Prefix: encoding.optional(prefix),
    Delimiter: encoding.optional(delimiter),
    MaxUploads: maxUploads,
    IsTruncated: page.isTruncated,
    EncodingType: encoding.type,
    Upload: page.uploads.map((upload) => ({
      Key: encoding.encode(upload.key),
      UploadId: upload.uploadId,
      Initiator: ownerXml(upload.initiator),
      Owner: ownerXml(upload.owner),
      StorageClass: upload.storageClass || 'STANDARD',
      Initiated: xmlTimestamp(upload.initiated),
      ChecksumAlgorithm: checksumAlgorithmName(upload.checksumAlgorithm),
      ChecksumType: checksumTypeName(upload.checksumType),
    })),
    CommonPrefixes: commonPrefixesXml(page.commonPrefixes, encoding),
  });
};
