import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLauncher, stopLauncher } from '../launcher';

describe('npm start serves S3', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-s3-stack-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('the banner names the endpoints and the root key; the SDK works over HTTP and, trusting the printed certificate, HTTPS', async () => {
    const stack = await startLauncher(dataDir);
    try {
      const banner = stack.output();
      const [, http, https] = /s3\s+(http:\/\/\S+)\s+(https:\/\/\S+)/.exec(banner) ?? [];
      const accessKeyId = /access key\s+(AKIA[A-Z2-7]{16})/.exec(banner)?.[1];
      const secretAccessKey = /secret key\s+([A-Za-z0-9+/]{40})/.exec(banner)?.[1];
      const certificate = /self-signed certificate for localhost: (\S+)/.exec(banner)?.[1];
      expect(banner).toContain(`aws --endpoint-url ${http} s3 ls`);
      expect([http, https, accessKeyId, secretAccessKey, certificate].every((value) => value !== undefined)).toBe(true);
      const credentials = { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey! };
      const plain = new S3Client({ endpoint: http, region: 'us-east-1', forcePathStyle: true, credentials });
      const secure = new S3Client({
        endpoint: https,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials,
        requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: readFileSync(certificate!) }) }),
      });
      await plain.send(new CreateBucketCommand({ Bucket: 'first-bucket' }));
      await plain.send(new PutObjectCommand({ Bucket: 'first-bucket', Key: 'hello.txt', Body: 'hello from npm start' }));
      const got = await secure.send(new GetObjectCommand({ Bucket: 'first-bucket', Key: 'hello.txt' }));
      expect(await got.Body!.transformToString()).toBe('hello from npm start');
      plain.destroy();
      secure.destroy();
    } finally {
      expect(await stopLauncher(stack)).toBe(0);
    }
  }, 60_000);
});
