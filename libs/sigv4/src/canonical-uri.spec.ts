import { canonicalUri } from './canonical-uri';

describe('canonicalUri', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['/bucket/a b', '/bucket/a%20b'],
    ['/bucket/a%20b', '/bucket/a%20b'],
    ['/bucket/a+b', '/bucket/a%20b'],
    ['/bucket/a%2Bb', '/bucket/a%2Bb'],
    ['/bucket/a%2Fb', '/bucket/a%2Fb'],
    ['/bucket/%C3%A9', '/bucket/%C3%A9'],
    ['/bucket/%c3%a9', '/bucket/%C3%A9'],
    ['/bucket//x/../y/./', '/bucket//x/../y/./'],
    ['/bucket/100%', '/bucket/100%25'],
  ])('s3: %j → %j (encoded once, never normalized)', (path, expected) => {
    expect(canonicalUri(path, 's3')).toBe(expected);
  });

  it.each([
    ['/', '/'],
    ['//example//', '/example/'],
    ['/a/./b/../c', '/a/c'],
    ['/a%20b', '/a%2520b'],
    ['/..', '/'],
  ])('normalized: %j → %j (resolved, then the wire form encoded again)', (path, expected) => {
    expect(canonicalUri(path, 'normalized')).toBe(expected);
  });
});
