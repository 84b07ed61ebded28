import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BlobStore, type BlobDraft } from '../src/blob-store';

const TOUCH_MS = 20;

describe('blob drafts: touched while open, so a stale-draft sweep spares them, and never after', () => {
  let directory: string;
  let blobs: BlobStore;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'strongroom-drafts-'));
    blobs = new BlobStore(directory, { draftTouchMs: TOUCH_MS });
    await blobs.init();
  });
  afterAll(async () => {
    await blobs.close();
    rmSync(directory, { recursive: true, force: true });
  });
  afterEach(() => jest.restoreAllMocks());

  const draftPaths = () => readdirSync(join(directory, 'tmp')).map((name) => join(directory, 'tmp', name));

  /** Opens a draft, recording the touch timer it starts. */
  async function openDraft(): Promise<{ draft: BlobDraft; timer: NodeJS.Timeout }> {
    const setInterval = jest.spyOn(global, 'setInterval');
    const draft = await blobs.draft();
    expect(setInterval).toHaveBeenCalledTimes(1);
    const timer = setInterval.mock.results[0]!.value as NodeJS.Timeout;
    setInterval.mockRestore();
    return { draft, timer };
  }

  test('an open draft last written long ago is touched and survives the sweep; a closed one left behind is removed', async () => {
    const { draft } = await openDraft();
    const [path] = draftPaths();
    const longAgo = new Date(Date.now() - 3_600_000);
    utimesSync(path!, longAgo, longAgo);
    await sleep(3 * TOUCH_MS);

    expect(await blobs.removeStaleDrafts(Date.now() - 1000)).toBe(0);
    await draft.commit('00000000-0000-4000-8000-000000000001');

    const { draft: abandoned } = await openDraft();
    const [abandonedPath] = draftPaths();
    await abandoned.commit('not a blob id').catch(() => undefined);
    utimesSync(abandonedPath!, longAgo, longAgo);
    await sleep(3 * TOUCH_MS);
    expect(await blobs.removeStaleDrafts(Date.now() - 1000)).toBe(1);
    expect(draftPaths()).toEqual([]);
  });

  test.each([
    ['a commit', (draft: BlobDraft) => draft.commit('00000000-0000-4000-8000-000000000002')],
    ['a failed commit', (draft: BlobDraft) => draft.commit('not a blob id').catch(() => undefined)],
    ['a discard', (draft: BlobDraft) => draft.discard()],
  ])('the touch timer never holds the process open and %s clears it', async (_end, end) => {
    const clearInterval = jest.spyOn(global, 'clearInterval');
    const { draft, timer } = await openDraft();
    expect(timer.hasRef()).toBe(false);
    await end(draft);
    expect(clearInterval).toHaveBeenCalledWith(timer);
  });
});
