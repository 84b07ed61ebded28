import { kmsV1 } from '@strongroom/contracts';
import { createServiceClient } from '@strongroom/grpc';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createChannel, createClient } from 'nice-grpc';
import { HealthDefinition, HealthCheckResponse_ServingStatus } from 'nice-grpc-server-health/lib/proto/grpc/health/v1/health';

const REPO = resolve(__dirname, '../../..');
const ACCOUNT = { accountId: '123456789012', arn: '' };

interface StartedStack {
  readonly process: ChildProcess;
  readonly kms: string;
  readonly health: string;
  readonly policyHealth: string;
  readonly output: () => string;
}

/** Starts the launcher exactly as `npm start` does, but on free ports and without DATABASE_URL. */
function startLauncher(dataDir: string): Promise<StartedStack> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STRONGROOM_DATA_DIR: dataDir,
    STRONGROOM_KMS_ADDRESS: '127.0.0.1:0',
    STRONGROOM_KMS_HEALTH_ADDRESS: '127.0.0.1:0',
    STRONGROOM_POLICY_ADDRESS: '127.0.0.1:0',
    STRONGROOM_POLICY_HEALTH_ADDRESS: '127.0.0.1:0',
    STRONGROOM_LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [join(REPO, 'node_modules/tsx/dist/cli.mjs'), join(REPO, 'apps/strongroom/src/main.ts')], { cwd: REPO, env });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /kms\s+grpc (\S+)\s+health (\S+)/.exec(output);
      const policy = /policy\s+grpc (\S+)\s+health (\S+)/.exec(output);
      if (match && policy && output.includes('Press Ctrl-C')) {
        resolvePromise({ process: child, kms: match[1]!, health: match[2]!, policyHealth: policy[2]!, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`launcher exited with ${code}:\n${output}`)));
  });
}

function stopLauncher(stack: StartedStack): Promise<number | null> {
  return new Promise((resolvePromise) => {
    stack.process.removeAllListeners('exit');
    stack.process.once('exit', (code) => resolvePromise(code));
    stack.process.kill('SIGINT');
  });
}

describe('the embedded stack (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-stack-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('starts on embedded PostgreSQL, serves health and KMS, stops cleanly, and finds its data again', async () => {
    const first = await startLauncher(dataDir);
    const healthChannel = createChannel(first.health);
    const health = await createClient(HealthDefinition, healthChannel).check({ service: 'strongroom.kms.v1.KeyManagementService' });
    healthChannel.close();
    expect(health.status).toBe(HealthCheckResponse_ServingStatus.SERVING);
    const policyHealthChannel = createChannel(first.policyHealth);
    const policyHealth = await createClient(HealthDefinition, policyHealthChannel).check({ service: 'strongroom.policy.v1.PolicyService' });
    policyHealthChannel.close();
    expect(policyHealth.status).toBe(HealthCheckResponse_ServingStatus.SERVING);
    const accessKey = /access key\s+(AKIA[A-Z2-7]{16})/.exec(first.output())?.[1];
    expect(first.output()).toMatch(/secret key\s+[A-Za-z0-9+/]{40}\s+\(shown this once/);
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

    const second = await startLauncher(dataDir);
    expect(second.output()).toContain(`access key  ${accessKey}`);
    expect(second.output()).not.toMatch(/secret key\s+[A-Za-z0-9+/]{40}/);
    const secondKms = createServiceClient(kmsV1.KeyManagementServiceDefinition, { address: second.kms, token });
    const described = await secondKms.client.describeKey({ principal: ACCOUNT, keyId: keyMetadata!.keyId });
    const opened = await secondKms.client.decrypt({ principal: ACCOUNT, ciphertextBlob: sealed.ciphertextBlob });
    secondKms.channel.close();
    expect(described.keyMetadata?.description).toBe('survives a restart');
    expect(opened.plaintext.toString()).toBe('hello');
    expect(await stopLauncher(second)).toBe(0);
  }, 60_000);
});
