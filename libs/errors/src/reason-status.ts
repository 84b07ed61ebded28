import { ErrorReason } from '@strongroom/contracts';
import { Status } from 'nice-grpc-common';

/**
 * THE table from error reason to gRPC status code. Codes follow their gRPC
 * meaning: FAILED_PRECONDITION for a resource in the wrong state,
 * PERMISSION_DENIED for a policy decision, RESOURCE_EXHAUSTED for quotas
 * and a full disk.
 */
const STATUS_BY_REASON: Readonly<Record<ErrorReason, Status>> = {
  [ErrorReason.UNSPECIFIED]: Status.UNKNOWN,
  [ErrorReason.INVALID_ARGUMENT]: Status.INVALID_ARGUMENT,
  [ErrorReason.UNAUTHENTICATED]: Status.UNAUTHENTICATED,
  [ErrorReason.PRINCIPAL_NOT_ALLOWED]: Status.PERMISSION_DENIED,
  [ErrorReason.ACCESS_DENIED]: Status.PERMISSION_DENIED,
  [ErrorReason.INTERNAL]: Status.INTERNAL,
  [ErrorReason.KEY_NOT_FOUND]: Status.NOT_FOUND,
  [ErrorReason.KEY_DISABLED]: Status.FAILED_PRECONDITION,
  [ErrorReason.KEY_INVALID_STATE]: Status.FAILED_PRECONDITION,
  [ErrorReason.INVALID_CIPHERTEXT]: Status.INVALID_ARGUMENT,
  [ErrorReason.KMS_THROTTLED]: Status.RESOURCE_EXHAUSTED,
  [ErrorReason.ALIAS_EXISTS]: Status.ALREADY_EXISTS,
  [ErrorReason.ALIAS_NOT_FOUND]: Status.NOT_FOUND,
  [ErrorReason.GRANT_NOT_FOUND]: Status.NOT_FOUND,
  [ErrorReason.INCORRECT_KEY]: Status.INVALID_ARGUMENT,
  [ErrorReason.ACCOUNT_NOT_FOUND]: Status.NOT_FOUND,
  [ErrorReason.USER_NOT_FOUND]: Status.NOT_FOUND,
  [ErrorReason.ACCESS_KEY_NOT_FOUND]: Status.NOT_FOUND,
  [ErrorReason.ACCESS_KEY_INACTIVE]: Status.FAILED_PRECONDITION,
  [ErrorReason.MALFORMED_POLICY]: Status.INVALID_ARGUMENT,
  [ErrorReason.NO_SUCH_BUCKET_POLICY]: Status.NOT_FOUND,
  [ErrorReason.BUCKET_NOT_FOUND]: Status.NOT_FOUND,
  [ErrorReason.PUBLIC_ACCESS_BLOCKED]: Status.PERMISSION_DENIED,
  [ErrorReason.ACLS_NOT_SUPPORTED]: Status.FAILED_PRECONDITION,
  [ErrorReason.ALREADY_EXISTS]: Status.ALREADY_EXISTS,
  [ErrorReason.NO_SUCH_USER_POLICY]: Status.NOT_FOUND,
  [ErrorReason.NO_SUCH_PUBLIC_ACCESS_BLOCK]: Status.NOT_FOUND,
  [ErrorReason.NO_SUCH_OWNERSHIP_CONTROLS]: Status.NOT_FOUND,
  [ErrorReason.MALFORMED_ACL]: Status.INVALID_ARGUMENT,
  [ErrorReason.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP]: Status.FAILED_PRECONDITION,
  [ErrorReason.BUCKET_ALREADY_EXISTS]: Status.ALREADY_EXISTS,
  [ErrorReason.BUCKET_ALREADY_OWNED_BY_YOU]: Status.ALREADY_EXISTS,
  [ErrorReason.BUCKET_NOT_EMPTY]: Status.FAILED_PRECONDITION,
  [ErrorReason.INVALID_BUCKET_NAME]: Status.INVALID_ARGUMENT,
  [ErrorReason.NO_SUCH_KEY]: Status.NOT_FOUND,
  [ErrorReason.NO_SUCH_VERSION]: Status.NOT_FOUND,
  [ErrorReason.NO_SUCH_UPLOAD]: Status.NOT_FOUND,
  [ErrorReason.INVALID_PART]: Status.INVALID_ARGUMENT,
  [ErrorReason.INVALID_PART_ORDER]: Status.INVALID_ARGUMENT,
  [ErrorReason.ENTITY_TOO_SMALL]: Status.INVALID_ARGUMENT,
  [ErrorReason.ENTITY_TOO_LARGE]: Status.INVALID_ARGUMENT,
  [ErrorReason.KEY_TOO_LONG]: Status.INVALID_ARGUMENT,
  [ErrorReason.METADATA_TOO_LARGE]: Status.INVALID_ARGUMENT,
  [ErrorReason.INVALID_DIGEST]: Status.INVALID_ARGUMENT,
  [ErrorReason.BAD_DIGEST]: Status.INVALID_ARGUMENT,
  [ErrorReason.INCOMPLETE_BODY]: Status.INVALID_ARGUMENT,
  [ErrorReason.PRECONDITION_FAILED]: Status.FAILED_PRECONDITION,
  [ErrorReason.NOT_MODIFIED]: Status.FAILED_PRECONDITION,
  [ErrorReason.INVALID_RANGE]: Status.OUT_OF_RANGE,
  [ErrorReason.NO_SUCH_TAG_SET]: Status.NOT_FOUND,
  [ErrorReason.INVALID_TAG]: Status.INVALID_ARGUMENT,
  [ErrorReason.METHOD_NOT_ALLOWED]: Status.FAILED_PRECONDITION,
  [ErrorReason.INTEGRITY_FAILURE]: Status.DATA_LOSS,
  [ErrorReason.INVALID_STORAGE_CLASS]: Status.INVALID_ARGUMENT,
  [ErrorReason.ILLEGAL_LOCATION_CONSTRAINT]: Status.INVALID_ARGUMENT,
  [ErrorReason.BUCKET_OWNER_MISMATCH]: Status.PERMISSION_DENIED,
  [ErrorReason.CUSTOMER_KEY_REQUIRED]: Status.FAILED_PRECONDITION,
  [ErrorReason.CUSTOMER_KEY_BLOCKED]: Status.PERMISSION_DENIED,
  [ErrorReason.CUSTOMER_KEY_NOT_APPLICABLE]: Status.FAILED_PRECONDITION,
  [ErrorReason.INVALID_REQUEST]: Status.INVALID_ARGUMENT,
  [ErrorReason.INVALID_PART_NUMBER]: Status.OUT_OF_RANGE,
  [ErrorReason.INVALID_LOCATION_CONSTRAINT]: Status.INVALID_ARGUMENT,
  [ErrorReason.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS]: Status.INVALID_ARGUMENT,
  [ErrorReason.INVALID_REDIRECT_LOCATION]: Status.INVALID_ARGUMENT,
  [ErrorReason.TOO_MANY_TAGS]: Status.INVALID_ARGUMENT,
  [ErrorReason.REQUEST_TIMEOUT]: Status.DEADLINE_EXCEEDED,
  [ErrorReason.CONDITION_NOT_IMPLEMENTED]: Status.UNIMPLEMENTED,
  [ErrorReason.INVALID_BUCKET_ACL_WITH_BLOCK_PUBLIC_ACCESS]: Status.FAILED_PRECONDITION,
  [ErrorReason.STORAGE_FULL]: Status.RESOURCE_EXHAUSTED,
  [ErrorReason.UNRECOGNIZED]: Status.UNKNOWN,
};

/** The gRPC status code a reason travels with. */
export function statusForReason(reason: ErrorReason): Status {
  return STATUS_BY_REASON[reason];
}

/** The reason named by a wire string (`KEY_DISABLED`), or UNRECOGNIZED. */
export function reasonFromName(name: string): ErrorReason {
  const value = (ErrorReason as unknown as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : ErrorReason.UNRECOGNIZED;
}
