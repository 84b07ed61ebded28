import { storageV1 } from '@strongroom/contracts';
import { aclFromHeaders } from './acl-headers';
import { parseCopySourceRange, parseRange } from './byte-range';
import { decodeContinuationToken, encodeContinuationToken } from './continuation-token';
import { parseCopySource } from './copy-source';
import { S3Error } from './errors';
import { urlEncodeName } from './list-encoding';
import { copySourcePreconditions, preconditions } from './preconditions';
import { verifyBodyDigests } from './request-digest';
import { writeOptions } from './write-options';

describe('request header parsing', () => {
  it('reads single byte ranges and ignores what S3 ignores', () => {
    expect(parseRange('bytes=0-99')).toEqual({ first: 0, last: 99 });
    expect(parseRange('bytes=100-')).toEqual({ first: 100 });
    expect(parseRange('bytes=-5')).toEqual({ suffixLength: 5 });
    expect(parseRange('bytes=0-1,5-6')).toBeUndefined();
    expect(parseRange('items=0-1')).toBeUndefined();
    expect(parseRange('bytes=9-3')).toBeUndefined();
    expect(parseCopySourceRange('bytes=0-9')).toEqual({ first: 0, last: 9 });
    expect(() => parseCopySourceRange('bytes=5-')).toThrow(S3Error);
  });

  it('holds positions beyond 2^53 at 2^53 - 1 (past any object), comparing them exactly', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(parseRange('bytes=10-9223372036854775807')).toEqual({ first: 10, last: max });
    expect(parseRange('bytes=99999999999999999999-')).toEqual({ first: max });
    expect(parseRange('bytes=-99999999999999999999')).toEqual({ suffixLength: max });
    expect(parseRange('bytes=99999999999999999999-99999999999999999998')).toBeUndefined();
    expect(parseCopySourceRange('bytes=0-99999999999999999999')).toEqual({ first: 0, last: max });
    expect(() => parseCopySourceRange('bytes=99999999999999999999-99999999999999999998')).toThrow(S3Error);
  });

  it('reads x-amz-copy-source in its forms', () => {
    expect(parseCopySource('/src/dir/a%20b.txt?versionId=v1')).toEqual({ bucket: 'src', key: 'dir/a b.txt', versionId: 'v1' });
    expect(parseCopySource('src/k')).toEqual({ bucket: 'src', key: 'k', versionId: '' });
    expect(() => parseCopySource('just-a-bucket')).toThrow(S3Error);
  });

  it('reads conditional headers, ignoring dates that do not parse', () => {
    expect(preconditions({ 'if-match': '"abc"', 'if-modified-since': 'Sat, 01 Jan 2000 00:00:00 GMT' })).toEqual({
      ifMatch: '"abc"',
      ifNoneMatch: '',
      ifModifiedSince: new Date('2000-01-01T00:00:00Z'),
    });
    expect(preconditions({ 'if-unmodified-since': 'garbage' })).toBeUndefined();
    expect(copySourcePreconditions({ 'x-amz-copy-source-if-none-match': '*' })).toEqual({ ifMatch: '', ifNoneMatch: '*' });
  });

  it('collects write options: metadata, content headers without aws-chunked, tags, ACL, SSE, checksum', () => {
    const options = writeOptions(
      {
        'content-type': 'text/plain',
        'content-encoding': 'aws-chunked,gzip',
        'x-amz-meta-color': 'blue',
        'x-amz-tagging': 'a=1&b=two%20words',
        'x-amz-acl': 'public-read',
        'x-amz-server-side-encryption': 'AES256',
      },
      { declaredTrailer: 'x-amz-checksum-crc32', presignedAlgorithm: undefined },
    );
    expect(options).toMatchObject({
      headers: { contentType: 'text/plain', contentEncoding: 'gzip' },
      userMetadata: { color: 'blue' },
      tags: [{ key: 'a', value: '1' }, { key: 'b', value: 'two words' }],
      acl: { acl: { $case: 'cannedAcl', value: 'public-read' } },
      sseAlgorithm: storageV1.SseAlgorithm.AES256,
      checksumAlgorithm: storageV1.ChecksumAlgorithm.CRC32,
    });
    expect(() => writeOptions({ 'x-amz-server-side-encryption': 'aes:kms' })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }) as S3Error);
    expect(() => writeOptions({ 'x-amz-server-side-encryption': 'aws:kms:dsse' })).toThrow(expect.objectContaining({ code: 'NotImplemented' }) as S3Error);
  });

  it('reads SSE-KMS headers and refuses KMS options without aws:kms or a malformed context', () => {
    const context = Buffer.from(JSON.stringify({ project: 'x' })).toString('base64');
    expect(
      writeOptions({
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': 'alias/objects',
        'x-amz-server-side-encryption-context': context,
        'x-amz-server-side-encryption-bucket-key-enabled': 'true',
      }),
    ).toMatchObject({ sseAlgorithm: storageV1.SseAlgorithm.AWS_KMS, kmsKeyId: 'alias/objects', encryptionContext: { project: 'x' }, bucketKeyEnabled: true });
    const invalid = expect.objectContaining({ code: 'InvalidArgument' }) as S3Error;
    expect(() => writeOptions({ 'x-amz-server-side-encryption': 'AES256', 'x-amz-server-side-encryption-aws-kms-key-id': 'k' })).toThrow(invalid);
    expect(() => writeOptions({ 'x-amz-server-side-encryption-aws-kms-key-id': 'k' })).toThrow(invalid);
    expect(() => writeOptions({ 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-context': 'not json' })).toThrow(invalid);
    const numbers = Buffer.from(JSON.stringify({ n: 1 })).toString('base64');
    expect(() => writeOptions({ 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-context': numbers })).toThrow(invalid);
    const kmsContext = (json: string) => writeOptions({ 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-context': Buffer.from(json).toString('base64') });
    expect(Object.entries(kmsContext('{"__proto__":"tenant-a"}').encryptionContext ?? {})).toEqual([['__proto__', 'tenant-a']]);
    expect(() => kmsContext('{"tenant":"\\ud800"}')).toThrow(invalid);
    expect(() => writeOptions({ 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-context': Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x22, 0x22, 0x7d]).toString('base64') })).toThrow(invalid);
  });

  it('reads grant headers with libs/iam-policy and refuses mixing them with a canned ACL', () => {
    const acl = aclFromHeaders({ 'x-amz-grant-read': `uri="http://acs.amazonaws.com/groups/global/AllUsers", id="${'a'.repeat(64)}"` });
    expect(acl?.acl?.$case === 'accessControlPolicy' ? acl.acl.value.grants.length : 0).toBe(2);
    expect(() => aclFromHeaders({ 'x-amz-acl': 'private', 'x-amz-grant-read': `id="${'a'.repeat(64)}"` })).toThrow(expect.objectContaining({ code: 'InvalidRequest' }) as S3Error);
    expect(() => aclFromHeaders({ 'x-amz-grant-read': 'nonsense' })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }) as S3Error);
  });

  it('verifies Content-MD5 and checksum headers of small bodies', () => {
    const body = Buffer.from('hello');
    expect(() => verifyBodyDigests({ 'content-md5': 'XUFAKrxLKna5cZ2REBfFkg==' }, body, undefined, { required: true })).not.toThrow();
    expect(() => verifyBodyDigests({ 'content-md5': 'XUFAKrxLKna5cZ2REBfFkA==' }, body, undefined, { required: true })).toThrow(expect.objectContaining({ code: 'BadDigest' }) as S3Error);
    expect(() => verifyBodyDigests({ 'content-md5': 'nope' }, body, undefined, { required: true })).toThrow(expect.objectContaining({ code: 'InvalidDigest' }) as S3Error);
    expect(() => verifyBodyDigests({}, body, undefined, { required: true })).toThrow(expect.objectContaining({ code: 'InvalidRequest' }) as S3Error);
    expect(() => verifyBodyDigests({ 'x-amz-checksum-crc32c': 'lTvM2Q==' }, body, undefined)).toThrow(expect.objectContaining({ code: 'BadDigest' }) as S3Error);
    expect(() => verifyBodyDigests({ 'x-amz-checksum-crc32c': 'lTvM2Q==' }, body, undefined, { checksumHeaderIsBody: false })).not.toThrow();
  });

  it('round-trips continuation tokens and refuses foreign ones, another bucket\'s included', () => {
    expect(decodeContinuationToken('photos', encodeContinuationToken('photos', 'dir/é'))).toBe('dir/é');
    expect(() => decodeContinuationToken('photos', '!!')).toThrow(S3Error);
    expect(() => decodeContinuationToken('photos', encodeContinuationToken('photos2', 'dir/é'))).toThrow(S3Error);
    expect(() => decodeContinuationToken('photos2', encodeContinuationToken('photos', 'dir/é'))).toThrow(S3Error);
    expect(() => decodeContinuationToken('photos', Buffer.from('dir/é').toString('base64'))).toThrow(S3Error);
    expect(urlEncodeName("a b+c/d'é")).toBe('a%20b%2Bc/d%27%C3%A9');
  });
});
