/**
 * The CLI's failures and how they reach the user: one line on stderr in the
 * AWS CLI's wording, and the AWS CLI's exit codes.
 */
import { DomainError, ErrorReason } from '@strongroom/errors';
import { isAbortError } from 'abort-controller-x';
import { ClientError, Status } from 'nice-grpc';

/** Exit codes, as the AWS CLI uses them. */
export const EXIT_CODE = {
  ok: 0,
  /** A command line that does not parse: unknown command or flag, missing or malformed value. */
  usage: 252,
  /** The environment is unusable: no service token to call with. */
  configuration: 253,
  /** The service answered with an error. */
  service: 254,
  /** The service could not be reached, or something unexpected failed. */
  connection: 255,
} as const;

/** A command line that does not parse (exit 252). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A missing or unreadable setting the CLI needs before it can call (exit 253). */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/**
 * Whose exception names a group's failures take: the AWS API the group
 * models (`kms` for aws kms, `iam` for accounts, users and access keys,
 * `s3` for bucket policies and Block Public Access).
 */
export type ErrorDialect = 'kms' | 'iam' | 's3';

/** A name that differs by dialect, for the reasons every service sends. */
type NameByDialect = Readonly<Record<ErrorDialect, string>>;

/**
 * THE table from error reason to the AWS exception name the user sees:
 * KMS's names for the KMS reasons, IAM's and S3's for the account, policy and
 * bucket reasons, and for the reasons any service sends, each API's own name.
 */
