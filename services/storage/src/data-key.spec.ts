import { systemRandom } from '@strongroom/crypto';
import { newDataKey, unwrapDataKey, wrapDataKey } from './data-key';

const BUCKET_KEY_ID = '0a000000-0000-4000-8000-000000000000';

describe('wrapDataKey', () => {
  test('wraps under a bucket key, and the result opens to the data key', () => {
    const bucketKey = newDataKey(systemRandom);
    const dataKey = newDataKey(systemRandom);
    expect(unwrapDataKey(bucketKey, BUCKET_KEY_ID, wrapDataKey(bucketKey, BUCKET_KEY_ID, dataKey, systemRandom))).toEqual(dataKey);
  });

  test('refuses an all-zero (wiped) bucket key, which a check opening with the same buffer would pass', () => {
    expect(() => wrapDataKey(new Uint8Array(32), BUCKET_KEY_ID, newDataKey(systemRandom), systemRandom)).toThrow('all-zero');
  });
});
