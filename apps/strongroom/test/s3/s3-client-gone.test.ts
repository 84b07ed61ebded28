import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  ListPartsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
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
