import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';
import { versionIdParam } from './params';

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
