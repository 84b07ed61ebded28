import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartRefused } from '@strongroom/config';
import { readOrCreateSecretFile } from './local-secrets';

describe('readOrCreateSecretFile', () => {
  const directory = mkdtempSync(join(tmpdir(), 'strongroom-secrets-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('creates the file with mode 0600 on first use, then reads it back', () => {
    const path = join(directory, 'nested', 'token');
    expect(readOrCreateSecretFile(path, () => 'first')).toEqual({ value: 'first', created: true });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readOrCreateSecretFile(path, () => 'second')).toEqual({ value: 'first', created: false });
  });

  test.each([0o644, 0o640, 0o602])('refuses a file other users may read or write (mode %o), without its contents in the message', (mode) => {
    const path = join(directory, `loose-${mode.toString(8)}`);
    writeFileSync(path, 'the-secret\n');
    chmodSync(path, mode);
    let message = '';
    try {
      readOrCreateSecretFile(path, () => 'unused');
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain(`other users may read or write it (mode 0${mode.toString(8)}); run chmod 600 ${path}`);
    expect(message).not.toContain('the-secret');
  });

  test('a data directory that cannot hold the file (a path through a regular file) is a refusal naming the file and the reason', () => {
    const file = join(directory, 'a-file');
    writeFileSync(file, '');
    const path = join(file, 'data', 'token');
    expect(() => readOrCreateSecretFile(path, () => 'unused')).toThrow(StartRefused);
    expect(() => readOrCreateSecretFile(path, () => 'unused')).toThrow(`cannot read or create ${path} (ENOTDIR): STRONGROOM_DATA_DIR must name a directory this user can write`);
  });
});
