import { kmsV1, policyV1, storageServiceDefinition } from '@strongroom/contracts';
import { createServiceClient, startGrpcServer, type CallerContext, type RunningGrpcServer } from '@strongroom/grpc';
import { createLogger } from '@strongroom/observability';
import { testCredentials, until } from '@strongroom/testing';
import type { ServiceImplementation } from 'nice-grpc';
import { connect, type Socket } from 'node:net';
import { TrustedProxies } from '../src/http/client-address';
import { startGateway, type RunningGateway } from '../src/server';

/** The storage methods a hanging storage service serves. */
const Hanging = {
  name: storageServiceDefinition.name,
  fullName: storageServiceDefinition.fullName,
  methods: {
    putObject: storageServiceDefinition.methods.putObject,
    getObject: storageServiceDefinition.methods.getObject,
    headObject: storageServiceDefinition.methods.headObject,
  },
} as const;

/** Calls the storage service received, and those it saw cancelled. */
const received = new Set<string>();
const cancelled = new Set<string>();

/** Never settles unless the call is cancelled, noting both under `name`. */
function hang(name: string, signal: AbortSignal): Promise<never> {
  received.add(name);
  return new Promise((_resolve, reject) =>
    signal.addEventListener('abort', () => {
      cancelled.add(name);
      reject(new Error(`${name} cancelled`));
    }),
  );
}

/** A storage service that takes each call (an upload's whole stream) and never answers: a stuck disk. */
const hanging: ServiceImplementation<typeof Hanging, CallerContext> = {
  async putObject(messages, context) {
    for await (const message of messages) void message;
    return hang('putObject', context.signal);
  },
  async *getObject(_request, context) {
    yield await hang('getObject', context.signal);
  },
  headObject: (_request, context) => hang('headObject', context.signal),
};

let storageServer: RunningGrpcServer;
let gateway: RunningGateway;
const channels: { close(): void }[] = [];

beforeAll(async () => {
  const { token, registry } = testCredentials({ name: 'gateway' });
  storageServer = await startGrpcServer({
    name: 'storage',
    address: '127.0.0.1:0',
    healthAddress: '127.0.0.1:0',
    credentials: registry,
    logger: createLogger({ name: 'request-cancellation-test', level: 'silent' }),
    register: (api) => api.add(Hanging, hanging),
    serviceNames: [Hanging.fullName],
  });
  const storage = createServiceClient(storageServiceDefinition, { address: `127.0.0.1:${storageServer.port}`, token });
  // Anonymous requests reach storage without a signing key from policy, and the KMS API is not used: both are never called.
  const policy = createServiceClient(policyV1.PolicyServiceDefinition, { address: '127.0.0.1:1', token });
  const kms = createServiceClient(kmsV1.KeyManagementServiceDefinition, { address: '127.0.0.1:1', token });
  channels.push(storage.channel, policy.channel, kms.channel);
  gateway = await startGateway({
    storage: storage.client,
    policy: policy.client,
    kms: kms.client,
    config: { region: 'us-east-1', httpAddress: '127.0.0.1:0', httpsAddress: '127.0.0.1:0', domain: 'localhost', trustedProxies: TrustedProxies.parse('') },
    logger: createLogger({ name: 'request-cancellation-test', level: 'silent' }),
  });
});

afterAll(async () => {
  await gateway.close();
  for (const channel of channels) channel.close();
  await storageServer.shutdown();
});

/** Sends `head` (a request's line and headers) on a new connection to the gateway. */
function send(head: string): Socket {
  const socket = connect(gateway.httpPort!, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.write(`${head.split('\n').join('\r\n')}\r\n\r\n`);
  return socket;
}

describe("a request's calls to storage are cancelled when its client goes away before the answer", () => {
  test.each([
    ['an upload that sent its body', 'putObject', 'PUT /bucket/put HTTP/1.1\nHost: 127.0.0.1\nContent-Length: 0'],
    ['a read waiting for its first message', 'getObject', 'GET /bucket/get HTTP/1.1\nHost: 127.0.0.1'],
    ['a unary call', 'headObject', 'HEAD /bucket/head HTTP/1.1\nHost: 127.0.0.1'],
  ])('%s', async (_case, method, head) => {
    received.clear();
    cancelled.clear();
    const socket = send(head);
    await until(`received ${method}`, () => received.has(method), 3000);
    expect(cancelled.has(method)).toBe(false);
    socket.destroy();
    await until(`cancelled ${method}`, () => cancelled.has(method), 3000);
  });
});
