import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { RequestQuota } from './request-quota';

/** A quota on a clock the test moves (milliseconds). */
function quotaAt(rate: number) {
  let now = 1_000;
  const quota = new RequestQuota(rate, () => now);
  return { quota, advance: (ms: number) => (now += ms) };
}

function admitted(quota: RequestQuota, accountId: string, attempts: number): number {
  let count = 0;
  for (let i = 0; i < attempts; i++) {
    try {
      quota.take(accountId);
      count++;
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).reason).toBe(ErrorReason.KMS_THROTTLED);
    }
  }
  return count;
}

describe('RequestQuota', () => {
  it("admits a burst of one second's worth, then throttles with KMS_THROTTLED", () => {
    const { quota } = quotaAt(5);
    expect(admitted(quota, 'a', 5)).toBe(5);
    expect(() => quota.take('a')).toThrow(expect.objectContaining({ reason: ErrorReason.KMS_THROTTLED }) as Error);
  });

  it('refills at the rate: one request per 1/rate seconds', () => {
    const { quota, advance } = quotaAt(5);
    admitted(quota, 'a', 5);
    advance(199);
    expect(admitted(quota, 'a', 1)).toBe(0);
    advance(1);
    expect(admitted(quota, 'a', 3)).toBe(1);
    advance(600);
    expect(admitted(quota, 'a', 10)).toBe(3);
  });

  it("does not bank more than one second's worth while idle", () => {
    const { quota, advance } = quotaAt(5);
    admitted(quota, 'a', 1);
    advance(60_000);
    expect(admitted(quota, 'a', 20)).toBe(5);
  });

  it('does not charge throttled requests', () => {
    const { quota, advance } = quotaAt(2);
    admitted(quota, 'a', 2);
    expect(admitted(quota, 'a', 100)).toBe(0);
    advance(500);
    expect(admitted(quota, 'a', 5)).toBe(1);
  });

  it('keeps one bucket per account', () => {
    const { quota } = quotaAt(3);
    expect(admitted(quota, 'a', 10)).toBe(3);
    expect(admitted(quota, 'b', 10)).toBe(3);
    expect(admitted(quota, 'a', 1)).toBe(0);
  });
});
