import { connect } from 'node:net';
import { startS3Harness, type S3Harness } from './s3-harness';

/** The gateway's body timeout in these tests. */
const BODY_TIMEOUT_MS = 1500;

/** What the gateway wrote back to a KMS request whose body came too slowly, and when. */
interface SlowBodyAnswer {
  readonly received: string;
  /** Milliseconds from the request's head to the connection's close. */
  readonly closedAfterMs: number;
}

/**
 * Sends the head of a KMS JSON request announcing 100 bytes, then one byte
 * of the body every `everyMs` (never, without it) until the gateway closes
 * the connection, or gives up 5 s past the body timeout.
 */
function slowKmsBody(port: number, everyMs?: number): Promise<SlowBodyAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const trickle = everyMs === undefined ? undefined : setInterval(() => socket.write(' '), everyMs);
    const giveUp = setTimeout(() => socket.destroy(), BODY_TIMEOUT_MS + 5000);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      clearInterval(trickle);
      clearTimeout(giveUp);
      resolve({ received, closedAfterMs: performance.now() - started });
    });
    socket.write(
      ['POST / HTTP/1.1', 'Host: 127.0.0.1', 'X-Amz-Target: TrentService.ListKeys', 'Content-Type: application/x-amz-json-1.1', 'Content-Length: 100', '', '{'].join('\r\n'),
    );
  });
}

describe("the KMS JSON API's body has a deadline", () => {
  let harness: S3Harness;

  beforeAll(async () => {
    harness = await startS3Harness({ bodyTimeoutMs: BODY_TIMEOUT_MS });
  }, 60_000);
  afterAll(() => harness.close());

  test('a body that stops arriving, or comes a byte at a time, is answered 408 RequestTimeoutException within the body timeout, and the connection closed', async () => {
    const port = harness.gateway.httpPort!;
    const answers = await Promise.all([slowKmsBody(port), slowKmsBody(port, BODY_TIMEOUT_MS / 5)]);
    for (const { received, closedAfterMs } of answers) {
      expect(received.slice(0, 12)).toBe('HTTP/1.1 408');
      expect(received).toMatch(/\r\nconnection: close\r\n/i);
      expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toEqual({
        __type: 'RequestTimeoutException',
        message: 'The request body was not received within the timeout period.',
      });
      expect(closedAfterMs).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS - 50);
      expect(closedAfterMs).toBeLessThan(BODY_TIMEOUT_MS + 2000);
    }
  });
});
