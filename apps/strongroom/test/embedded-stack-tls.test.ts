import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { kmsV1 } from '@strongroom/contracts';
import { ClientError, createServiceClient } from '@strongroom/grpc';
import { rejectionOf, testCertificateFiles, type TestCertificateFiles } from '@strongroom/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLauncherCommand, startLauncher, stopLauncher } from './launcher';

const ACCOUNT = { accountId: '123456789012', arn: '' };

/**
 * `npm start` with a certificate for each API port and the CA bundle for
 * its own clients: the services serve TLS on loopback, and the gateway,
 * storage and policy call them over it. Configured by halves, it refuses
 * to start.
 */
describe('the embedded stack with TLS on its API ports', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-stack-tls-'));
  let files: TestCertificateFiles;
  let certFile: string;
  const tlsEnv = (services: readonly string[]): NodeJS.ProcessEnv =>
    Object.fromEntries(services.flatMap((service) => [[`STRONGROOM_${service}_TLS_CERT_FILE`, files.certFile], [`STRONGROOM_${service}_TLS_KEY_FILE`, files.keyFile]]));

  beforeAll(async () => {
    files = await testCertificateFiles();
    ({ certFile } = files);
  });
  afterAll(() => {
    files.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('serves S3 through TLS calls between its services, and the KMS only to a client with the CA', async () => {
    const stack = await startLauncher(dataDir, { env: { ...tlsEnv(['KMS', 'POLICY', 'STORAGE']), STRONGROOM_SERVICES_CA_FILE: certFile } });
    try {
      const output = stack.output();
      for (const service of ['kms', 'policy', 'storage']) expect(output).toMatch(new RegExp(`${service}\\s+grpc \\S+\\s+health \\S+\\s+\\(grpc over TLS\\)`));
      const accessKeyId = /access key\s+(AKIA[A-Z2-7]{16})/.exec(output)![1]!;
      const secretAccessKey = /secret key\s+([A-Za-z0-9+/]{40})/.exec(output)![1]!;
      const endpoint = /s3\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
      const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId, secretAccessKey } });
      await s3.send(new CreateBucketCommand({ Bucket: 'over-tls' }));
      await s3.send(new PutObjectCommand({ Bucket: 'over-tls', Key: 'k', Body: 'sealed with a key the KMS sent over TLS' }));
      expect(await (await s3.send(new GetObjectCommand({ Bucket: 'over-tls', Key: 'k' }))).Body?.transformToString()).toBe('sealed with a key the KMS sent over TLS');
      s3.destroy();

      const token = readFileSync(join(dataDir, 'service-token'), 'utf8').trim();
      const secure = createServiceClient(kmsV1.KeyManagementServiceDefinition, { address: stack.kms, token, tls: { ca: readFileSync(certFile) } });
      const plaintext = createServiceClient(kmsV1.KeyManagementServiceDefinition, { address: stack.kms, token });
      try {
        await expect(secure.client.listKeys({ principal: ACCOUNT })).resolves.toBeDefined();
        expect(await rejectionOf(plaintext.client.listKeys({ principal: ACCOUNT }))).toBeInstanceOf(ClientError);
      } finally {
        secure.channel.close();
        plaintext.channel.close();
      }
    } finally {
      expect(await stopLauncher(stack)).toBe(0);
    }
  });

  test('refuses to start with some API ports on TLS, or without what its clients verify them by', async () => {
    const problem = 'the embedded stack calls its own services, so give all three API ports a certificate';
    for (const env of [{ ...tlsEnv(['KMS']), STRONGROOM_SERVICES_CA_FILE: certFile }, tlsEnv(['KMS', 'POLICY', 'STORAGE']), { STRONGROOM_SERVICES_CA_FILE: certFile }]) {
      const run = await runLauncherCommand(join(dataDir, 'refused'), [], env);
      expect(run.code).toBe(1);
      expect(run.output).toContain(problem);
    }
    const whole = { ...tlsEnv(['KMS', 'POLICY', 'STORAGE']), STRONGROOM_SERVICES_CA_FILE: certFile, STRONGROOM_KMS_REQUEST_RATE: 'fast' };
    const otherwiseWrong = await runLauncherCommand(join(dataDir, 'refused'), [], whole);
    expect(otherwiseWrong.code).toBe(1);
    expect(otherwiseWrong.output).toContain('STRONGROOM_KMS_REQUEST_RATE');
    expect(otherwiseWrong.output).not.toContain(problem);
  });
});
