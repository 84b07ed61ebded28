import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { kmsV1, policyV1 } from '@strongroom/contracts';
import { createServiceClient } from '@strongroom/grpc';
import { until } from '@strongroom/testing';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChannel, createClient } from 'nice-grpc';
import { HealthDefinition, HealthCheckResponse_ServingStatus } from 'nice-grpc-server-health/lib/proto/grpc/health/v1/health';
import { runLauncherCommand, signalLauncher, startLauncher, stopLauncher } from './launcher';

const ACCOUNT = { accountId: '123456789012', arn: '' };

/** The launcher's output shows the stop `signal` started and that it ran to its end (warnings, such as connections PostgreSQL closed, may come between). */
function expectStoppedBy(output: string, signal: string): void {
  expect(output).toContain(`\n${signal}: stopping...\n`);
  expect(output.indexOf(`${signal}: stopping...`)).toBeLessThan(output.lastIndexOf('Strongroom stopped.'));
  expect(output).toMatch(/Strongroom stopped\.\n$/);
}


describe('the embedded stack (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-stack-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('starts on embedded PostgreSQL, serves health, KMS and S3, stops cleanly, and finds its data again', async () => {
    const first = await startLauncher(dataDir);
    const healthChannel = createChannel(first.health);
    const health = await createClient(HealthDefinition, healthChannel).check({ service: 'strongroom.kms.v1.KeyManagementService' });
    healthChannel.close();
    expect(health.status).toBe(HealthCheckResponse_ServingStatus.SERVING);
    const policyHealthChannel = createChannel(first.policyHealth);
    const policyHealth = await createClient(HealthDefinition, policyHealthChannel).check({ service: 'strongroom.policy.v1.PolicyService' });
    policyHealthChannel.close();
    expect(policyHealth.status).toBe(HealthCheckResponse_ServingStatus.SERVING);
    const storageHealthChannel = createChannel(first.storageHealth);
    const storageHealth = await createClient(HealthDefinition, storageHealthChannel).check({ service: 'strongroom.storage.v1.StorageService' });
    storageHealthChannel.close();
    expect(storageHealth.status).toBe(HealthCheckResponse_ServingStatus.SERVING);
    expect(first.output()).toContain(`blobs     ${join(dataDir, 'blobs')}`);
    expect(first.output()).toMatch(/storage\s+grpc \S+\s+health \S+\s+\(grpc in plaintext\)/);
    const accessKey = /access key\s+(AKIA[A-Z2-7]{16})/.exec(first.output())?.[1];
    expect(first.output()).toMatch(/secret key\s+[A-Za-z0-9+/]{40}\s+\(shown this once/);
    const secretKey = /secret key\s+([A-Za-z0-9+/]{40})/.exec(first.output())?.[1];
    const endpoint = /s3\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(first.output())?.[1];
    const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: accessKey!, secretAccessKey: secretKey! } });
    await s3.send(new CreateBucketCommand({ Bucket: 'launcher-bucket' }));
    const put = await s3.send(new PutObjectCommand({ Bucket: 'launcher-bucket', Key: 'k', Body: 'served by the gateway thread' }));
    expect(put.ServerSideEncryption).toBe('AES256');
    const got = await s3.send(new GetObjectCommand({ Bucket: 'launcher-bucket', Key: 'k' }));
    expect(await got.Body?.transformToString()).toBe('served by the gateway thread');
    s3.destroy();
    expect(first.output()).toContain(`embedded, data in ${join(dataDir, 'postgres')}`);

    const tokenFile = join(dataDir, 'service-token');
    expect(statSync(tokenFile).mode & 0o077).toBe(0);
    expect(statSync(join(dataDir, 'root-key')).mode & 0o077).toBe(0);
    const token = readFileSync(tokenFile, 'utf8').trim();
    const firstKms = createServiceClient(kmsV1.KeyManagementServiceDefinition, { address: first.kms, token });
    const { keyMetadata } = await firstKms.client.createKey({ principal: ACCOUNT, description: 'survives a restart' });
    const sealed = await firstKms.client.encrypt({ principal: ACCOUNT, keyId: keyMetadata!.keyId, plaintext: Buffer.from('hello') });
    firstKms.channel.close();
    expect(await stopLauncher(first)).toBe(0);
    expectStoppedBy(first.output(), 'SIGINT');

    const second = await startLauncher(dataDir);
    expect(second.output()).toContain(`access key  ${accessKey}`);
    expect(second.output()).not.toMatch(/secret key\s+[A-Za-z0-9+/]{40}/);
    const secondKms = createServiceClient(kmsV1.KeyManagementServiceDefinition, { address: second.kms, token });
    const described = await secondKms.client.describeKey({ principal: ACCOUNT, keyId: keyMetadata!.keyId });
    const opened = await secondKms.client.decrypt({ principal: ACCOUNT, ciphertextBlob: sealed.ciphertextBlob });
    secondKms.channel.close();
    expect(described.keyMetadata?.description).toBe('survives a restart');
    expect(opened.plaintext.toString()).toBe('hello');
    expect(await stopLauncher(second, 'SIGTERM')).toBe(0);
    expectStoppedBy(second.output(), 'SIGTERM');
  }, 60_000);

  test('every bad setting is reported at once, each naming its variable and no secret, before anything is started or written', async () => {
    const untouched = mkdtempSync(join(tmpdir(), 'strongroom-settings-'));
    try {
      const rootKeyGarbage = 'not-a-root-key-at-all!!';
      const bad = await runLauncherCommand(untouched, [], {
        STRONGROOM_POSTGRES_PORT: 'abc',
        STRONGROOM_KMS_ADDRESS: 'nowhere',
        STRONGROOM_LOG_LEVEL: 'verbose',
        STRONGROOM_ROOT_KEY: rootKeyGarbage,
        STRONGROOM_SERVICE_CREDENTIALS_FILE: join(untouched, 'missing.json'),
        STRONGROOM_ROOT_ACCESS_KEY_ID: 'AKIA-not-a-key',
      });
      expect(bad.code).toBe(1);
      for (const variable of [
        'STRONGROOM_POSTGRES_PORT: must be',
        'STRONGROOM_KMS_ADDRESS: must be',
        'STRONGROOM_LOG_LEVEL: must be one of trace, debug, info, warn, error, fatal, silent',
        'STRONGROOM_ROOT_KEY: the root key must be 32 bytes',
        `STRONGROOM_SERVICE_CREDENTIALS_FILE: cannot read ${join(untouched, 'missing.json')} (ENOENT)`,
        'STRONGROOM_ROOT_ACCESS_KEY_ID, STRONGROOM_ROOT_SECRET_ACCESS_KEY: set both, or neither',
      ]) {
        expect(bad.output).toContain(variable);
      }
      expect(bad.output).not.toContain(rootKeyGarbage);
      expect(bad.output).not.toContain('    at ');
      expect(readdirSync(untouched)).toEqual([]);
    } finally {
      rmSync(untouched, { recursive: true, force: true });
    }
  });

  test('a provisioned root access key keeps its secret: another secret for it, or another root key, stops the start naming the variables and no secret; a new key id shows the old one still works', async () => {
    const provisionedDir = mkdtempSync(join(tmpdir(), 'strongroom-provisioned-'));
    try {
      const keyA = { STRONGROOM_ROOT_ACCESS_KEY_ID: 'AKIAPROVISIONEDAAAAA', STRONGROOM_ROOT_SECRET_ACCESS_KEY: 'firstSecret00000000000000000000000000000' };
      const first = await startLauncher(provisionedDir, { env: keyA });
      expect(first.output()).toContain('access key  AKIAPROVISIONEDAAAAA');
      expect(first.output()).not.toContain('  also ');
      expect(await stopLauncher(first)).toBe(0);

      const otherSecret = 'otherSecret00000000000000000000000000000';
      const refused = await runLauncherCommand(provisionedDir, [], { ...keyA, STRONGROOM_ROOT_SECRET_ACCESS_KEY: otherSecret });
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('STRONGROOM_ROOT_SECRET_ACCESS_KEY is not the secret of AKIAPROVISIONEDAAAAA (STRONGROOM_ROOT_ACCESS_KEY_ID)');
      expect(refused.output).not.toContain(otherSecret);
      expect(refused.output).not.toContain(keyA.STRONGROOM_ROOT_SECRET_ACCESS_KEY);

      const wrongRootKey = await runLauncherCommand(provisionedDir, [], { ...keyA, STRONGROOM_ROOT_KEY: Buffer.alloc(32, 7).toString('base64') });
      expect(wrongRootKey.code).toBe(1);
      expect(wrongRootKey.output).toContain("is not the one this database's KMS keys are wrapped by");

      const keyB = { STRONGROOM_ROOT_ACCESS_KEY_ID: 'AKIAPROVISIONEDBBBBB', STRONGROOM_ROOT_SECRET_ACCESS_KEY: 'secondSecret0000000000000000000000000000' };
      const second = await startLauncher(provisionedDir, { env: keyB });
      expect(second.output()).toContain('access key  AKIAPROVISIONEDBBBBB');
      expect(second.output()).toMatch(/also\s+AKIAPROVISIONEDAAAAA: the account root's other active access keys, which work until deleted/);
      const policyAddress = /policy\s+grpc (\S+)/.exec(second.output())![1]!;
      const token = readFileSync(join(provisionedDir, 'service-token'), 'utf8').trim();
      const policy = createServiceClient(policyV1.PolicyServiceDefinition, { address: policyAddress, token });
      await policy.client.updateAccessKey({ principal: ACCOUNT, accessKeyId: keyA.STRONGROOM_ROOT_ACCESS_KEY_ID, status: policyV1.AccessKeyStatus.INACTIVE });
      policy.channel.close();
      expect(await stopLauncher(second)).toBe(0);

      // A key made inactive (a leak being handled) does not stop the start, whatever secret is given: it signs nothing.
      const deactivated = await startLauncher(provisionedDir, { env: { ...keyA, STRONGROOM_ROOT_SECRET_ACCESS_KEY: otherSecret } });
      expect(deactivated.output()).toContain('access key  AKIAPROVISIONEDAAAAA  (inactive: it signs nothing');
      expect(deactivated.output()).toMatch(/also\s+AKIAPROVISIONEDBBBBB:/);
      expect(await stopLauncher(deactivated)).toBe(0);
    } finally {
      rmSync(provisionedDir, { recursive: true, force: true });
    }
  }, 120_000);

  test('a gateway thread that cannot start stops the whole start: exit status 1, the reason, and the database stopped', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${(taken.address() as AddressInfo).port}`;
    const refusedDir = mkdtempSync(join(dataDir, 'taken-'));
    try {
      const run = await runLauncherCommand(refusedDir, [], { STRONGROOM_GATEWAY_HTTP_ADDRESS: address });
      expect(run.code).toBe(1);
      expect(run.output).toContain(`strongroom failed to start: cannot listen on ${address} for S3 over HTTP: the address is in use by another process\n`);
      expect(run.output).not.toContain("    at ");
    } finally {
      taken.close();
    }
    // Its PostgreSQL was made and started, and is stopped: a running server keeps postmaster.pid in its directory.
    expect(existsSync(join(refusedDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(refusedDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 60_000);

  test('Ctrl-C in a terminal, sent to the whole process group, stops the services before PostgreSQL: no connection is lost on the way', async () => {
    const inTerminal = await startLauncher(dataDir, { ownProcessGroup: true });
    expect(await stopLauncher(inTerminal)).toBe(0);
    expectStoppedBy(inTerminal.output(), 'SIGINT');
    expect(inTerminal.output().slice(inTerminal.output().indexOf('SIGINT: stopping...'))).not.toMatch(/connection lost|terminating connection/);
  }, 120_000);

  test('a second Ctrl-C during the stop exits at once, and PostgreSQL still stops', async () => {
    const impatient = await startLauncher(dataDir);
    const exited = new Promise<number | null>((resolve) => impatient.process.once('exit', resolve));
    signalLauncher(impatient, 'SIGINT');
    await until('stopping', () => impatient.output().includes('SIGINT: stopping...'));
    signalLauncher(impatient, 'SIGINT');
    expect(await exited).toBe(1);
    expect(impatient.output()).toContain('SIGINT again: exiting now.');
    await until('PostgreSQL stopped', () => !existsSync(join(dataDir, 'postgres', 'postmaster.pid')), 30_000);
    const afterwards = await startLauncher(dataDir);
    expect(await stopLauncher(afterwards)).toBe(0);
  }, 120_000);
});
