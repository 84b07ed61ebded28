import { ErrorReason } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { SigV4Error, invalidAccessKeyId } from '@strongroom/sigv4';
import { ClientError, Status } from 'nice-grpc';
import { INTERNAL_MESSAGE, KmsError } from './kms-error';
import { toKmsError } from './kms-error-mapping';

describe('the KMS error table', () => {
  it.each([
    [ErrorReason.KEY_NOT_FOUND, 'NotFoundException'],
    [ErrorReason.ALIAS_NOT_FOUND, 'NotFoundException'],
    [ErrorReason.GRANT_NOT_FOUND, 'NotFoundException'],
    [ErrorReason.KEY_DISABLED, 'DisabledException'],
    [ErrorReason.KEY_INVALID_STATE, 'KMSInvalidStateException'],
    [ErrorReason.INVALID_CIPHERTEXT, 'InvalidCiphertextException'],
    [ErrorReason.INCORRECT_KEY, 'IncorrectKeyException'],
    [ErrorReason.ACCESS_DENIED, 'AccessDeniedException'],
    [ErrorReason.KMS_THROTTLED, 'ThrottlingException'],
    [ErrorReason.ALIAS_EXISTS, 'AlreadyExistsException'],
    [ErrorReason.INVALID_ARGUMENT, 'ValidationException'],
  ])('maps reason %s to %s, status 400, keeping the message', (reason, type) => {
    const error = toKmsError(new DomainError(reason, 'from the KMS'));
    expect([error.type, error.httpStatus, error.message]).toEqual([type, 400, 'from the KMS']);
  });

  it('makes a bad marker an InvalidMarkerException', () => {
    expect(toKmsError(invalidArgument('marker', 'is not a marker this service returned')).type).toBe('InvalidMarkerException');
  });

  it('hides server faults and reasons the KMS does not send behind KMSInternalException (500)', () => {
    for (const error of [new DomainError(ErrorReason.INTERNAL, 'secret detail'), new DomainError(ErrorReason.NO_SUCH_KEY, 'storage'), new Error('boom')]) {
      const mapped = toKmsError(error);
      expect([mapped.type, mapped.httpStatus, mapped.message, mapped.isServerFault]).toEqual(['KMSInternalException', 500, INTERNAL_MESSAGE, true]);
      expect(mapped.cause).toBe(error);
    }
  });

  it.each([
    [Status.UNAVAILABLE, 'DependencyTimeoutException', 503],
    [Status.DEADLINE_EXCEEDED, 'DependencyTimeoutException', 503],
    [Status.RESOURCE_EXHAUSTED, 'ThrottlingException', 400],
    [Status.UNKNOWN, 'KMSInternalException', 500],
  ])('maps a gRPC failure with status %s to %s (%d)', (status, type, httpStatus) => {
    const error = toKmsError(new ClientError('/strongroom.kms.v1.KeyManagementService/Encrypt', status, 'details'));
    expect([error.type, error.httpStatus]).toEqual([type, httpStatus]);
  });

  it('speaks the KMS dialect for SigV4 failures', () => {
    expect(toKmsError(invalidAccessKeyId('AKIA')).type).toBe('UnrecognizedClientException');
    expect(toKmsError(new SigV4Error('SignatureDoesNotMatch', 'S3 wording')).type).toBe('InvalidSignatureException');
    expect(toKmsError(new SigV4Error('RequestTimeTooSkewed', 'S3 wording')).message).toMatch(/^Signature expired/);
    expect(toKmsError(new SigV4Error('AuthorizationHeaderMalformed', 'the region is wrong')).message).toBe('the region is wrong');
  });

  it('renders the JSON error body KMS sends', () => {
    const error = new KmsError('NotFoundException', 'Alias arn:aws:kms:us-east-1:111122223333:alias/x is not found.');
    expect(JSON.parse(error.toJson())).toEqual({ __type: 'NotFoundException', message: 'Alias arn:aws:kms:us-east-1:111122223333:alias/x is not found.' });
    expect(toKmsError(error)).toBe(error);
  });
});
