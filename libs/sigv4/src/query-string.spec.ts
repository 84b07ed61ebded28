import { canonicalQuery, parseQuery, queryValue } from './query-string';

describe('parseQuery / canonicalQuery', () => {
  it.each([
    ['', ''],
    ['acl', 'acl='],
    ['acl=', 'acl='],
    ['b=2&a=1', 'a=1&b=2'],
    ['a=2&a=10&a=1', 'a=1&a=10&a=2'],
    ['a=1&&b=2&', 'a=1&b=2'],
    ['k=a+b', 'k=a%20b'],
    ['k=a%2Bb', 'k=a%2Bb'],
    ['k=x=y', 'k=x%3Dy'],
    ['prefix=%C3%A9%2F', 'prefix=%C3%A9%2F'],
    ['~t=1&%C3%A9=2&Z=3', '%C3%A9=2&Z=3&~t=1'],
  ])('%j → %j', (raw, expected) => {
    expect(canonicalQuery(parseQuery(raw))).toBe(expected);
  });

  it('leaves out the excluded parameter', () => {
    expect(canonicalQuery(parseQuery('X-Amz-Signature=abc&X-Amz-Date=1'), 'X-Amz-Signature')).toBe('X-Amz-Date=1');
  });

  it('exposes decoded values by exact name', () => {
    const parameters = parseQuery('X-Amz-Credential=AKIA%2F20240301%2Fus-east-1%2Fs3%2Faws4_request&x-amz-date=2');
    expect(queryValue(parameters, 'X-Amz-Credential')).toBe('AKIA/20240301/us-east-1/s3/aws4_request');
    expect(queryValue(parameters, 'X-Amz-Date')).toBeUndefined();
  });
});
