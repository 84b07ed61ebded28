import { storageServiceDefinition, storageV1 } from '@strongroom/contracts';
import { createLogger } from '@strongroom/observability';
import { rejectionOf, testCredentials, until } from '@strongroom/testing';
import { ServerError, type ServiceImplementation } from 'nice-grpc';
import { ClientError, Status } from 'nice-grpc-common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallerContext } from '../src/auth';
import { createServiceClient } from '../src/client';
import { startGrpcServer, type RunningGrpcServer } from '../src/server';
import { startTestServer, TestService, type TestServer } from './test-server';

/** Shorter than the test server's `slow` answer (300 ms). */
const DEADLINE_MS = 100;

/** A unary, a server-streaming and a client-streaming method of the storage definition. */
const Streams = {
  name: storageServiceDefinition.name,
  fullName: storageServiceDefinition.fullName,
  methods: { getObject: storageServiceDefinition.methods.getObject, putObject: storageServiceDefinition.methods.putObject },
} as const;

/** Calls the server saw cancelled. */
const cancelled: string[] = [];

/** Rejects with the call's cancellation, noting it under `name`. */
function whenCancelled(signal: AbortSignal, name: string): Promise<never> {
  return new Promise((_resolve, reject) =>
    signal.addEventListener('abort', () => {
      cancelled.push(name);
      reject(new Error(`${name} cancelled`));
    }),
  );
}

const data = (text: string) => storageV1.GetObjectResponse.fromPartial({ part: { $case: 'data', value: Buffer.from(text) } });

/** getObject sends key `hang`'s first message, then nothing; any other key's three messages at once. putObject refuses key `refuse` at once; reads any other's stream, then never answers. */
const streams: ServiceImplementation<typeof Streams, CallerContext> = {
  async *getObject(request, context) {
    yield data('1');
    if (request.key === 'hang') await whenCancelled(context.signal, 'getObject');
    yield data('2');
    yield data('3');
  },
  async putObject(requests, context) {
    for await (const message of requests) {
      if (message.part?.$case === 'header' && message.part.value.key === 'refuse') throw new ServerError(Status.FAILED_PRECONDITION, 'refused');
    }
    return whenCancelled(context.signal, 'putObject');
  },
};

let unary: TestServer;
let server: RunningGrpcServer;
let hurriedUnary: ReturnType<typeof createServiceClient<typeof TestService>>;
let patientUnary: ReturnType<typeof createServiceClient<typeof TestService>>;
let hurried: ReturnType<typeof createServiceClient<typeof Streams>>;

beforeAll(async () => {
  unary = await startTestServer();
  // The hurried clients share channels already connected, so that connecting is not part of what they wait for.
  patientUnary = createServiceClient(TestService, { address: unary.address, token: unary.gatewayToken });
  await patientUnary.client.describeKey({ keyId: 'connect' });
  hurriedUnary = createServiceClient(TestService, { address: unary.address, token: unary.gatewayToken, answerDeadlineMs: DEADLINE_MS, channel: patientUnary.channel });
  const { token, registry } = testCredentials({ name: 'gateway' });
  server = await startGrpcServer({
    name: 'storage',
    address: '127.0.0.1:0',
    healthAddress: '127.0.0.1:0',
    credentials: registry,
    logger: createLogger({ name: 'answer-deadline-test', level: 'silent' }),
    register: (api) => api.add(Streams, streams),
    serviceNames: [Streams.fullName],
  });
  const patient = createServiceClient(Streams, { address: `127.0.0.1:${server.port}`, token });
  for await (const message of patient.client.getObject({ key: 'connect' })) void message;
  hurried = createServiceClient(Streams, { address: `127.0.0.1:${server.port}`, token, answerDeadlineMs: DEADLINE_MS, channel: patient.channel });
});

afterAll(async () => {
  for (const client of [patientUnary, hurried]) client.channel.close();
  await unary.server.shutdown();
  await server.shutdown();
});

async function expectDeadlineExceeded(call: Promise<unknown>): Promise<void> {
  const started = performance.now();
  const error = (await rejectionOf(call)) as ClientError;
  expect(error).toBeInstanceOf(ClientError);
  expect([error.code, error.details]).toEqual([Status.DEADLINE_EXCEEDED, `no answer within ${DEADLINE_MS} ms`]);
  expect(performance.now() - started).toBeGreaterThanOrEqual(DEADLINE_MS - 5);
}

