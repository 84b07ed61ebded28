import { storageV1 } from '@strongroom/contracts';
import { S3_CHECKSUM_ALGORITHMS, decodeChecksum } from '@strongroom/checksums';
import { checksumTypeHeader, requestChecksum, toApiChecksum } from '../../s3/checksum-headers';
import { S3Error } from '../../s3/errors';
import { versionIdHeader } from '../../s3/object-headers';
import { CUSTOMER_KEY_HEADERS, customerKeyFromHeaders, wipingAfter } from '../../s3/customer-key-headers';
import { encryptionHeaders } from '../../s3/sse-headers';
import { bucketOf, keyOf, partNumberValue, textParam } from '../../s3/params';
import { objectLocation } from '../../s3/object-location';
import { writePreconditions } from '../../s3/preconditions';
import { childList, childText, type ParsedXml } from '../../s3/xml';
import { readXmlBody } from '../../s3/xml-body';
import { checksumXml } from '../../s3/xml-shapes';
import type { Command } from '../command';
import type { S3Request } from '../s3-request';
import { xmlResponse } from '../responses';

const { ChecksumAlgorithm, ChecksumType } = storageV1;

/**
 * One `<Part>` of the list: its number (1 to 10000), ETag and at most one
 * checksum, in base64 of its algorithm's digest (InvalidArgument, in S3's
 * words, otherwise).
 */
function completedPart(part: ParsedXml): storageV1.CompletedPart {
  const number = childText(part, 'PartNumber') ?? '';
  const etag = childText(part, 'ETag');
  if (!/^\d+$/.test(number) || etag === undefined) throw new S3Error('MalformedXML');
  const checksums = S3_CHECKSUM_ALGORITHMS.flatMap((name) => {
    const value = childText(part, `Checksum${name}`);
    return value === undefined ? [] : [{ name, value }];
  });
  if (checksums.length > 1 || checksums.some(({ name, value }) => decodeChecksum(name, value) === undefined)) {
    throw new S3Error('InvalidArgument', 'Invalid Base64 or multiple checksums present in request', {
      ArgumentName: 'Checksum',
      ArgumentValue: checksums.map(({ name, value }) => `${name}:${value};`).join(''),
    });
  }
  const checksum = checksums[0];
  return { partNumber: partNumberValue(number), etag, ...(checksum === undefined ? {} : { checksum: toApiChecksum(checksum.name, checksum.value) }) };
}

/**
 * The object's checksum a client sends with CompleteMultipartUpload
 * (`x-amz-checksum-<algorithm>`, `x-amz-checksum-type`, either alone),
 * checked by the storage service.
 */
function objectChecksum(request: S3Request): storageV1.Checksum | undefined {
  const given = requestChecksum(request.headers, { partCount: true });
  const type = checksumTypeHeader(request.headers);
  if (given === undefined) return type === ChecksumType.UNSPECIFIED ? undefined : { algorithm: ChecksumAlgorithm.UNSPECIFIED, value: '', type };
  return { ...toApiChecksum(given.name, given.value), type };
}

/**
 * A completion without a body: InvalidRequest in S3's words (LocalStack's
 * AWS-validated test_multipart_complete_multipart_too_small, "complete-exc-no-parts").
 */
function noParts(): S3Error {
  return new S3Error('InvalidRequest', 'You must specify at least one part');
}

/**
 * CompleteMultipartUpload: `POST /<bucket>/<key>?uploadId=` with the part list (order and ETags checked by the storage service) and, optionally, an SSE-C upload's key.
 * Its Location is the object's absolute URL, on the host, scheme and addressing style of the request.
 */
export const completeMultipartUpload: Command = async (request, { storage, domain }) => {
  const bucket = bucketOf(request);
  const key = keyOf(request);
  const document = await readXmlBody(request, 'CompleteMultipartUpload', { limit: 2 * 1024 * 1024, checksumHeaderIsBody: false, emptyBodyError: noParts });
  const checksum = objectChecksum(request);
  const parts = childList(document, 'Part').map(completedPart);
  // A body that lists no part: MalformedXML, as S3 answers it (quoted in apache/arrow-rs-object-store#91; moto's test_complete_multipart_with_empty_partlist).
  if (parts.length === 0) throw new S3Error('MalformedXML');
  const conditions = writePreconditions(request.headers);
  const customerKey = customerKeyFromHeaders(request.headers, CUSTOMER_KEY_HEADERS);
  const call = storage.completeMultipartUpload({
    requester: request.requester,
    bucket,
    key,
    uploadId: textParam(request, 'uploadId'),
    parts,
    ...(conditions === undefined ? {} : { preconditions: conditions }),
    ...(customerKey === undefined ? {} : { customerKey }),
    ...(checksum === undefined ? {} : { checksum }),
  });
  const response = await wipingAfter(call, customerKey);
  return xmlResponse(
    'CompleteMultipartUploadResult',
    { Location: objectLocation(request, domain, { bucket, key }), Bucket: bucket, Key: key, ETag: response.etag, ...checksumXml(response.checksum, true) },
    { 'x-amz-version-id': versionIdHeader(response.versionId), ...encryptionHeaders(response.encryption) },
  );
};