const EXCEPTION_BY_REASON: Readonly<Record<ErrorReason, string | NameByDialect>> = {
  [ErrorReason.UNSPECIFIED]: 'UnknownError',
  [ErrorReason.INVALID_ARGUMENT]: { kms: 'ValidationException', iam: 'ValidationError', s3: 'InvalidArgument' },
  [ErrorReason.UNAUTHENTICATED]: { kms: 'UnrecognizedClientException', iam: 'InvalidClientTokenId', s3: 'InvalidAccessKeyId' },
  [ErrorReason.PRINCIPAL_NOT_ALLOWED]: { kms: 'AccessDeniedException', iam: 'AccessDenied', s3: 'AccessDenied' },
  [ErrorReason.ACCESS_DENIED]: { kms: 'AccessDeniedException', iam: 'AccessDenied', s3: 'AccessDenied' },
  [ErrorReason.INTERNAL]: { kms: 'KMSInternalException', iam: 'ServiceFailure', s3: 'InternalError' },
  [ErrorReason.KEY_NOT_FOUND]: 'NotFoundException',
  [ErrorReason.KEY_DISABLED]: 'DisabledException',
  [ErrorReason.KEY_INVALID_STATE]: 'KMSInvalidStateException',
  [ErrorReason.INVALID_CIPHERTEXT]: 'InvalidCiphertextException',
  [ErrorReason.KMS_THROTTLED]: 'ThrottlingException',
  [ErrorReason.ALIAS_EXISTS]: 'AlreadyExistsException',
  [ErrorReason.ALIAS_NOT_FOUND]: 'NotFoundException',
  [ErrorReason.GRANT_NOT_FOUND]: 'NotFoundException',
  [ErrorReason.INCORRECT_KEY]: 'IncorrectKeyException',
  [ErrorReason.ACCOUNT_NOT_FOUND]: 'AccountNotFoundException',
  [ErrorReason.USER_NOT_FOUND]: 'NoSuchEntity',
  [ErrorReason.ACCESS_KEY_NOT_FOUND]: 'NoSuchEntity',
  [ErrorReason.ACCESS_KEY_INACTIVE]: 'InvalidAccessKeyId',
  [ErrorReason.MALFORMED_POLICY]: { kms: 'MalformedPolicyDocumentException', iam: 'MalformedPolicyDocument', s3: 'MalformedPolicy' },
  [ErrorReason.NO_SUCH_BUCKET_POLICY]: 'NoSuchBucketPolicy',
  [ErrorReason.BUCKET_NOT_FOUND]: 'NoSuchBucket',
  [ErrorReason.PUBLIC_ACCESS_BLOCKED]: 'AccessDenied',
  [ErrorReason.ACLS_NOT_SUPPORTED]: 'AccessControlListNotSupported',
  [ErrorReason.ALREADY_EXISTS]: 'EntityAlreadyExists',
  [ErrorReason.NO_SUCH_USER_POLICY]: 'NoSuchEntity',
  [ErrorReason.NO_SUCH_PUBLIC_ACCESS_BLOCK]: 'NoSuchPublicAccessBlockConfiguration',
  [ErrorReason.NO_SUCH_OWNERSHIP_CONTROLS]: 'OwnershipControlsNotFoundError',
  [ErrorReason.MALFORMED_ACL]: 'MalformedACLError',
  [ErrorReason.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP]: 'InvalidBucketAclWithObjectOwnership',
  [ErrorReason.BUCKET_ALREADY_EXISTS]: 'BucketAlreadyExists',
  [ErrorReason.BUCKET_ALREADY_OWNED_BY_YOU]: 'BucketAlreadyOwnedByYou',
  [ErrorReason.BUCKET_NOT_EMPTY]: 'BucketNotEmpty',
  [ErrorReason.INVALID_BUCKET_NAME]: 'InvalidBucketName',
  [ErrorReason.NO_SUCH_KEY]: 'NoSuchKey',
  [ErrorReason.NO_SUCH_VERSION]: 'NoSuchVersion',
  [ErrorReason.NO_SUCH_UPLOAD]: 'NoSuchUpload',
  [ErrorReason.INVALID_PART]: 'InvalidPart',
  [ErrorReason.INVALID_PART_ORDER]: 'InvalidPartOrder',
  [ErrorReason.ENTITY_TOO_SMALL]: 'EntityTooSmall',
  [ErrorReason.ENTITY_TOO_LARGE]: 'EntityTooLarge',
  [ErrorReason.KEY_TOO_LONG]: 'KeyTooLongError',
  [ErrorReason.METADATA_TOO_LARGE]: 'MetadataTooLarge',
  [ErrorReason.INVALID_DIGEST]: 'InvalidDigest',
  [ErrorReason.BAD_DIGEST]: 'BadDigest',
  [ErrorReason.INCOMPLETE_BODY]: 'IncompleteBody',
  [ErrorReason.PRECONDITION_FAILED]: 'PreconditionFailed',
  [ErrorReason.NOT_MODIFIED]: 'NotModified',
  [ErrorReason.INVALID_RANGE]: 'InvalidRange',
  [ErrorReason.NO_SUCH_TAG_SET]: 'NoSuchTagSet',
  [ErrorReason.INVALID_TAG]: 'InvalidTag',
  [ErrorReason.METHOD_NOT_ALLOWED]: 'MethodNotAllowed',
  [ErrorReason.INTEGRITY_FAILURE]: 'InternalError',
  [ErrorReason.INVALID_STORAGE_CLASS]: 'InvalidStorageClass',
  [ErrorReason.ILLEGAL_LOCATION_CONSTRAINT]: 'IllegalLocationConstraintException',
  [ErrorReason.BUCKET_OWNER_MISMATCH]: 'AccessDenied',
  [ErrorReason.CUSTOMER_KEY_REQUIRED]: 'InvalidRequest',
  [ErrorReason.CUSTOMER_KEY_BLOCKED]: 'AccessDenied',
  [ErrorReason.CUSTOMER_KEY_NOT_APPLICABLE]: 'InvalidRequest',
  [ErrorReason.INVALID_REQUEST]: 'InvalidRequest',
  [ErrorReason.INVALID_PART_NUMBER]: 'InvalidPartNumber',
  [ErrorReason.INVALID_LOCATION_CONSTRAINT]: 'InvalidLocationConstraint',
  [ErrorReason.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS]: 'UnresolvableGrantByEmailAddress',
  [ErrorReason.INVALID_REDIRECT_LOCATION]: 'InvalidRedirectLocation',
  [ErrorReason.TOO_MANY_TAGS]: 'BadRequest',
  [ErrorReason.REQUEST_TIMEOUT]: 'RequestTimeout',
  [ErrorReason.CONDITION_NOT_IMPLEMENTED]: 'NotImplemented',
  [ErrorReason.INVALID_BUCKET_ACL_WITH_BLOCK_PUBLIC_ACCESS]: 'InvalidBucketAclWithBlockPublicAccessError',
  [ErrorReason.STORAGE_FULL]: 'InsufficientStorage',
  [ErrorReason.UNRECOGNIZED]: 'UnknownError',
};

