import { readSelection } from '../../s3/byte-range';
import { checksumModeHeader, readResponseHead } from '../../s3/object-headers';
import { bucketOf, keyOf, versionIdParam } from '../../s3/params';
import { preconditions } from '../../s3/preconditions';
import { notModifiedWithOverrides, responseOverrides } from '../../s3/response-overrides';
import { CUSTOMER_KEY_HEADERS, customerKeyFromHeaders, customerKeyResponseHeaders, wipingAfter } from '../../s3/customer-key-headers';
import { rejectSseHeaders } from '../../s3/sse-headers';
import type { Command } from '../command';

/** HeadObject: `HEAD /<bucket>/<key>`: GetObject's status and headers (206 for a Range or partNumber) without the body. */
export const headObject: Command = async (request, { storage }) => {
  const { range, partNumber } = readSelection(request);
  const checksumMode = checksumModeHeader(request.headers);
  const conditions = preconditions(request.headers);
  const overrides = responseOverrides(request);
  const customerKey = customerKeyFromHeaders(request.headers, CUSTOMER_KEY_HEADERS);
  const call = storage.headObject({
    requester: request.requester,
    bucket: bucketOf(request),
    key: keyOf(request),
    versionId: versionIdParam(request),
    partNumber: partNumber ?? 0,
    ...(range === undefined ? {} : { range }),
    ...(conditions === undefined ? {} : { preconditions: conditions }),
    ...(customerKey === undefined ? {} : { customerKey }),
  });
  const answer = await wipingAfter(call, customerKey).catch((error: unknown) => {
    throw notModifiedWithOverrides(error, overrides);
  });
  const { object } = answer;
  if (object === undefined) return { status: 404 };
  rejectSseHeaders(request.headers);
  const { status, headers } = readResponseHead({ ...answer, object }, { checksumMode, partRequested: partNumber !== undefined });
  return { status, headers: { ...headers, ...customerKeyResponseHeaders(object.encryption, customerKey), ...overrides } };
};
