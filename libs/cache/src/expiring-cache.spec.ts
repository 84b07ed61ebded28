import { ExpiringCache } from './expiring-cache';

const ZERO = new Uint8Array(4);

/** A cache of key-like byte strings on a clock the test moves, with one second to live and room for two. */
function secretCache() {
  const clock = { now: 0 };
  const cache = new ExpiringCache<Uint8Array>({
    limit: 2,
    ttlMs: 1000,
    now: () => clock.now,
    secret: { copy: (value) => value.slice(), wipe: (value) => value.fill(0) },
  });
  return { clock, cache };
}

const key = (byte: number) => new Uint8Array(4).fill(byte);

describe('ExpiringCache of secrets', () => {
  test('a value handed out stays whole when the entry expires before its holder uses it', async () => {
    const { clock, cache } = secretCache();
    const stored = key(7);
    cache.set('bucket', stored);
    clock.now = 999;
    const held = cache.getOrLoad('bucket', () => Promise.resolve(key(8)));
    clock.now = 1000;
    const reloaded = cache.getOrLoad('bucket', () => Promise.resolve(key(8)));
    expect(await held).toEqual(key(7));
    expect(await reloaded).toEqual(key(8));
    expect(stored).toEqual(ZERO);
  });

  test('a value handed out stays whole when other entries push it out', async () => {
    const { cache } = secretCache();
    const stored = key(7);
    cache.set('bucket', stored);
    const held = cache.getOrLoad('bucket', () => Promise.resolve(key(0)));
    cache.set('other-1', key(1));
    cache.set('other-2', key(2));
    expect(await held).toEqual(key(7));
    expect(stored).toEqual(ZERO);
  });

  test('callers sharing one load each get a copy of their own, taken before the loaded value can be wiped', async () => {
    const { cache } = secretCache();
    let finish!: (value: Uint8Array) => void;
    const loaded = key(7);
    const first = cache.getOrLoad('bucket', () => new Promise((resolve) => (finish = resolve)));
    const second = cache.getOrLoad('bucket', () => Promise.reject(new Error('the load is shared')));
    finish(loaded);
    const [firstKey, secondKey] = await Promise.all([first, second]);
    cache.set('other-1', key(1));
    cache.set('other-2', key(2));
    expect(loaded).toEqual(ZERO);
    expect([firstKey, secondKey]).toEqual([key(7), key(7)]);
    expect(firstKey).not.toBe(secondKey);
  });

  test('a holder wiping its copy leaves the cached value whole', () => {
    const { cache } = secretCache();
    cache.set('bucket', key(7));
    cache.get('bucket')?.fill(0);
    expect(cache.get('bucket')).toEqual(key(7));
  });

  test('values are wiped as they leave: expired, pushed out, replaced, cleared', () => {
    const { clock, cache } = secretCache();
    const [expired, pushedOut, replaced, cleared] = [key(1), key(2), key(3), key(4)];
    cache.set('expired', expired);
    clock.now = 1000;
    expect(cache.get('expired')).toBeUndefined();
    cache.set('pushed-out', pushedOut);
    cache.set('replaced', replaced);
    cache.set('replaced', key(5));
    cache.set('cleared', cleared);
    cache.clear();
    expect([expired, pushedOut, replaced, cleared]).toEqual([ZERO, ZERO, ZERO, ZERO]);
  });

  test('a load still in flight when the cache is cleared (a gateway or KMS that stops) is handed out, then wiped, not kept', async () => {
    const { cache } = secretCache();
    let finish!: (value: Uint8Array) => void;
    const loaded = key(7);
    const held = cache.getOrLoad('bucket', () => new Promise((resolve) => (finish = resolve)));
    cache.clear();
    finish(loaded);
    expect(await held).toEqual(key(7));
    expect(cache.get('bucket')).toBeUndefined();
    expect(loaded).toEqual(ZERO);
  });

  test('a failed load rejects every caller sharing it and caches nothing', async () => {
    const { cache } = secretCache();
    const failure = new Error('KMS unavailable');
    const first = cache.getOrLoad('bucket', () => Promise.reject(failure));
    const second = cache.getOrLoad('bucket', () => Promise.resolve(key(9)));
    await expect(first).rejects.toBe(failure);
    await expect(second).rejects.toBe(failure);
    expect(await cache.getOrLoad('bucket', () => Promise.resolve(key(9)))).toEqual(key(9));
  });

  test('a loaded value that cannot be handed out rejects the callers not yet answered, is wiped, and is not cached', async () => {
    let copies = 0;
    const cache = new ExpiringCache<Uint8Array>({
      limit: 2,
      ttlMs: 1000,
      now: () => 0,
      secret: {
        copy: (value) => {
          if (++copies > 1) throw new Error('no memory for a copy');
          return value.slice();
        },
        wipe: (value) => value.fill(0),
      },
    });
    const loaded = key(5);
    const first = cache.getOrLoad('bucket', () => Promise.resolve(loaded));
    const second = cache.getOrLoad('bucket', () => Promise.resolve(key(6)));
    expect(await first).toEqual(key(5));
    await expect(second).rejects.toThrow('no memory for a copy');
    expect(loaded).toEqual(ZERO);
    copies = 0;
    expect(await cache.getOrLoad('bucket', () => Promise.resolve(key(7)))).toEqual(key(7));
  });
});

describe('ExpiringCache.delete', () => {
  test('wipes the deleted secret, leaves a copy handed out whole, and keeps nothing a load then in flight brings', async () => {
    const { cache } = secretCache();
    const stored = key(7);
    cache.set('bucket', stored);
    const held = cache.get('bucket');
    let finish!: (value: Uint8Array) => void;
    const loaded = key(8);
    const loading = cache.getOrLoad('other', () => new Promise((resolve) => (finish = resolve)));
    cache.delete('bucket');
    cache.delete('other');
    finish(loaded);
    expect(await loading).toEqual(key(8));
    expect([stored, loaded, held]).toEqual([ZERO, ZERO, key(7)]);
    expect([cache.get('bucket'), cache.get('other')]).toEqual([undefined, undefined]);
  });
});
