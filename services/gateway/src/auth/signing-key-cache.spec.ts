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
        return Promise.resolve({ signingKey: new Uint8Array([loads]), principal });
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
        return fail ? Promise.reject(new Error('unknown key')) : Promise.resolve({ signingKey: new Uint8Array(32), principal });
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
});