describe("a call's wait for its answers has a deadline", () => {
  it('fails a unary call with no answer within it as DEADLINE_EXCEEDED, at the deadline', async () => {
    await expectDeadlineExceeded(hurriedUnary.client.describeKey({ keyId: 'slow' }));
  }, 5000);

  it('lets an answer that comes in time through, and a caller that cancels still cancels', async () => {
    expect((await hurriedUnary.client.describeKey({ keyId: 'quick' })).keyMetadata?.keyId).toBe('quick');
    expect((await patientUnary.client.describeKey({ keyId: 'slow' })).keyMetadata?.keyId).toBe('slow');
    const error = await rejectionOf(hurriedUnary.client.describeKey({ keyId: 'slow' }, { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ name: 'AbortError' });
  }, 5000);

  it('fails a stream whose server stops sending while its caller waits, and cancels it on the server; a caller slow to ask is not waiting', async () => {
    const slowReader = hurried.client.getObject({ key: 'whole' })[Symbol.asyncIterator]();
    const read: string[] = [];
    for (let next = await slowReader.next(); next.done !== true; next = await slowReader.next()) {
      read.push(next.value.part?.$case === 'data' ? Buffer.from(next.value.part.value).toString() : '?');
      await sleep(DEADLINE_MS * 2);
    }
    expect(read).toEqual(['1', '2', '3']);

    const hanging = hurried.client.getObject({ key: 'hang' })[Symbol.asyncIterator]();
    expect((await hanging.next()).done).toBe(false);
    await expectDeadlineExceeded(hanging.next());
    await until('the stream cancelled on the server', () => cancelled.includes('getObject'), 2000);
  }, 5000);

  it('cancels a stream on the server when its caller stops reading early (return, as for-await break does)', async () => {
    const stopped = hurried.client.getObject({ key: 'hang' })[Symbol.asyncIterator]();
    expect((await stopped.next()).done).toBe(false);
    const before = cancelled.filter((name) => name === 'getObject').length;
    await stopped.return?.(undefined);
    await until('the stream cancelled on the server', () => cancelled.filter((name) => name === 'getObject').length > before, 2000);
  }, 5000);

  it('arms no deadline once the call has ended, though the upload stream ends after an early answer', async () => {
    const armed: unknown[] = [];
    const cleared: unknown[] = [];
    const realSetTimeout = global.setTimeout;
    const realClearTimeout = global.clearTimeout;
    const setSpy = jest.spyOn(global, 'setTimeout').mockImplementation((callback: () => void, ms?: number) => {
      const timer = realSetTimeout(callback, ms);
      if (ms === DEADLINE_MS) armed.push(timer);
      return timer;
    });
    const clearSpy = jest.spyOn(global, 'clearTimeout').mockImplementation((timer) => {
      cleared.push(timer);
      realClearTimeout(timer);
    });
    let ended = false;
    async function* upload() {
      yield storageV1.PutObjectRequest.fromPartial({ part: { $case: 'header', value: { key: 'refuse' } } });
      await sleep(DEADLINE_MS / 2);
      ended = true;
    }
    try {
      expect(await rejectionOf(hurried.client.putObject(upload()))).toMatchObject({ code: Status.FAILED_PRECONDITION });
      await until('the upload stream ended', () => ended, 2000);
      await sleep(10);
      expect(armed.filter((timer) => !cleared.includes(timer)).length).toBe(0);
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    }
  }, 5000);

  it('fails an upload whose answer does not come within the deadline after its last message', async () => {
    async function* upload() {
      yield storageV1.PutObjectRequest.fromPartial({ part: { $case: 'header', value: { key: 'k' } } });
      await sleep(DEADLINE_MS * 2);
      yield storageV1.PutObjectRequest.fromPartial({ part: { $case: 'data', value: Buffer.from('x') } });
    }
    const started = performance.now();
    const error = (await rejectionOf(hurried.client.putObject(upload()))) as ClientError;
    expect([error.code, error.details]).toEqual([Status.DEADLINE_EXCEEDED, `no answer within ${DEADLINE_MS} ms`]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(DEADLINE_MS * 3 - 20);
    await until('the upload cancelled on the server', () => cancelled.includes('putObject'), 2000);
  }, 5000);
});
