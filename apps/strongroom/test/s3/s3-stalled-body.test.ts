import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { connect } from 'node:net';
import { codeOf, startS3Harness, type S3Harness } from './s3-harness';

/** The gateway's body idle timeout in these tests. */
const BODY_TIMEOUT_MS = 2000;
/** The headers timeout of the gateway under test. */
const HEADERS_TIMEOUT_MS = 1500;
/** The storage service's upload idle timeout in these tests: above the gateway's, as deployed, but well under a slow upload's length. */
const UPLOAD_IDLE_TIMEOUT_MS = 2500;

/** What a client does once it sent part of the body. */
type Ending = 'stall' | 'half-close' | 'trickle';

/** A raw PUT: the bytes it announces, the pieces it sends, and how it ends. */
interface ShortUpload {
  readonly url: string;
  readonly announced: number;
  readonly pieces: readonly string[];
  readonly ending: Ending;
  /** Sends `Expect: 100-continue` and the body only once `100 Continue` came (without pieces: at once, so not at all). */
  readonly expectContinue?: boolean;
}

/** What the gateway wrote back, up to the moment it closed the connection (or gave up waiting). */
interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Milliseconds from the last byte sent to the first byte of the final answer. */
  readonly answeredAfterMs: number;
  /** True when the gateway closed the connection after its answer. */
  readonly closed: boolean;
  /** True when `100 Continue` came before the answer. */
  readonly continued: boolean;
}

const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';

function parseAnswer(raw: string): Omit<RawAnswer, 'answeredAfterMs' | 'closed' | 'continued'> {
  const final = raw.startsWith(CONTINUE) ? raw.slice(CONTINUE.length) : raw;
  const split = final.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = final.slice(0, split).split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]), headers, body: final.slice(split + 4) };
}

/** True once the final answer is whole: its head and as many body bytes as its Content-Length. */
function isWhole(raw: string): boolean {
  const answer = parseAnswer(raw);
  return raw.includes('\r\n\r\n', raw.startsWith(CONTINUE) ? CONTINUE.length : 0) && answer.body.length >= Number(answer.headers['content-length'] ?? 0);
}

/**
 * Sends a presigned PUT over a raw socket, its pieces `BODY_TIMEOUT_MS * 0.2`
 * apart, then stalls, half-closes, or (trickle) ends there. Resolves once the
 * gateway closed the connection, or a second after its answer came whole
 * without the connection closing (or 5 s past the body timeout after the last byte sent, without
 * an answer).
 */
