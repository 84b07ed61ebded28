import { compareKeys } from './key-order';
import { collectListing, firstCursor, type ListingCursor, type ListingRequest } from './listing';

const KEYS = ['a', 'b/1', 'b/2', 'b/3', 'c', 'd/x/1', 'd/y', 'e'].map((key) => ({ key }));

/** An in-memory fetch over sorted keys, counting its calls. */
function source(keys: readonly { key: string }[]) {
  const calls: ListingCursor<{ key: string }>[] = [];
  const fetch = (cursor: ListingCursor<{ key: string }>, limit: number) => {
    calls.push(cursor);
    const after = keys.filter(({ key }) => (cursor.inclusive ? compareKeys(key, cursor.key) >= 0 : compareKeys(key, cursor.key) > 0));
    return Promise.resolve(after.slice(0, limit));
  };
  return { fetch, calls };
}

async function names(request: Partial<ListingRequest>) {
  const full: ListingRequest = { prefix: '', delimiter: '', startAfter: '', maxKeys: 1000, ...request };
  const page = await collectListing<{ key: string }>(full, firstCursor(full), source(KEYS).fetch);
  return { names: page.entries.map((entry) => (entry.kind === 'row' ? entry.row.key : `${entry.prefix}*`)), truncated: page.isTruncated };
}

describe('collectListing', () => {
  test('rolls keys up at the delimiter and counts each common prefix once', async () => {
    expect(await names({ delimiter: '/' })).toEqual({ names: ['a', 'b/*', 'c', 'd/*', 'e'], truncated: false });
    expect(await names({ delimiter: '/', maxKeys: 2 })).toEqual({ names: ['a', 'b/*'], truncated: true });
    expect(await names({ delimiter: '/', maxKeys: 5 })).toEqual({ names: ['a', 'b/*', 'c', 'd/*', 'e'], truncated: false });
  });

  test('skips a common prefix at or before start_after, even when start_after falls inside it', async () => {
    expect((await names({ delimiter: '/', startAfter: 'b/' })).names).toEqual(['c', 'd/*', 'e']);
    expect((await names({ delimiter: '/', startAfter: 'b/2' })).names).toEqual(['c', 'd/*', 'e']);
    expect((await names({ startAfter: 'b/2' })).names).toEqual(['b/3', 'c', 'd/x/1', 'd/y', 'e']);
  });

  test('a page resuming at a common prefix (a continuation token naming one) lists from the batch it read', async () => {
    const { fetch, calls } = source(KEYS);
    const request: ListingRequest = { prefix: '', delimiter: '/', startAfter: 'b/', maxKeys: 1000 };
    const page = await collectListing<{ key: string }>(request, firstCursor(request), fetch);
    expect(page.entries.map((e) => (e.kind === 'row' ? e.row.key : e.prefix))).toEqual(['c', 'd/', 'e']);
    expect(calls).toHaveLength(1);
  });

  test('seeks past a common prefix instead of reading every key under it', async () => {
    const many = [{ key: 'a' }, ...Array.from({ length: 500 }, (_, i) => ({ key: `p/${String(i).padStart(3, '0')}` })), { key: 'z' }];
    const { fetch, calls } = source(many);
    const request: ListingRequest = { prefix: '', delimiter: '/', startAfter: '', maxKeys: 2 };
    const page = await collectListing<{ key: string }>(request, firstCursor(request), fetch);
    expect(page.entries.map((e) => (e.kind === 'row' ? e.row.key : e.prefix))).toEqual(['a', 'p/']);
    expect(page.isTruncated).toBe(true);
    expect(calls.length).toBe(2);
    expect(calls[1]).toEqual({ key: 'p0', inclusive: true });
  });

  test('max_keys 0 reads nothing', async () => {
    expect(await names({ maxKeys: 0 })).toEqual({ names: [], truncated: false });
  });
});
