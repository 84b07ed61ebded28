import { compareKeys, prefixUpperBound } from './key-order';

describe('key order (UTF-8 bytes)', () => {
  test('compares by code point, not UTF-16 unit: U+FB00 sorts before U+1F600', () => {
    const keys = ['😀', 'ﬀ', 'z', 'a/b', 'a', 'é'];
    const byBytes = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...keys].sort(compareKeys)).toEqual(byBytes);
    expect(compareKeys('ab', 'ab')).toBe(0);
    expect(compareKeys('a', 'ab')).toBeLessThan(0);
  });

  test('the upper bound of a prefix is the least string above every key under it', () => {
    expect(prefixUpperBound('')).toBeUndefined();
    expect(prefixUpperBound('abc')).toBe('abd');
    expect(prefixUpperBound('a/')).toBe('a0');
    expect(prefixUpperBound('a\u{d7ff}')).toBe('a\u{e000}');
    expect(prefixUpperBound('a\u{10ffff}')).toBe('b');
    expect(prefixUpperBound('\u{10ffff}')).toBeUndefined();
    for (const key of ['a/', 'a/\u{10ffff}\u{10ffff}', 'a/😀']) expect(compareKeys(key, prefixUpperBound('a/')!)).toBeLessThan(0);
    expect(prefixUpperBound('a😀')).toBe('a😁');
    expect(prefixUpperBound('😀\u{10ffff}\u{10ffff}')).toBe('😁');
  });

  test('a prefix of any length has its bound (a 130 000-character one overflowed the call stack)', () => {
    const long = 'x'.repeat(130_000);
    expect(prefixUpperBound(long)).toBe(`${'x'.repeat(129_999)}y`);
  });
});
