import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { deriveSigningKey } from '@strongroom/sigv4';
import { createHash, createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { codeOf, startS3Harness, type RawRequest, type S3Harness, type TestAccount } from './s3-harness';

/** A PUT whose body is announced in signed chunks; it is refused before the gateway reads any of it. */
const signedChunksPut = (path: string, extra: Partial<RawRequest> = {}): RawRequest => ({
  method: 'PUT',
  path,
  body: 'never read',
  payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5' },
  ...extra,
});

/** The signing date of today's requests, `YYYYMMDD`. */
const today = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');

const sha256Hex = (data: string) => createHash('sha256').update(data).digest('hex');

/** A body of one signed chunk and the final one, chained from the seed signature of `head` (AWS's "Transferring Payload in Multiple Chunks"). */
function signedChunks(head: string, key: Buffer, content: string): string {
  const amzDate = /^x-amz-date: (\S+)\r$/m.exec(head)![1]!;
  let previous = /Signature=([0-9a-f]{64})/.exec(head)![1]!;
  const scope = `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`;
  return [content, '']
    .map((chunk) => {
      previous = createHmac('sha256', key).update(`AWS4-HMAC-SHA256-PAYLOAD\n${amzDate}\n${scope}\n${previous}\n${sha256Hex('')}\n${sha256Hex(chunk)}`).digest('hex');
      return `${chunk.length.toString(16)};chunk-signature=${previous}\r\n${chunk}${chunk === '' ? '' : '\r\n'}`;
    })
    .join('')
    .concat('\r\n');
}

/** The buffers `Buffer.from` made of `key` while spied on: the signing key cache hands each request such a copy of its key. */
function copiesOf(key: Buffer, from: jest.SpiedFunction<typeof Buffer.from>): Buffer[] {
  return from.mock.calls.flatMap((args, index) => {
    const result = from.mock.results[index]?.value as unknown;
    return Buffer.isBuffer(args[0]) && args[0].equals(key) && Buffer.isBuffer(result) ? [result] : [];
  });
}

const wiped = (bytes: Buffer) => bytes.length > 0 && bytes.every((byte) => byte === 0);

/** Settles once `check` holds, or after a second: the key is released when the response closes, just after the client has its answer. */
async function eventually(check: () => boolean): Promise<boolean> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
}

describe('S3 gateway: a request in signed chunks has its copy of the signing key wiped, whether its body is read or refused unopened', () => {
  let harness: S3Harness;

  beforeAll(async () => {
    harness = await startS3Harness();
    await harness.client().send(new CreateBucketCommand({ Bucket: 'release' }));
  }, 60_000);
  afterAll(() => harness.close());

  /**
   * Sends `request` with the signing key of `account` cached already, and
   * answers the copies of that key the gateway took for it (the signing key
   * cache copies its key with Buffer.from), as they are once the response
   * closed.
   */
  async function keyCopiesOf(account: TestAccount, request: RawRequest): Promise<{ answer: string | undefined; copies: Buffer[] }> {
    await harness.raw({ method: 'GET', path: '/', account });
    const key = deriveSigningKey(account.secretAccessKey, today(), 'us-east-1', 's3');
    const from = jest.spyOn(Buffer, 'from');
    try {
      const answer = await harness.raw({ ...request, account });
      const copies = copiesOf(key, from);
      await eventually(() => copies.every(wiped));
      return { answer: codeOf(answer.body), copies };
    } finally {
      from.mockRestore();
    }
  }

  test('NoSuchBucket instead of 100 Continue', async () => {
    const { answer, copies } = await keyCopiesOf(harness.owner, signedChunksPut('/no-such-bucket/key', { expectContinue: true }));
    expect(answer).toBe('NoSuchBucket');
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.every(wiped)).toBe(true);
  });

  test('AccessDenied instead of 100 Continue', async () => {
    const { answer, copies } = await keyCopiesOf(harness.other, signedChunksPut('/release/denied', { expectContinue: true }));
    expect(answer).toBe('AccessDenied');
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.every(wiped)).toBe(true);
  });

  test('a signed-chunk upload whose body is read keeps its key until the decoder ends with it, then has it wiped', async () => {
    const content = 'stored in signed chunks';
    const key = deriveSigningKey(harness.owner.secretAccessKey, today(), 'us-east-1', 's3');
    await harness.raw({ method: 'GET', path: '/' });
    const head = await harness.rawHead(signedChunksPut('/release/uploaded', { headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(content.length) } }));
    const body = signedChunks(head, key, content);
    const from = jest.spyOn(Buffer, 'from');
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        let received = '';
        const socket = connect(harness.gateway.httpPort!, '127.0.0.1', () => socket.write(`${head.replace(/\r\n\r\n$/, '')}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`));
        socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
        socket.on('end', () => resolve(received));
        socket.on('error', reject);
      });
      expect(answer.startsWith('HTTP/1.1 200 ')).toBe(true);
      const copies = copiesOf(key, from);
      expect(copies.length).toBeGreaterThan(0);
      expect(await eventually(() => copies.every(wiped))).toBe(true);
    } finally {
      from.mockRestore();
    }
    const stored = await harness.client().send(new GetObjectCommand({ Bucket: 'release', Key: 'uploaded' }));
    expect(await stored.Body!.transformToString()).toBe(content);
  });
});
