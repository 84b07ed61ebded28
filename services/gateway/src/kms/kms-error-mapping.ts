/**
 * THE table from whatever failed to the KMS exception the client gets:
 * Strongroom error reasons from the KMS service, gRPC failures without a
 * reason, and SigV4 failures in the KMS dialect. Nothing else in the
 * gateway's KMS API picks an exception name.
 */
import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { SigV4Error, type SigV4ErrorCode } from '@strongroom/sigv4';
import { ClientError, Status } from 'nice-grpc';
import { INTERNAL_MESSAGE, KmsError, type KmsExceptionName } from './kms-error';

/**
 * The reasons the KMS service answers with. Any other reason is not the
 * KMS's to send, so it is a fault of ours: KMSInternalException.
 */
const BY_REASON: Readonly<Partial<Record<ErrorReason, KmsExceptionName>>> = {
  [ErrorReason.INVALID_ARGUMENT]: 'ValidationException',
  [ErrorReason.PRINCIPAL_NOT_ALLOWED]: 'AccessDeniedException',
  [ErrorReason.ACCESS_DENIED]: 'AccessDeniedException',
  [ErrorReason.KEY_NOT_FOUND]: 'NotFoundException',
  [ErrorReason.KEY_DISABLED]: 'DisabledException',
  [ErrorReason.KEY_INVALID_STATE]: 'KMSInvalidStateException',
  [ErrorReason.INVALID_CIPHERTEXT]: 'InvalidCiphertextException',
  [ErrorReason.KMS_THROTTLED]: 'ThrottlingException',
  [ErrorReason.ALIAS_EXISTS]: 'AlreadyExistsException',
  [ErrorReason.ALIAS_NOT_FOUND]: 'NotFoundException',
  [ErrorReason.GRANT_NOT_FOUND]: 'NotFoundException',
  [ErrorReason.INCORRECT_KEY]: 'IncorrectKeyException',
  [ErrorReason.ACCOUNT_NOT_FOUND]: 'NotFoundException',
  [ErrorReason.MALFORMED_POLICY]: 'MalformedPolicyDocumentException',
  [ErrorReason.ALREADY_EXISTS]: 'AlreadyExistsException',
};

/** gRPC failures that carry no Strongroom reason (transport, deadline, overload). */
const BY_GRPC_STATUS: Readonly<Partial<Record<Status, readonly [KmsExceptionName, string]>>> = {
  [Status.UNAVAILABLE]: ['DependencyTimeoutException', 'The system timed out while trying to fulfill the request. You can retry the request.'],
  [Status.DEADLINE_EXCEEDED]: ['DependencyTimeoutException', 'The system timed out while trying to fulfill the request. You can retry the request.'],
  [Status.RESOURCE_EXHAUSTED]: ['ThrottlingException', 'Rate exceeded'],
  [Status.PERMISSION_DENIED]: ['AccessDeniedException', 'Access denied'],
};

/** SigV4 failures as AWS's JSON services name them. */
const BY_SIGV4_CODE: Readonly<Record<SigV4ErrorCode, KmsExceptionName>> = {
  AccessDenied: 'IncompleteSignatureException',
  AuthorizationHeaderMalformed: 'InvalidSignatureException',
  AuthorizationQueryParametersError: 'IncompleteSignatureException',
  BadDigest: 'InvalidSignatureException',
  ExpiredToken: 'ExpiredTokenException',
  IncompleteBody: 'SerializationException',
  InvalidAccessKeyId: 'UnrecognizedClientException',
  InvalidArgument: 'IncompleteSignatureException',
  InvalidChunkSizeError: 'SerializationException',
  InvalidRequest: 'IncompleteSignatureException',
  InvalidToken: 'UnrecognizedClientException',
  MalformedTrailerError: 'SerializationException',
  MissingSecurityHeader: 'IncompleteSignatureException',
  RequestTimeTooSkewed: 'InvalidSignatureException',
  SignatureDoesNotMatch: 'InvalidSignatureException',
  XAmzContentSHA256Mismatch: 'InvalidSignatureException',
};

/** AWS's messages where they differ from the S3 wording the SigV4 library uses. */
const SIGV4_MESSAGES: Readonly<Partial<Record<SigV4ErrorCode, string>>> = {
  InvalidAccessKeyId: 'The security token included in the request is invalid.',
  SignatureDoesNotMatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  RequestTimeTooSkewed: 'Signature expired: the request time is too far from the current time (more than 15 minutes).',
};

function fromSigV4(error: SigV4Error): KmsError {
  return new KmsError(BY_SIGV4_CODE[error.code], SIGV4_MESSAGES[error.code] ?? error.message, error);
}

/** The KMS exception for a Strongroom error reason; KMSInternalException for reasons the KMS does not send. */
export function kmsExceptionFor(reason: ErrorReason): KmsExceptionName {
  return BY_REASON[reason] ?? 'KMSInternalException';
}

/**
 * Any failure as the KMS error to answer with: KmsErrors pass through,
 * SigV4Errors take the KMS dialect, DomainErrors from the KMS service map
 * by reason (keeping their message; a bad `marker` is an
 * InvalidMarkerException), transport failures by status, and
 * anything else is a KMSInternalException whose cause stays in the log.
 */
export function toKmsError(error: unknown): KmsError {
  if (error instanceof KmsError) return error;
  if (error instanceof SigV4Error) return fromSigV4(error);
  if (error instanceof DomainError) {
    const badMarker = error.reason === ErrorReason.INVALID_ARGUMENT && error.fieldViolations.some((violation) => violation.field === 'marker');
    const type = badMarker ? 'InvalidMarkerException' : kmsExceptionFor(error.reason);
    return new KmsError(type, type === 'KMSInternalException' ? INTERNAL_MESSAGE : error.message, error);
  }
  if (error instanceof ClientError) {
    const [type, message] = BY_GRPC_STATUS[error.code] ?? ['KMSInternalException', INTERNAL_MESSAGE];
    return new KmsError(type, message, error);
  }
  return new KmsError('KMSInternalException', INTERNAL_MESSAGE, error);
}
