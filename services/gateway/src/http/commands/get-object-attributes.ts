import { CUSTOMER_KEY_HEADERS, customerKeyFromHeaders, wipingAfter } from '../../s3/customer-key-headers';
import { S3Error } from '../../s3/errors';
import { formatHttpDate } from '../../s3/http-date';
import { partsPaging, requestedAttributes } from '../../s3/object-attributes-header';
import { objectAttributesXml } from '../../s3/object-attributes-xml';
import { versionIdHeader } from '../../s3/object-headers';
import { bucketOf, keyOf, versionIdParam } from '../../s3/params';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/**
 * GetObjectAttributes: `GET /<bucket>/<key>?attributes[&versionId=]` with
 * `x-amz-object-attributes`, the parts page headers and, for an SSE-C
 * object, its key; the attributes asked for, with Last-Modified and the
 * version id.
 */
export const getObjectAttributes: Command = async (request, { storage }) => {
  const requested = requestedAttributes(request);
  const { maxParts, partNumberMarker } = partsPaging(request);
  const versionId = versionIdParam(request);
  const customerKey = customerKeyFromHeaders(request.headers, CUSTOMER_KEY_HEADERS);
  const call = storage.getObjectAttributes({
    requester: request.requester,
    bucket: bucketOf(request),
    key: keyOf(request),
    versionId,
    maxParts,
    partNumberMarker,
    ...(customerKey === undefined ? {} : { customerKey }),
  });
  const answer = await wipingAfter(call, customerKey);
  const { object } = answer;
  if (object === undefined) throw new S3Error('InternalError');
  return xmlResponse('GetObjectAttributesResponse', objectAttributesXml({ ...answer, object }, requested, partNumberMarker), {
    'last-modified': object.lastModified === undefined ? undefined : formatHttpDate(object.lastModified),
    'x-amz-version-id': versionIdHeader(object.versionId),
  });
};
