import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfiguredDirectory } from './configured-directory';

describe('createConfiguredDirectory', () => {
  const root = mkdtempSync(join(tmpdir(), 'configured-directory-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates the directory and its missing parents, and takes one that exists', () => {
    const nested = join(root, 'a', 'b', 'c');
    createConfiguredDirectory('STRONGROOM_DATA_DIR', nested);
    createConfiguredDirectory('STRONGROOM_DATA_DIR', nested);
    expect(statSync(nested).isDirectory()).toBe(true);
  });

  it('refuses, naming the variable and the directory, one that its file system will not create (under /proc), rather than hanging', () => {
    expect(() => createConfiguredDirectory('STRONGROOM_DATA_DIR', '/proc/strongroom-data/blobs')).toThrow(
      'STRONGROOM_DATA_DIR: cannot create the directory /proc/strongroom-data (ENOENT): choose one on a writable file system',
    );
  });
});
