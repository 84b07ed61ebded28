import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLauncher, stopLauncher } from './launcher';

const UPLOADS = 3;

/**
 * Starts an upload of `url` (presigned) that waits for `100 Continue`, which
 * the gateway sends once storage has accepted the write, then sends a few
 * bytes of its 1 MB and stalls: an upload in flight. Resolves with its socket.
 */
function stalledUpload(url: string): Promise<Socket> {
  const { hostname, port, pathname, search } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.write(`PUT ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Length: 1048576\r\nExpect: 100-continue\r\n\r\n`);
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('data', (chunk: Buffer) => {
      if (!chunk.toString().startsWith('HTTP/1.1 100 Continue')) reject(new Error(`expected 100 Continue, got ${chunk.toString()}`));
      socket.write('x'.repeat(1000));
      resolve(socket);
    });
  });
}

describe('the embedded stack\'s gateway thread at a stop (npm start, Ctrl-C)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-gateway-logs-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('writes every record it logs as it stops: one for each upload its stop cut', async () => {
    const stack = await startLauncher(dataDir, { env: { STRONGROOM_LOG_LEVEL: 'debug', STRONGROOM_GATEWAY_DRAIN_MS: '100' } });
    const accessKeyId = /access key\s+(AKIA[A-Z2-7]{16})/.exec(stack.output())![1]!;
    const secretAccessKey = /secret key\s+([A-Za-z0-9+/]{40})/.exec(stack.output())![1]!;
    const endpoint = /s3\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stack.output())![1]!;
    const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId, secretAccessKey } });
    await s3.send(new CreateBucketCommand({ Bucket: 'stalled' }));
    const urls = await Promise.all(Array.from({ length: UPLOADS }, (_, index) => getSignedUrl(s3, new PutObjectCommand({ Bucket: 'stalled', Key: `k${index}` }), { expiresIn: 300 })));
    s3.destroy();
    const sockets = await Promise.all(urls.map(stalledUpload));
    try {
      expect(await stopLauncher(stack)).toBe(0);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
    const stopping = stack.output().slice(stack.output().indexOf('SIGINT: stopping...'));
    const cut = stopping.split('\n').filter((line) => line.includes('"service":"gateway"') && line.includes('"msg":"client left before its answer"'));
    expect(cut).toHaveLength(UPLOADS);
  }, 120_000);
});
