import { compileWildcard, matchTokens, tokenizeWildcard } from './wildcard';

const cases: readonly (readonly [string, string, boolean])[] = [
  ['*', '', true],
  ['abc', 'abc', true],
  ['abc', 'abcd', false],
  ['a*', 'a', true],
  ['a*c', 'abbbc', true],
  ['a*c', 'abbbd', false],
  ['a?c', 'abc', true],
  ['a?c', 'ac', false],
  ['*b*b*', 'abxbx', true],
  ['*.txt', 'notes.txt.bak', false],
  ['s3:Get*Acl', 's3:GetObjectVersionAcl', true],
  ['a.b', 'axb', false],
  ['(x)+', '(x)+', true],
  ['home/*/docs/?', 'home/al/ice/docs/1', true],
];

describe('wildcards', () => {
  it.each(cases)('compileWildcard(%s) on %s', (pattern, value, expected) => {
    expect(compileWildcard(pattern)(value)).toBe(expected);
  });

  it.each(cases)('matchTokens(%s) on %s', (pattern, value, expected) => {
    expect(matchTokens(tokenizeWildcard(pattern), value)).toBe(expected);
  });

  it('folds case when asked to (input lower-cased by the caller)', () => {
    expect(compileWildcard('S3:GetObject', true)('s3:getobject')).toBe(true);
  });
});