/** Exception names for gRPC failures that carry no Strongroom reason. */
const EXCEPTION_BY_STATUS: Partial<Record<Status, string>> = {
  [Status.INTERNAL]: 'InternalFailure',
  [Status.UNIMPLEMENTED]: 'UnknownOperationException',
  [Status.UNAUTHENTICATED]: 'UnrecognizedClientException',
  [Status.PERMISSION_DENIED]: 'AccessDeniedException',
};

/** The AWS exception name for a Strongroom error reason, in a group's dialect. */
export function exceptionName(reason: ErrorReason, dialect: ErrorDialect): string {
  const name = EXCEPTION_BY_REASON[reason];
  return typeof name === 'string' ? name : name[dialect];
}

/** A failure as the user sees it. */
export interface Failure {
  readonly message: string;
  readonly exitCode: number;
}

/** Where a call was going, for the wording of its failure. */
export interface CallSite {
  /** The API operation, e.g. `Encrypt`. */
  readonly operation: string;
  /** The `host:port` called. */
  readonly endpoint: string;
  /** Whose exception names to use: the group's. */
  readonly dialect: ErrorDialect;
}

/** The `--cli-read-timeout` signal fired: nice-grpc rethrows its TimeoutError reason, or an AbortError. */
function isTimeout(error: unknown): boolean {
  return isAbortError(error) || (typeof error === 'object' && error !== null && 'name' in error && error.name === 'TimeoutError');
}

const NOT_RUNNING_HINT = 'Is the Strongroom stack running? Start it with `npm start` from the repository root.';

/** Turns whatever a command threw into the line and exit code the user gets. */
export function describeFailure(error: unknown, site: CallSite): Failure {
  if (error instanceof UsageError) return { message: `strongroom: error: ${error.message}`, exitCode: EXIT_CODE.usage };
  if (error instanceof ConfigurationError) return { message: error.message, exitCode: EXIT_CODE.configuration };
  if (error instanceof DomainError) return serviceFailure(exceptionName(error.reason, site.dialect), error.message, site);
  if (isTimeout(error)) {
    return { message: `Read timeout on endpoint "${site.endpoint}" when calling the ${site.operation} operation. ${NOT_RUNNING_HINT}`, exitCode: EXIT_CODE.connection };
  }
  if (error instanceof ClientError) {
    if (error.code === Status.UNAVAILABLE || error.code === Status.DEADLINE_EXCEEDED) {
      return { message: `Could not connect to the endpoint "${site.endpoint}": ${error.details}. ${NOT_RUNNING_HINT}`, exitCode: EXIT_CODE.connection };
    }
    return serviceFailure(EXCEPTION_BY_STATUS[error.code] ?? Status[error.code], error.details, site);
  }
  return { message: `strongroom: ${error instanceof Error ? error.message : String(error)}`, exitCode: EXIT_CODE.connection };
}

function serviceFailure(exception: string, message: string, site: CallSite): Failure {
  return { message: `An error occurred (${exception}) when calling the ${site.operation} operation: ${message}`, exitCode: EXIT_CODE.service };
}