function sendShort(upload: ShortUpload): Promise<RawAnswer> {
  const url = new URL(upload.url);
  const head = [`PUT ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, `Content-Length: ${upload.announced}`];
  if (upload.expectContinue === true) head.push('Expect: 100-continue');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    let started = false;
    let lastSentAt = Date.now();
    let answeredAt: number | undefined;
    let giveUp: NodeJS.Timeout | undefined;
    const finish = (closed: boolean) => {
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ ...parseAnswer(received), answeredAfterMs: (answeredAt ?? Date.now()) - lastSentAt, closed, continued: received.startsWith(CONTINUE) });
    };
    const sendPieces = async () => {
      started = true;
      for (const [index, piece] of upload.pieces.entries()) {
        if (index > 0) await new Promise((wait) => setTimeout(wait, BODY_TIMEOUT_MS * 0.2));
        await new Promise((written) => socket.write(piece, written));
      }
      lastSentAt = Date.now();
      if (upload.ending === 'half-close') socket.end();
      giveUp ??= setTimeout(() => finish(false), BODY_TIMEOUT_MS + 5000);
    };
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received === CONTINUE) {
        if (!started) sendPieces().catch(reject);
        return;
      }
      answeredAt ??= Date.now();
      if (isWhole(received)) {
        clearTimeout(giveUp);
        giveUp = setTimeout(() => finish(false), 1000);
      }
    });
    socket.on('end', () => finish(true));
    socket.on('error', reject);
    socket.write(`${head.join('\r\n')}\r\n\r\n`);
    if (upload.expectContinue !== true || upload.pieces.length === 0) sendPieces().catch(reject);
  });
}

describe('a body that stalls or is cut short gets S3\'s answer, the connection is closed, and nothing is stored', () => {
  let harness: S3Harness;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness({ bodyTimeoutMs: BODY_TIMEOUT_MS, headersTimeoutMs: HEADERS_TIMEOUT_MS, uploadIdleTimeoutMs: UPLOAD_IDLE_TIMEOUT_MS });
    s3 = harness.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'stalled' }));
  }, 60_000);
  afterAll(() => harness.close());

  const putUrl = (key: string) => harness.presign('PUT', 'stalled', key, 300);
  const absent = (key: string) => expect(s3.send(new HeadObjectCommand({ Bucket: 'stalled', Key: key }))).rejects.toMatchObject({ name: 'NotFound' });

  test('headers that stop arriving: 400 RequestTimeout after the headers timeout; a connection that never sent a byte is closed without a word', async () => {
    const after = (bytes: string) =>
      new Promise<{ received: string; closedAfterMs: number }>((resolve, reject) => {
        const started = performance.now();
        const socket = connect(Number(new URL(harness.http).port), '127.0.0.1', () => socket.write(bytes));
        let received = '';
        socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
        socket.on('close', () => resolve({ received, closedAfterMs: performance.now() - started }));
        socket.on('error', reject);
      });
    const [halfSent, silent] = await Promise.all([after('GET /stalled/x HTTP/1.1\r\nHost: 127.0.0.1\r\n'), after('')]);
    expect([halfSent.received.slice(0, 12), codeOf(halfSent.received)]).toEqual(['HTTP/1.1 400', 'RequestTimeout']);
    expect(silent.received).toBe('');
    for (const { closedAfterMs } of [halfSent, silent]) {
      expect(closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
      expect(closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 3000);
    }
  });

  test('over HTTPS, a connection that sends nothing, or stops within its TLS handshake, is closed after the headers timeout too', async () => {
    const lifetime = (bytes: string) =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        const socket = connect(Number(new URL(harness.https).port), '127.0.0.1', () => socket.write(bytes));
        const giveUp = setTimeout(() => socket.destroy(), HEADERS_TIMEOUT_MS + 3000);
        socket.on('data', () => undefined);
        socket.on('close', () => {
          clearTimeout(giveUp);
          resolve(performance.now() - started);
        });
        socket.on('error', reject);
      });
    // The first bytes of a TLS record carrying a ClientHello, and nothing after them.
    for (const closedAfterMs of await Promise.all([lifetime(''), lifetime('\x16\x03\x01')])) {
      expect(closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
      expect(closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 2500);
    }
  });

  test('a body that stops arriving: 400 RequestTimeout after the body timeout, then the connection closes', async () => {
    const answer = await sendShort({ url: await putUrl('stalled'), announced: 100, pieces: ['0123456789'], ending: 'stall' });
    expect([answer.status, codeOf(answer.body), answer.closed]).toEqual([400, 'RequestTimeout', true]);
    expect(answer.body).toContain(
      '<Message>Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.</Message>',
    );
    expect(answer.body).toMatch(/<RequestId>[0-9A-F]{16}<\/RequestId>/);
    expect([answer.headers.connection, answer.headers['content-type']]).toEqual(['close', 'application/xml']);
    expect(answer.answeredAfterMs).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS - 50);
    expect(answer.answeredAfterMs).toBeLessThan(BODY_TIMEOUT_MS + 3000);
    await absent('stalled');
  });

  test('a body that stops arriving after 100 Continue: the same answer, nothing stored', async () => {
    const answer = await sendShort({ url: await putUrl('continued'), announced: 100, pieces: ['0123456789'], ending: 'stall', expectContinue: true });
    expect([answer.continued, answer.status, codeOf(answer.body), answer.headers.connection, answer.closed]).toEqual([true, 400, 'RequestTimeout', 'close', true]);
    await absent('continued');
  });

  test('a body the client half-closes short: 400 IncompleteBody at once, then the connection closes', async () => {
    const answer = await sendShort({ url: await putUrl('cut'), announced: 100, pieces: ['0123456789'], ending: 'half-close' });
    expect([answer.status, codeOf(answer.body), answer.closed]).toEqual([400, 'IncompleteBody', true]);
    expect(answer.body).toContain('<Message>You did not provide the number of bytes specified by the Content-Length HTTP header.</Message>');
    expect(answer.body).toMatch(/<RequestId>[0-9A-F]{16}<\/RequestId>/);
    expect(answer.headers.connection).toBe('close');
    expect(answer.answeredAfterMs).toBeLessThan(BODY_TIMEOUT_MS / 2);
    await absent('cut');
  });

  test('a client that half-closes while it waits for 100 Continue: 400 IncompleteBody, never asked for the body, nothing stored', async () => {
    const answer = await sendShort({ url: await putUrl('gave-up'), announced: 100, pieces: [], ending: 'half-close', expectContinue: true });
    expect([answer.continued, answer.status, codeOf(answer.body), answer.headers.connection, answer.closed]).toEqual([false, 400, 'IncompleteBody', 'close', true]);
    await absent('gave-up');
  });

  test('a body that keeps arriving, however slowly, is stored: every byte starts the wait over', async () => {
    const pieces = ['slow ', 'but ', 'steady ', 'bytes'];
    const answer = await sendShort({ url: await putUrl('trickled'), announced: pieces.join('').length, pieces, ending: 'trickle' });
    expect(answer.status).toBe(200);
    const stored = await s3.send(new GetObjectCommand({ Bucket: 'stalled', Key: 'trickled' }));
    expect(await stored.Body!.transformToString()).toBe('slow but steady bytes');
  });

  test('a slow upload that takes longer than the storage service\'s idle timeout is stored: the gateway sends what it holds every second', async () => {
    const pieces = Array.from({ length: 14 }, (_, i) => `piece ${i};`);
    const started = Date.now();
    const answer = await sendShort({ url: await putUrl('slow'), announced: pieces.join('').length, pieces, ending: 'trickle' });
    expect(Date.now() - started).toBeGreaterThan(UPLOAD_IDLE_TIMEOUT_MS * 2);
    expect(answer.status).toBe(200);
    const stored = await s3.send(new GetObjectCommand({ Bucket: 'stalled', Key: 'slow' }));
    expect(await stored.Body!.transformToString()).toBe(pieces.join(''));
  });
});
