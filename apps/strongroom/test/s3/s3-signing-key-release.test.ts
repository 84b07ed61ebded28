import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { deriveSigningKey } from '@strongroom/sigv4';
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

const wiped = (bytes: Buffer) => bytes.length > 0 && bytes.every((byte) => byte === 0);

/** Settles once `check` holds, or after a second: the key is released when the response closes, just after the client has its answer. */
async function eventually(check: () => boolean): Promise<boolean> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
}

describe('S3 gateway: a request in signed chunks refused before its body is opened wipes its copy of the signing key', () => {
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
    const key = deriveSigningKey(account.secretAccessKey, new Date().toISOString().slice(0, 10).replaceAll('-', ''), 'us-east-1', 's3');
    const from = jest.spyOn(Buffer, 'from');
    try {
      const answer = await harness.raw({ ...request, account });
      const copies = from.mock.calls.flatMap((args, index) => {
        const result = from.mock.results[index]?.value as unknown;
        return Buffer.isBuffer(args[0]) && args[0].equals(key) && Buffer.isBuffer(result) ? [result] : [];
      });
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
});
