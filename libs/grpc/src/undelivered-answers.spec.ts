import { policyServiceDefinition, policyV1 } from '@strongroom/contracts';
import { ChannelCredentials, createChannel, createServer, type Channel, type Server } from 'nice-grpc';
import { createServer as createHttp2Server, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createServiceClient } from './client';

const generated = policyV1.PolicyServiceDefinition;
const KEY = Buffer.alloc(32, 0x5a);
const principal: policyV1.SigningPrincipal = { accountId: '123456789012', arn: 'arn:aws:iam::123456789012:root', canonicalUserId: 'c'.repeat(64), userName: '', userId: '' };
const scope = { accessKeyId: 'AKIAEXAMPLEEXAMPLE12', date: '20260101', region: 'us-east-1', service: 's3' };
const zeroed = (bytes: Uint8Array) => bytes.every((byte) => byte === 0);

/** `channel`, recording every answer its calls receive (as received, before anything decodes it). */
function recordingAnswers(channel: Channel, answers: Buffer[]): Channel {
  const recording = Object.create(channel) as Channel;
  recording.createCall = (...args) => {
    const call = channel.createCall(...args);
    const start = call.start.bind(call);
    call.start = (metadata, listener) =>
      start(metadata, {
        ...listener,
        onReceiveMetadata: (received) => listener.onReceiveMetadata(received),
        onReceiveMessage: (message: Buffer) => {
          answers.push(message);
          listener.onReceiveMessage(message);
        },
        onReceiveStatus: (status) => listener.onReceiveStatus(status),
      });
    return call;
  };
  return recording;
}

describe('a client of createServiceClient, for a call that answers once', () => {
  let server: Server;
  let channel: Channel;
  const answers: Buffer[] = [];
  const decoded: policyV1.GetSigningKeyResponse[] = [];
  const method = policyServiceDefinition.methods.getSigningKey;
  const recordingDecode = (input: Uint8Array) => {
    const answer = method.responseType.decode(input);
    decoded.push(answer);
    return answer;
  };
  const definition = { ...policyServiceDefinition, methods: { ...policyServiceDefinition.methods, getSigningKey: { ...method, responseType: { ...method.responseType, decode: recordingDecode } } } };

  beforeAll(async () => {
    server = createServer();
    const refuse = async () => Promise.reject(new Error('not served'));
    server.add(generated, { ...Object.fromEntries(Object.keys(generated.methods).map((name) => [name, refuse])), getSigningKey: () => Promise.resolve({ signingKey: Buffer.from(KEY), principal }) } as never);
    const port = await server.listen('127.0.0.1:0');
    channel = createChannel(`127.0.0.1:${port}`, ChannelCredentials.createInsecure());
  });
  afterAll(async () => {
    channel.close();
    await server.shutdown();
  });
  beforeEach(() => {
    answers.length = 0;
    decoded.length = 0;
  });

  const client = () => createServiceClient(definition, { address: '', token: 'token', channel: recordingAnswers(channel, answers) }).client;

  test('gets its answer, decoded, when the call ends well', async () => {
    const answer = await client().getSigningKey(scope);
    expect(answer.signingKey).toEqual(KEY);
    expect(decoded).toHaveLength(1);
    expect(answers).toHaveLength(1);
  });

  test('wipes, undecoded, an answer that came for a call cancelled before its trailers (its caller aborted)', async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const aborting = new AbortController();
      // The answer and its trailers reach the client in separate turns of the event loop: a caller aborting in between cancels a call whose answer came.
      const call = client().getSigningKey(scope, { signal: aborting.signal, onHeader: () => setImmediate(() => aborting.abort()) });
      await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    }
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every(zeroed)).toBe(true);
    expect(decoded).toHaveLength(0);
  });
});

describe('a client of createServiceClient, of a server that compresses its answers', () => {
  let server: Http2Server;
  let channel: Channel;
  const answers: Buffer[] = [];

  // A gRPC server may compress its answers (grpc-js's does not): this one sends GetSigningKey's gzipped, and never its trailers.
  beforeAll(async () => {
    const compressed = gzipSync(policyV1.GetSigningKeyResponse.encode({ signingKey: Buffer.from(KEY), principal }).finish());
    const frame = Buffer.alloc(5 + compressed.length);
    frame.writeUInt8(1, 0);
    frame.writeUInt32BE(compressed.length, 1);
    compressed.copy(frame, 5);
    server = createHttp2Server();
    server.on('stream', (stream) => {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc+proto', 'grpc-encoding': 'gzip' });
      stream.write(frame);
      stream.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    channel = createChannel(`127.0.0.1:${(server.address() as AddressInfo).port}`, ChannelCredentials.createInsecure());
  });
  afterAll(async () => {
    channel.close();
    await new Promise((resolve) => server.close(resolve));
  });

  test('wipes an answer still being decompressed when its call was cancelled, which comes after the status', async () => {
    const client = createServiceClient(policyServiceDefinition, { address: '', token: 'token', channel: recordingAnswers(channel, answers) }).client;
    for (let attempt = 0; attempt < 10; attempt++) {
      const aborting = new AbortController();
      const call = client.getSigningKey(scope, { signal: aborting.signal, onHeader: () => setImmediate(() => aborting.abort()) });
      await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    }
    // Decompressing ends on the thread pool: let every answer arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every(zeroed)).toBe(true);
  });
});
