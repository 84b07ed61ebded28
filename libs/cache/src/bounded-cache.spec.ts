import { BoundedCache } from './bounded-cache';

/** A promise with its resolve function, to finish a load when the test says so. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('BoundedCache', () => {
  it('loads once and then serves from memory', async () => {
    const cache = new BoundedCache<string>(10);
    const load = jest.fn(() => Promise.resolve('value'));
    expect(await cache.getOrLoad('k', load)).toBe('value');
    expect(await cache.getOrLoad('k', load)).toBe('value');
    expect(cache.get('k')).toBe('value');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not cache an undefined load', async () => {
    const cache = new BoundedCache<string>(10);
    const load = jest.fn(() => Promise.resolve(undefined));
    expect(await cache.getOrLoad('missing', load)).toBeUndefined();
    expect(await cache.getOrLoad('missing', load)).toBeUndefined();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('evicts the least recently used entry past its limit', async () => {
    const cache = new BoundedCache<string>(2);
    await cache.getOrLoad('a', () => Promise.resolve('A'));
    await cache.getOrLoad('b', () => Promise.resolve('B'));
    expect(cache.get('a')).toBe('A');
    await cache.getOrLoad('c', () => Promise.resolve('C'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
    await cache.getOrLoad('d', () => Promise.resolve('D'));
    expect(cache.get('a')).toBeUndefined();
    expect([cache.get('c'), cache.get('d')]).toEqual(['C', 'D']);
  });

  it('forgets an entry on delete and everything on clear', async () => {
    const cache = new BoundedCache<string>(10);
    await cache.getOrLoad('a', () => Promise.resolve('A'));
    await cache.getOrLoad('b', () => Promise.resolve('B'));
    cache.delete('a');
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, 'B']);
    cache.clear();
    expect(cache.get('b')).toBeUndefined();
  });

  it.each([
    ['a delete of the key', (cache: BoundedCache<string>) => cache.delete('k')],
    ['a clear', (cache: BoundedCache<string>) => cache.clear()],
  ])('returns but does not cache a fill that raced %s', async (_name, invalidate) => {
    const cache = new BoundedCache<string>(10);
    const slow = deferred<string>();
    const filling = cache.getOrLoad('k', () => slow.promise);
    invalidate(cache);
    slow.resolve('stale');
    expect(await filling).toBe('stale');
    expect(cache.get('k')).toBeUndefined();

    const fresh = jest.fn(() => Promise.resolve('fresh'));
    expect(await cache.getOrLoad('k', fresh)).toBe('fresh');
    expect(fresh).toHaveBeenCalledTimes(1);
    expect(cache.get('k')).toBe('fresh');
  });

  it('caches a fill that started after the invalidation', async () => {
    const cache = new BoundedCache<string>(10);
    cache.delete('k');
    const slow = deferred<string>();
    const filling = cache.getOrLoad('k', () => slow.promise);
    slow.resolve('value');
    await filling;
    expect(cache.get('k')).toBe('value');
  });
});
