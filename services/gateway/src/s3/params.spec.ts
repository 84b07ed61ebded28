import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';
import { integerValue, versionIdParam } from './params';

function requestWith(query: string): S3Request {
  return { query: new URLSearchParams(query) } as S3Request;
}

describe('versionIdParam', () => {
  it('is the version id given, or empty for the current version when absent', () => {
    expect(versionIdParam(requestWith('versionId=v1'))).toBe('v1');
    expect(versionIdParam(requestWith('tagging'))).toBe('');
  });

  it.each([['versionId='], ['versionId'], ['tagging&versionId=']])('refuses the empty version id of ?%s (it never means the current version)', (query) => {
    expect(() => versionIdParam(requestWith(query))).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', message: 'Version id cannot be the empty string', details: { ArgumentName: 'versionId', ArgumentValue: '' } }) as S3Error,
    );
  });
});

describe('integerValue', () => {
  it('takes a 32-bit integer at or above the minimum, capped at the maximum; absent is the fallback', () => {
    expect(integerValue('max-keys', '2147483647', 1000, 0, 1000)).toBe(1000);
    expect(integerValue('max-keys', '7', 1000, 0, 1000)).toBe(7);
    expect(integerValue('max-keys', undefined, 1000, 0, 1000)).toBe(1000);
  });

  it.each([['2147483648'], ['-1'], ['ten'], ['']])('refuses %j as S3 does', (raw) => {
    expect(() => integerValue('max-keys', raw, 1000, 0, 1000)).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', message: 'Provided max-keys not an integer or within integer range' }) as S3Error,
    );
  });
});
