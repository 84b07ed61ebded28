import { objectHeaders } from '../../s3/object-headers';
import { bucketOf, keyOf, partNumberParam, versionIdParam } from '../../s3/params';
import { preconditions } from '../../s3/preconditions';
import { responseOverrides } from '../../s3/response-overrides';
import { CUSTOMER_KEY_HEADERS, customerKeyFromHeaders, customerKeyResponseHeaders, wipeCustomerKeys } from '../../s3/customer-key-headers';
import { rejectReadSseHeaders } from '../../s3/sse-headers';
import { header } from '../s3-request';
import type { Command } from '../command';

/** HeadObject: `HEAD /<bucket>/<key>`: GetObject's headers without the body. */
export const headObject: Command = async (request, { storage }) => {
  const partNumber = partNumberParam(request);
  const conditions = preconditions(request.headers);
  const overrides = responseOverrides(request);
  const customerKey = customerKeyFromHeaders(request.headers, CUSTOMER_KEY_HEADERS);
  const call = storage.headObject({
    requester: request.requester,
    bucket: bucketOf(request),
    key: keyOf(request),
    versionId: versionIdParam(request),
    partNumber: partNumber ?? 0,
    ...(conditions === undefined ? {} : { preconditions: conditions }),
    ...(customerKey === undefined ? {} : { customerKey }),
  });
  let object;
  try {
    ({ object } = await call);
  } finally {
    wipeCustomerKeys(customerKey);
  }
  if (object === undefined) return { status: 404 };
  rejectReadSseHeaders(request.headers, object.encryption);
  const headers = objectHeaders(object, { checksumMode: header(request, 'x-amz-checksum-mode') === 'ENABLED', partRequested: partNumber !== undefined });
  return { status: 200, headers: { ...headers, ...customerKeyResponseHeaders(object.encryption, customerKey), ...overrides } };
};
