import { SigningKeyCache, type SigningKeyScope } from './signing-key-cache';

const scope: SigningKeyScope = { accessKeyId: 'AKIAEXAMPLE', date: '20260101', region: 'us-east-1', service: 's3' };
const principal = { accountId: '111111111111', arn: 'arn:aws:iam::111111111111:root', canonicalUserId: 'c', userName: '', userId: '111111111111' };

describe('SigningKeyCache', () => {
  it('reuses a key for at most the TTL and shares concurrent loads', async () => {
    let now = 0;
    let loads = 0;
    const cache = new SigningKeyCache(
      () => {
        loads++;
        return Promise.resolve({ signingKey: Buffer.from([loads]), principal });
      },
      { ttlMs: 60_000, maxEntries: 10, now: () => now },
    );
    const [first, second] = await Promise.all([cache.get(scope), cache.get(scope)]);
    expect([first.signingKey[0], second.signingKey[0], loads]).toEqual([1, 1, 1]);
    now = 59_999;
    expect((await cache.get(scope)).signingKey[0]).toBe(1);
    now = 60_000;
    expect((await cache.get(scope)).signingKey[0]).toBe(2);
  });

  it('keeps no failure and evicts the least recently used scope', async () => {
    let fail = true;
    let loads = 0;
    const cache = new SigningKeyCache(
      () => {
        loads++;
        return fail ? Promise.reject(new Error('unknown key')) : Promise.resolve({ signingKey: Buffer.alloc(32), principal });
      },
      { ttlMs: 60_000, maxEntries: 1, now: () => 0 },
    );
    await expect(cache.get(scope)).rejects.toThrow('unknown key');
    fail = false;
    await cache.get(scope);
    await cache.get({ ...scope, date: '20260102' });
    await cache.get(scope);
    expect(loads).toBe(4);
  });

  describe('wipes the signing keys it stored, never the copies it handed out', () => {
    /** A cache of one scope with a minute to live, whose loads hand it `stored`, on a clock the test moves. */
    function cacheOf(stored: Buffer[]) {
      const clock = { now: 0 };
      const cache = new SigningKeyCache(() => Promise.resolve({ signingKey: stored.shift() ?? Buffer.alloc(32, 9), principal }), {
        ttlMs: 60_000,
        maxEntries: 1,
        now: () => clock.now,
      });
      return { clock, cache };
    }

    const expire = (cache: SigningKeyCache, clock: { now: number }) => {
      clock.now = 60_000;
      return cache.get(scope);
    };
    const pushOut = (cache: SigningKeyCache) => cache.get({ ...scope, date: '20260102' });
    const clear = (cache: SigningKeyCache) => cache.clear();

    it.each([
      ['the entry expires', expire],
      ['another scope pushes the entry out', pushOut],
      ['the cache is cleared (the gateway stops)', clear],
    ])('when %s', async (_when, leave) => {
      const stored = Buffer.alloc(32, 7);
      const { clock, cache } = cacheOf([stored]);
      const held = await cache.get(scope);
      await leave(cache, clock);
      expect(stored).toEqual(Buffer.alloc(32));
      expect(held.signingKey).toEqual(Buffer.alloc(32, 7));
    });
  });
});
