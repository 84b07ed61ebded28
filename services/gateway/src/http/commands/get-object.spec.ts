import { storageServiceDefinition, type storageV1 } from '@strongroom/contracts';
import { createChannel, createClient, createServer, type CallContext, type Server } from 'nice-grpc';
import type { StorageClient, GatewayContext } from '../command';
import type { S3Request } from '../s3-request';
import { getObject } from './get-object';

/** A storage server whose GetObject answers a data message first, then waits; it reports when the gateway cancels the call. */
async function storageAnsweringDataFirst(): Promise<{ server: Server; address: string; cancelled: Promise<void> }> {
  let reportCancel!: () => void;
  const cancelled = new Promise<void>((resolve) => (reportCancel = resolve));
  const server = createServer();
  const onlyGetObject = { ...storageServiceDefinition, methods: { getObject: storageServiceDefinition.methods.getObject } };
  server.add(onlyGetObject, {
    async *getObject(_request: storageV1.GetObjectRequest, context: CallContext): AsyncIterable<storageV1.GetObjectResponse> {
      context.signal.addEventListener('abort', reportCancel);
      yield { part: { $case: 'data', value: Buffer.from('not metadata') } };
      await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
    },
  });
  const port = await server.listen('127.0.0.1:0');
  return { server, address: `127.0.0.1:${port}`, cancelled };
}

describe('GetObject', () => {
  test('a storage answer that does not start with metadata is an InternalError, and the storage call is cancelled', async () => {
    const { server, address, cancelled } = await storageAnsweringDataFirst();
    const channel = createChannel(address);
    try {
      const storage: StorageClient = createClient(storageServiceDefinition, channel);
      const request = { bucket: 'bucket', key: 'key', query: new URLSearchParams(), headers: {}, requester: {} } as unknown as S3Request;
      await expect(getObject(request, { storage } as GatewayContext)).rejects.toMatchObject({ code: 'InternalError' });
      await Promise.race([cancelled, new Promise((_, reject) => setTimeout(() => reject(new Error('the storage call was left open')), 2_000).unref())]);
    } finally {
      channel.close();
      server.forceShutdown();
    }
  });
});
