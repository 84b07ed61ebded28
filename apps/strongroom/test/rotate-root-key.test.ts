import { StartRefused } from '@strongroom/config';
import { kmsV1 } from '@strongroom/contracts';
import { createServiceClient } from '@strongroom/grpc';
import { createLogger, Secret } from '@strongroom/observability';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rotateRootKeyCommand } from '../src/admin/rotate-root-key';
import { runLauncherCommand, startLauncher, stopLauncher } from './launcher';

const ACCOUNT = { accountId: '123456789012', arn: '' };

describe('npm start -- rotate-root-key', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-rotate-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('re-wraps the key material under a new root key: old ciphertext still decrypts, and the data directory holds the new key', async () => {
    const first = await startLauncher(dataDir);
    const token = readFileSync(join(dataDir, 'service-token'), 'utf8').trim();
    const before = createServiceClient(kmsV1.KeyManagementServiceDefinition, { address: first.kms, token });
    const { keyMetadata } = await before.client.createKey({ principal: ACCOUNT });
    await before.client.rotateKeyOnDemand({ principal: ACCOUNT, keyId: keyMetadata!.keyId });
    const sealed = await before.client.encrypt({ principal: ACCOUNT, keyId: keyMetadata!.keyId, plaintext: Buffer.from('kept'), encryptionContext: { a: 'b' } });
    before.channel.close();
    expect(await stopLauncher(first)).toBe(0);

    const oldRootKey = readFileSync(join(dataDir, 'root-key'), 'utf8').trim();
    const newRootKey = randomBytes(32).toString('base64');
    const newKeyFile = join(dataDir, 'new-root-key');
    writeFileSync(newKeyFile, newRootKey, { mode: 0o600 });
    writeFileSync(join(dataDir, 'root-key.new'), 'left by an interrupted rotation', { mode: 0o644 });
    const rotation = await runLauncherCommand(dataDir, ['rotate-root-key', '--new-root-key-file', newKeyFile]);
    expect(rotation.output).toMatch(/re-wrapped (\d+) key version\(s\)/);
    expect(Number(/re-wrapped (\d+)/.exec(rotation.output)![1])).toBeGreaterThanOrEqual(2);
    expect(rotation.code).toBe(0);
    expect(readFileSync(join(dataDir, 'root-key'), 'utf8').trim()).toBe(newRootKey);
    expect(statSync(join(dataDir, 'root-key')).mode & 0o777).toBe(0o600);
    expect(newRootKey).not.toBe(oldRootKey);

    const second = await startLauncher(dataDir);
    const after = createServiceClient(kmsV1.KeyManagementServiceDefinition, { address: second.kms, token });
    const opened = await after.client.decrypt({ principal: ACCOUNT, ciphertextBlob: sealed.ciphertextBlob, encryptionContext: { a: 'b' } });
    after.channel.close();
    expect(opened.plaintext.toString()).toBe('kept');
    expect(await stopLauncher(second)).toBe(0);

    const usage = await runLauncherCommand(dataDir, ['rotate-root-key']);
    expect(usage.code).toBe(2);
    expect(usage.output).toContain('--new-root-key-file');
  }, 90_000);

  test('a rotation that cannot go on says so in one line, without a stack trace or the key file\'s content', async () => {
    const almostKey = randomBytes(31).toString('hex');
    const badKeyFile = join(dataDir, 'bad-root-key');
    writeFileSync(badKeyFile, almostKey, { mode: 0o600 });
    const run = await runLauncherCommand(dataDir, ['rotate-root-key', '--new-root-key-file', badKeyFile]);
    expect(run.code).toBe(1);
    expect(run.output).toContain(`root key rotation failed: the new root key file ${badKeyFile}: the root key must be 32 bytes, as 64 hex characters or base64\n`);
    expect(run.output).not.toContain('failed to start');
    expect(run.output).not.toContain('    at ');
    expect(run.output).not.toContain(almostKey);
  });

  test('wipes its copies of the old and new root keys when the rotation is refused after reading them', async () => {
    const logger = createLogger({ name: 'rotate-test', level: 'silent' });
    const newKeyFile = join(dataDir, 'wiped-new-root-key');
    writeFileSync(newKeyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
    const env = { STRONGROOM_DATA_DIR: dataDir, STRONGROOM_ROOT_KEY: randomBytes(32).toString('base64'), STRONGROOM_POSTGRES_PORT: 'not a port' };
    const reveal = jest.spyOn(Secret.prototype, 'reveal');
    try {
      await expect(rotateRootKeyCommand(['--new-root-key-file', newKeyFile], env, logger, () => undefined)).rejects.toThrow('STRONGROOM_POSTGRES_PORT');
      const revealed = new Set(reveal.mock.results.map((result) => result.value as Uint8Array));
      expect(revealed.size).toBe(2);
      for (const key of revealed) expect(key).toEqual(new Uint8Array(32));
    } finally {
      reveal.mockRestore();
    }
  });

  test('a new root key file that cannot be read is a refusal naming it; arguments that are not the command\'s get its usage', async () => {
    const logger = createLogger({ name: 'rotate-test', level: 'silent' });
    const printed: string[] = [];
    const missing = join(dataDir, 'missing-root-key');
    const refusal = rotateRootKeyCommand(['--new-root-key-file', missing], {}, logger, (line) => printed.push(line));
    await expect(refusal).rejects.toThrow(new StartRefused(`cannot read the new root key file ${missing} (ENOENT)`));
    await expect(rotateRootKeyCommand(['--new-root-key', 'x'], {}, logger, (line) => printed.push(line))).resolves.toBe(2);
    expect(printed).toEqual([expect.stringContaining('usage: npm start -- rotate-root-key --new-root-key-file')]);
  });
});
