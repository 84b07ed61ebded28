import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectorySyncer } from './directory-syncer';

/** How many descriptors this process holds on `path`. */
function descriptorsOn(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

describe('DirectorySyncer', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'directory-syncer-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('syncs a directory through one kept-open descriptor, closed by close()', async () => {
    const syncer = new DirectorySyncer();
    await Promise.all(Array.from({ length: 20 }, () => syncer.sync(root)));
    await syncer.sync(root);
    expect(descriptorsOn(root)).toBe(1);
    await syncer.close();
    expect(descriptorsOn(root)).toBe(0);
  });

  it('lets syncs in flight finish before it closes their descriptor', async () => {
    const syncer = new DirectorySyncer();
    const inFlight = Array.from({ length: 8 }, () => syncer.sync(root));
    await syncer.close();
    await expect(Promise.all(inFlight)).resolves.toHaveLength(8);
    expect(descriptorsOn(root)).toBe(0);
  });

  it('after close, syncs with a descriptor of their own and keeps none', async () => {
    const syncer = new DirectorySyncer();
    await syncer.close();
    await syncer.sync(root);
    expect(descriptorsOn(root)).toBe(0);
  });

  it('fails a sync whose directory cannot be opened, and opens afresh the next time', async () => {
    const syncer = new DirectorySyncer();
    const missing = join(root, 'later');
    await expect(syncer.sync(missing)).rejects.toMatchObject({ code: 'ENOENT' });
    mkdirSync(missing);
    await syncer.sync(missing);
    expect(descriptorsOn(missing)).toBe(1);
    await syncer.close();
  });
});
