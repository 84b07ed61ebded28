import type { storageV1 } from '@strongroom/contracts';
import { namingRequestedRange, readSelection } from '../../s3/byte-range';
import { S3Error } from '../../s3/errors';
import { checksumModeHeader, readResponseHead } from '../../s3/object-headers';
import { bucketOf, keyOf, versionIdParam } from '../../s3/params';
import { preconditions } from '../../s3/preconditions';
import { notModifiedWithOverrides, responseOverrides } from '../../s3/response-overrides';
import { CUSTOMER_KEY_HEADERS, customerKeyFromHeaders, customerKeyResponseHeaders, wipingAfter } from '../../s3/customer-key-headers';
import { rejectSseHeaders } from '../../s3/sse-headers';
import type { Command } from '../command';

/**
 * The data messages of a GetObject stream as bytes. Ending it early
 * (`return`, as `for await` does on break) cancels the storage call.
 */
function relayData(messages: AsyncIterator<storageV1.GetObjectResponse>): AsyncIterableIterator<Uint8Array> {
  const relay: AsyncIterableIterator<Uint8Array> = {
    async next() {
      for (;;) {
        const message = await messages.next();
        if (message.done === true) return { done: true, value: undefined };
        if (message.value.part?.$case === 'data') return { done: false, value: message.value.part.value };
      }
    },
    async return() {
      await messages.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => relay,
  };
  return relay;
}

/**
 * GetObject: `GET /<bucket>/<key>` with Range (one range, under If-Range), partNumber,
 * versionId, the conditional headers, the SSE-C key headers and the `response-*` overrides. The
 * storage service's stream is relayed as it comes, with backpressure.
 */
export const getObject: Command = async (request, { storage }) => {
  const { range, partNumber } = readSelection(request);
  const checksumMode = checksumModeHeader(request.headers);
  const overrides = responseOverrides(request);
  const conditions = preconditions(request.headers);
  const customerKey = customerKeyFromHeaders(request.headers, CUSTOMER_KEY_HEADERS);
  const stream = storage.getObject({
    requester: request.requester,
    bucket: bucketOf(request),
    key: keyOf(request),
    versionId: versionIdParam(request),
    ...(range === undefined ? {} : { range }),
    partNumber: partNumber ?? 0,
    ...(conditions === undefined ? {} : { preconditions: conditions }),
    ...(customerKey === undefined ? {} : { customerKey }),
  });
  const messages = stream[Symbol.asyncIterator]();
  try {
    const first = await wipingAfter(messages.next(), customerKey).catch((error: unknown) => {
      throw notModifiedWithOverrides(namingRequestedRange(error, request), overrides);
    });
    const metadata = first.done === true || first.value.part?.$case !== 'metadata' ? undefined : first.value.part.value;
    if (metadata?.object === undefined) throw new S3Error('InternalError');
    const { object } = metadata;
    rejectSseHeaders(request.headers);
    const { status, headers } = readResponseHead({ ...metadata, object }, { checksumMode, partRequested: partNumber !== undefined });
    return { status, headers: { ...headers, ...customerKeyResponseHeaders(object.encryption, customerKey), ...overrides }, body: relayData(messages) };
  } catch (error) {
    // Every early exit ends the storage call: a stream left open holds the call (and its object) until its deadline.
    await messages.return?.(undefined);
    throw error;
  }
};
