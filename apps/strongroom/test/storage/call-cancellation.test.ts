import { kmsV1, policyV1, storageV1 } from '@strongroom/contracts';
import { startGrpcServer, type CallerContext, type RunningGrpcServer } from '@strongroom/grpc';
import { createLogger } from '@strongroom/observability';
import { rejectionOf, testCredentials, until } from '@strongroom/testing';
import type { ServiceImplementation } from 'nice-grpc';
import { Readable } from 'node:stream';
import { as, createBucket, OWNER, putObject, startStorageHarness, type StorageClient, type StorageHarness, type StorageReplica } from './storage-harness';

/** The one policy method the stand-in services serve. */
const Policy = {
  name: policyV1.PolicyServiceDefinition.name,
  fullName: policyV1.PolicyServiceDefinition.fullName,
  methods: { authorize: policyV1.PolicyServiceDefinition.methods.authorize },
} as const;

/** The one KMS method the stand-in services serve. */
const Kms = {
  name: kmsV1.KeyManagementServiceDefinition.name,
  fullName: kmsV1.KeyManagementServiceDefinition.fullName,
  methods: { decrypt: kmsV1.KeyManagementServiceDefinition.methods.decrypt },
} as const;

/** Whether policy allows every request, or never decides. */
let policyDecides = false;
/** The calls the stand-in services received, and those they saw cancelled. */
const received: string[] = [];
const cancelled: string[] = [];

/** Never settles unless the call is cancelled, noting both under `name`: a stuck database behind the service. */
function hang(name: string, signal: AbortSignal): Promise<never> {
  received.push(name);
  return new Promise((_resolve, reject) =>
    signal.addEventListener('abort', () => {
      cancelled.push(name);
      reject(new Error(`${name} cancelled`));
    }),
  );
}

/** A policy that allows everything or never decides ({@link policyDecides}). */
const policy: ServiceImplementation<typeof Policy, CallerContext> = {
  authorize: async (_request, context) => (policyDecides ? { decision: policyV1.Decision.ALLOW } : hang('authorize', context.signal)),
};

/** A KMS that never decrypts. */
const kms: ServiceImplementation<typeof Kms, CallerContext> = {
  decrypt: (_request, context) => hang('decrypt', context.signal),
};

/** An upload's header message alone, as {@link OWNER}'s root, with `options`. */
function uploadHeader(options?: storageV1.WriteOptions): Readable {
  const header = storageV1.PutObjectHeader.fromPartial({ requester: as.root(OWNER), bucket: 'cancelled', key: 'k', contentLength: 0, options });
  return Readable.from([{ part: { $case: 'header' as const, value: header } }]);
}

/** Each dispatch kind of storage (unary, server streaming, client streaming) with a call that authorizes first. */
const calls: [string, (client: StorageClient, signal: AbortSignal) => Promise<unknown>][] = [
  ['a unary call', (client, signal) => client.getBucketLocation({ requester: as.root(OWNER), bucket: 'cancelled' }, { signal })],
  [
    'a read',
    async (client, signal) => {
      for await (const message of client.getObject({ requester: as.root(OWNER), bucket: 'cancelled', key: 'k' }, { signal })) void message;
    },
  ],
  ['an upload', (client, signal) => client.putObject(uploadHeader(), { signal })],
];

describe("storage: a call's calls to policy and the KMS are cancelled with the call", () => {
  let harness: StorageHarness;
  let dependencies: RunningGrpcServer;
  let replica: StorageReplica;

  beforeAll(async () => {
    harness = await startStorageHarness();
    await createBucket(harness.client, 'cancelled');
    const { token, registry } = testCredentials();
    dependencies = await startGrpcServer({
      name: 'dependencies',
      address: '127.0.0.1:0',
      healthAddress: '127.0.0.1:0',
      credentials: registry,
      logger: createLogger({ name: 'call-cancellation-test', level: 'silent' }),
      register: (api) => {
        api.add(Policy, policy);
        api.add(Kms, kms);
      },
      serviceNames: [Policy.fullName, Kms.fullName],
    });
    replica = await harness.startReplica({ policyEndpoint: `127.0.0.1:${dependencies.port}`, kmsEndpoint: `127.0.0.1:${dependencies.port}`, token });
  });
  afterAll(async () => {
    await replica.close();
    await dependencies.shutdown();
    await harness.close();
  });

  /** Starts `call`, waits for the stand-in `method` to receive it, cancels it from the client, and waits for `method` to see the cancel. */
  async function cancelDuring(method: string, call: (client: StorageClient, signal: AbortSignal) => Promise<unknown>): Promise<void> {
    received.length = 0;
    cancelled.length = 0;
    const caller = new AbortController();
    const outcome = rejectionOf(call(replica.client, caller.signal));
    await until(`received ${method}`, () => received.includes(method), 3000);
    expect(cancelled).toEqual([]);
    caller.abort();
    await until(`${method} cancelled`, () => cancelled.includes(method), 3000);
    await outcome;
  }

  test.each(calls)('Authorize of %s', async (_case, call) => {
    policyDecides = false;
    await cancelDuring('authorize', call);
  });

  test("the Decrypt of an SSE-KMS object's read", async () => {
    policyDecides = true;
    await putObject(harness.client, 'cancelled', 'sealed', Buffer.from('data'), { options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: storageV1.SseAlgorithm.AWS_KMS }) });
    await cancelDuring('decrypt', async (client, signal) => {
      for await (const message of client.getObject({ requester: as.root(OWNER), bucket: 'cancelled', key: 'sealed' }, { signal })) void message;
    });
  });
});
