import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListObjectVersionsCommand,
  ListPartsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startGateway, TrustedProxies, type RunningGateway } from '@strongroom/gateway';
import { createLogger } from '@strongroom/observability';
import { until } from '@strongroom/testing';
import { connect, type Socket } from 'node:net';
import { startS3Harness, type RawRequest, type S3Harness } from './s3-harness';

const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';

/** How long a test waits, once its client left, for anything the gateway or storage might still do with the upload. */
const SETTLE_MS = 200;

/** A socket to `port` with `head` written, and what came back on it so far. */
async function sendHead(port: number, head: string): Promise<{ socket: Socket; received: () => string }> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(head);
  return { socket, received: () => received };
}

/** Resets the connection (RST): the client is gone, not merely done sending. */
async function leave(socket: Socket): Promise<void> {
  socket.resetAndDestroy();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

let harness: S3Harness;
let s3: S3Client;

beforeAll(async () => {
  harness = await startS3Harness();
  s3 = harness.client();
  await s3.send(new CreateBucketCommand({ Bucket: 'gone' }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: 'gone', VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(new PutObjectCommand({ Bucket: 'gone', Key: 'kept', Body: 'previous' }));
}, 60_000);
afterAll(() => harness.close());

describe('an upload whose client leaves after 100 Continue, with none or part of its body sent, stores nothing', () => {

  /** Sends a PUT announcing 10 bytes with `Expect: 100-continue`, then `sent` of them once continued, then leaves. */
  async function putThenLeave(query: Record<string, string>, sent: string): Promise<void> {
    const request: RawRequest = { method: 'PUT', path: '/gone/kept', query, headers: { 'content-length': '10', expect: '100-continue' }, payloadHash: 'UNSIGNED-PAYLOAD' };
    const { socket, received } = await sendHead(harness.gateway.httpPort!, await harness.rawHead(request));
    await until('100 Continue', () => received() === CONTINUE);
    if (sent !== '') await new Promise((written) => socket.write(sent, written));
    await leave(socket);
  }

  test.each([
    ['no byte', ''],
    ['5 of 10 bytes', '12345'],
  ])('PutObject, %s sent: the previous version stays the only one', async (_case, sent) => {
    await putThenLeave({}, sent);
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: 'gone', Prefix: 'kept' }));
    expect(versions.Versions?.length).toBe(1);
    const current = await s3.send(new GetObjectCommand({ Bucket: 'gone', Key: 'kept' }));
    expect(await current.Body!.transformToString()).toBe('previous');
  });

  test.each([
    ['no byte', ''],
    ['5 of 10 bytes', '12345'],
  ])('UploadPart, %s sent: the upload lists no part', async (_case, sent) => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'gone', Key: 'kept' }));
    await putThenLeave({ partNumber: '1', uploadId: UploadId! }, sent);
    const parts = await s3.send(new ListPartsCommand({ Bucket: 'gone', Key: 'kept', UploadId }));
    expect(parts.Parts ?? []).toEqual([]);
  });
});

describe('a request in signed chunks whose client leaves while it is authenticated is dropped quietly', () => {
  let gateway: RunningGateway;
  const records: { level: number; msg: string; code?: string }[] = [];
  let askedForKey: () => void = () => undefined;
  let releaseKeyLookup: () => void = () => undefined;

  beforeAll(async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'gone', Key: 'tagged', Body: 'x' }));
    const keyLookup = new Promise<void>((resolve) => (releaseKeyLookup = resolve));
    // A policy service that answers the gateway's signing key lookup only when the test says so: the client leaves meanwhile.
    const policy = new Proxy(harness.backend.policy, {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (name !== 'getSigningKey' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          askedForKey();
          await keyLookup;
          return (value as (...given: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    gateway = await startGateway({
      storage: harness.backend.client,
      policy,
      kms: harness.backend.kms,
      config: { region: 'us-east-1', httpAddress: '127.0.0.1:0', httpsAddress: '127.0.0.1:0', domain: 'localhost', trustedProxies: TrustedProxies.parse('') },
      logger: createLogger({ name: 'client-gone-test', level: 'debug', destination: { write: (line: string) => records.push(JSON.parse(line) as (typeof records)[number]) } }),
    });
  }, 60_000);
  afterAll(async () => {
    releaseKeyLookup();
    await gateway.close();
  });

  test('PutObjectTagging: logged at debug as a client gone (IncompleteBody), no error, no tag set', async () => {
    const asked = new Promise<void>((resolve) => (askedForKey = resolve));
    const head = await harness.rawHead({
      method: 'PUT',
      path: '/gone/tagged',
      query: { tagging: '' },
      headers: { 'content-length': '200', expect: '100-continue', 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '100' },
      payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    });
    const { socket } = await sendHead(gateway.httpPort!, head);
    await asked;
    await leave(socket);
    releaseKeyLookup();
    await until('the request to end', () => records.some((record) => record.msg === 'client left before its answer'));
    expect(records.find((record) => record.msg === 'client left before its answer')?.code).toBe('IncompleteBody');
    expect(records.filter((record) => record.level >= 50)).toEqual([]);
    const tagging = await s3.send(new GetObjectTaggingCommand({ Bucket: 'gone', Key: 'tagged' }));
    expect(tagging.TagSet).toEqual([]);
  });
});
