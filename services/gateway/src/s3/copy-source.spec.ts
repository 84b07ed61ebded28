import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { namingCopySource, parseCopySource } from './copy-source';
import { S3Error } from './errors';

describe('parseCopySource', () => {
  it.each([
    ['src/a/b.txt', { bucket: 'src', key: 'a/b.txt', versionId: '' }],
    ['/src/a%20b?versionId=v1', { bucket: 'src', key: 'a b', versionId: 'v1' }],
    ['src/a%2Bb+c', { bucket: 'src', key: 'a+b c', versionId: '' }],
    ['Legacy_Bucket.Name/k', { bucket: 'Legacy_Bucket.Name', key: 'k', versionId: '' }],
  ])('%s', (value, expected) => {
    expect(parseCopySource(value)).toEqual(expected);
  });

  // S3's wording, as versity/versitygw#1388 and #1389 quote it: a source without a bucket, or with
  // only a bucket, or whose percent-encoding does not decode.
  it.each([
    ['', 'Invalid copy source bucket name'],
    ['/', 'Invalid copy source bucket name'],
    ['//k', 'Invalid copy source bucket name'],
    ['Bad_Bucket!/k', 'Invalid copy source bucket name'],
    ['s3://src/k', 'Invalid copy source bucket name'],
    ['b%40d/k', 'Invalid copy source bucket name'],
    ['b@d', 'Invalid copy source bucket name'],
    ['src', 'Invalid copy source object key'],
    ['/src/', 'Invalid copy source object key'],
    ['src/%zz', 'Invalid copy source encoding'],
  ])('refuses %j as InvalidArgument: %s', (value, message) => {
    expect(() => parseCopySource(value)).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', message, details: { ArgumentName: 'x-amz-copy-source', ArgumentValue: value } }) as S3Error,
    );
  });

  it.each([['src/k?versionId='], ['/src/k?versionId']])('refuses the empty version id of %s as S3 does', (value) => {
    expect(() => parseCopySource(value)).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', message: 'Version id cannot be the empty string', details: { ArgumentName: 'versionId', ArgumentValue: '' } }) as S3Error,
    );
  });
});

describe('namingCopySource', () => {
  const source = { bucket: 'src', key: 'from.txt', versionId: '' };
  const missingBucket = (bucket: string) => new DomainError(ErrorReason.BUCKET_NOT_FOUND, `bucket ${bucket} does not exist`, { metadata: { bucket } });
  const missingSource = new DomainError(ErrorReason.NO_SUCH_KEY, 'no object', { metadata: { copy_source: 'true' } });
  const missingSourceVersion = new DomainError(ErrorReason.NO_SUCH_VERSION, 'no version', { metadata: { copy_source: 'true' } });
  const missingDestination = new DomainError(ErrorReason.NO_SUCH_KEY, 'no object');

  it('names the source bucket when the source bucket is missing', () => {
    const named = namingCopySource(missingBucket('src'), source) as S3Error;
    expect([named.code, named.details]).toEqual(['NoSuchBucket', { BucketName: 'src' }]);
  });

  it('leaves a missing destination bucket to be named as the destination', () => {
    const error = missingBucket('dst');
    expect(namingCopySource(error, source)).toBe(error);
  });

  it('names the source key of a missing source the storage service marks as such; a missing destination stays the destination\'s', () => {
    const named = namingCopySource(missingSource, source) as S3Error;
    expect([named.code, named.httpStatus, named.details]).toEqual(['NoSuchKey', 404, { Key: 'from.txt' }]);
    expect((namingCopySource(missingSourceVersion, source) as S3Error).details).toEqual({ Key: 'from.txt' });
    expect(namingCopySource(missingDestination, source)).toBe(missingDestination);
  });

  it('passes other failures through', () => {
    const denied = new DomainError(ErrorReason.ACCESS_DENIED, 'no');
    const s3Error = new S3Error('NoSuchKey');
    expect(namingCopySource(denied, source)).toBe(denied);
    expect(namingCopySource(s3Error, source)).toBe(s3Error);
  });
});
