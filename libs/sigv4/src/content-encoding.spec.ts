import { storedContentEncoding } from './content-encoding';

describe('storedContentEncoding', () => {
  it.each([
    [undefined, undefined],
    ['aws-chunked', undefined],
    ['gzip,aws-chunked', 'gzip'],
    ['aws-chunked, gzip, br', 'gzip, br'],
    ['AWS-Chunked', undefined],
    ['gzip', 'gzip'],
  ])('%j → %j', (header, expected) => {
    expect(storedContentEncoding(header)).toBe(expected);
  });
});
