import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { SigV4Error } from '@strongroom/sigv4';
import { ClientError, Status } from 'nice-grpc';
import { S3Error, s3CodeFor, toS3Error } from './errors';

describe('the S3 error table', () => {
  it.each([
    [ErrorReason.BUCKET_NOT_FOUND, 'NoSuchBucket', 404],
    [ErrorReason.NO_SUCH_KEY, 'NoSuchKey', 404],
    [ErrorReason.NO_SUCH_UPLOAD, 'NoSuchUpload', 404],
    [ErrorReason.BUCKET_NOT_EMPTY, 'BucketNotEmpty', 409],
    [ErrorReason.BUCKET_ALREADY_OWNED_BY_YOU, 'BucketAlreadyOwnedByYou', 409],
    [ErrorReason.INVALID_BUCKET_NAME, 'InvalidBucketName', 400],
    [ErrorReason.KEY_TOO_LONG, 'KeyTooLongError', 400],
    [ErrorReason.METADATA_TOO_LARGE, 'MetadataTooLarge', 400],
    [ErrorReason.ENTITY_TOO_SMALL, 'EntityTooSmall', 400],
    [ErrorReason.ENTITY_TOO_LARGE, 'EntityTooLarge', 400],
    [ErrorReason.INVALID_PART, 'InvalidPart', 400],
    [ErrorReason.INVALID_PART_ORDER, 'InvalidPartOrder', 400],
    [ErrorReason.INVALID_DIGEST, 'InvalidDigest', 400],
    [ErrorReason.BAD_DIGEST, 'BadDigest', 400],
    [ErrorReason.INCOMPLETE_BODY, 'IncompleteBody', 400],
    [ErrorReason.PRECONDITION_FAILED, 'PreconditionFailed', 412],
    [ErrorReason.NOT_MODIFIED, 'NotModified', 304],
    [ErrorReason.INVALID_RANGE, 'InvalidRange', 416],
    [ErrorReason.ACCESS_DENIED, 'AccessDenied', 403],
    [ErrorReason.PUBLIC_ACCESS_BLOCKED, 'AccessDenied', 403],
    [ErrorReason.ACCESS_KEY_INACTIVE, 'InvalidAccessKeyId', 403],
    [ErrorReason.MALFORMED_POLICY, 'MalformedPolicy', 400],
    [ErrorReason.KMS_THROTTLED, 'SlowDown', 503],
    [ErrorReason.INTEGRITY_FAILURE, 'InternalError', 500],
    [ErrorReason.INVALID_LOCATION_CONSTRAINT, 'InvalidLocationConstraint', 400],
    [ErrorReason.ILLEGAL_LOCATION_CONSTRAINT, 'IllegalLocationConstraintException', 400],
    [ErrorReason.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP, 'InvalidBucketAclWithObjectOwnership', 400],
  ])('maps reason %s to %s (%d)', (reason, code, status) => {
    const error = toS3Error(new DomainError(reason, 'from the back end'));
    expect([error.code, error.httpStatus]).toEqual([code, status]);
  });

  it('keeps back-end messages except for server faults and the codes whose message S3 never varies', () => {
    expect(toS3Error(new DomainError(ErrorReason.INVALID_TAG, 'tag key too long')).message).toBe('tag key too long');
    expect(toS3Error(new DomainError(ErrorReason.INTERNAL, 'db exploded')).message).toBe('We encountered an internal error. Please try again.');
    expect(toS3Error(new DomainError(ErrorReason.BUCKET_NOT_FOUND, 'bucket x does not exist')).message).toBe('The specified bucket does not exist');
    expect(toS3Error(new DomainError(ErrorReason.BUCKET_NOT_EMPTY, 'bucket x is not empty')).message).toBe('The bucket you tried to delete is not empty');
  });

  it('gives EntityTooSmall the proposed and minimum sizes', () => {
    const error = toS3Error(new DomainError(ErrorReason.ENTITY_TOO_SMALL, 'part 1 is small', { metadata: { proposed_size: '5', min_size_allowed: '5242880' } }));
    expect([error.message, error.details]).toEqual(['Your proposed upload is smaller than the minimum allowed size', { ProposedSize: '5', MinSizeAllowed: '5242880' }]);
  });

  it('maps transport failures by gRPC status', () => {
    expect(s3CodeFor(Status.UNAVAILABLE, undefined)).toBe('ServiceUnavailable');
    expect(toS3Error(new ClientError('/x', Status.DEADLINE_EXCEEDED, 'late')).httpStatus).toBe(503);
    expect(toS3Error(new Error('boom')).code).toBe('InternalError');
  });

  it('carries SigV4 errors with the string to sign', () => {
    const error = toS3Error(new SigV4Error('SignatureDoesNotMatch', 'nope', { stringToSign: 'AWS4\n', canonicalRequest: 'GET\n/' }));
    expect(error.httpStatus).toBe(403);
    expect(error.details).toMatchObject({ StringToSign: 'AWS4\n', CanonicalRequest: 'GET\n/', StringToSignBytes: '41 57 53 34 0a' });
  });

  it('names the region in x-amz-bucket-region too when a credential is scoped to another, as S3 does (a HEAD has no body to say it)', () => {
    const error = toS3Error(new SigV4Error('AuthorizationHeaderMalformed', "the region 'eu-west-1' is wrong; expecting 'us-east-1'", { details: { Region: 'us-east-1' } }));
    expect([error.httpStatus, error.details.Region, error.headers['x-amz-bucket-region']]).toEqual([400, 'us-east-1', 'us-east-1']);
    expect(toS3Error(new SigV4Error('SignatureDoesNotMatch', 'nope')).headers).toEqual({});
  });

  it('passes S3 errors through', () => {
    const error = new S3Error('NotImplemented');
    expect(toS3Error(error)).toBe(error);
    expect(error.httpStatus).toBe(501);
  });

  it("counts a 5xx as the server's fault, but not NotImplemented, which the client asked for", () => {
    expect([new S3Error('InternalError').isServerFault, new S3Error('ServiceUnavailable').isServerFault]).toEqual([true, true]);
    expect([new S3Error('NotImplemented').isServerFault, new S3Error('AccessDenied').isServerFault]).toEqual([false, false]);
  });
});
