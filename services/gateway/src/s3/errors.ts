/**
 * THE table of S3 errors: every S3 error code the gateway answers with, its
 * HTTP status and S3's default message, and the mapping from a back end's
 * (gRPC status code, ErrorReason) to one of them. Nothing else in the
 * gateway picks an HTTP status for an error.
 */
import { ErrorReason } from '@strongroom/contracts';
import { DomainError, statusForReason } from '@strongroom/errors';
import { SigV4Error } from '@strongroom/sigv4';
import { ClientError, Status } from 'nice-grpc';
import { formatHttpDate } from './http-date';
import { redactCanonicalRequest } from './redact-canonical-request';

/** Every S3 error code the gateway sends: HTTP status and S3's default message. */
const S3_ERRORS = {
  AccessControlListNotSupported: [400, 'The bucket does not allow ACLs'],
  AccessDenied: [403, 'Access Denied'],
  AuthorizationHeaderMalformed: [400, 'The authorization header is malformed.'],
  AuthorizationQueryParametersError: [400, 'Error parsing the X-Amz-Credential parameter.'],
  BadDigest: [400, 'The Content-MD5 or checksum value that you specified did not match what the server received.'],
  BadRequest: [400, 'Bad Request'],
  BucketAlreadyExists: [409, 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.'],
  BucketAlreadyOwnedByYou: [409, 'Your previous request to create the named bucket succeeded and you already own it.'],
  BucketNotEmpty: [409, 'The bucket you tried to delete is not empty'],
  EntityTooLarge: [400, 'Your proposed upload exceeds the maximum allowed size'],
  EntityTooSmall: [400, 'Your proposed upload is smaller than the minimum allowed size'],
  ExpiredToken: [400, 'The provided token has expired.'],
  IllegalLocationConstraintException: [400, 'The specified location-constraint is not valid for this region.'],
  IllegalVersioningConfigurationException: [400, 'The Versioning element must be specified'],
  IncompleteBody: [400, 'You did not provide the number of bytes specified by the Content-Length HTTP header.'],
  InsufficientStorage: [507, 'The server has no space left to store the object.'],
  InternalError: [500, 'We encountered an internal error. Please try again.'],
  InvalidAccessKeyId: [403, 'The AWS Access Key Id you provided does not exist in our records.'],
  InvalidArgument: [400, 'Invalid Argument'],
  InvalidBucketAclWithBlockPublicAccessError: [400, 'Bucket cannot have public ACLs set with BlockPublicAccess enabled'],
  InvalidBucketAclWithObjectOwnership: [400, 'Bucket cannot have ACLs set with ObjectOwnership\'s BucketOwnerEnforced setting'],
  InvalidBucketName: [400, 'The specified bucket is not valid.'],
  InvalidBucketOwnerAWSAccountID: [400, 'The value of the expected bucket owner parameter must be an AWS Account ID...'],
  InvalidChunkSizeError: [400, 'Only the last chunk is allowed to have a size less than 8192 bytes'],
  InvalidDigest: [400, 'The Content-MD5 you specified was invalid.'],
  InvalidLocationConstraint: [400, 'The specified location-constraint is not valid'],
  InvalidPartNumber: [416, 'The requested partnumber is not satisfiable'],
  InvalidPart: [400, 'One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.'],
  InvalidPartOrder: [400, 'The list of parts was not in ascending order. Parts must be ordered by part number.'],
  InvalidPolicyDocument: [400, 'The content of the form does not meet the conditions specified in the policy document.'],
  InvalidRange: [416, 'The requested range is not satisfiable'],
  InvalidRedirectLocation: [400, "The website redirect location must have a prefix of 'http://' or 'https://' or '/'."],
  InvalidEncryptionAlgorithmError: [400, 'The encryption request you specified is not valid. The valid value is AES256.'],
  InvalidRequest: [400, 'Invalid Request'],
  InvalidStorageClass: [400, 'The storage class you specified is not valid'],
  InvalidTag: [400, 'The tag provided was not a valid tag.'],
  InvalidToken: [400, 'The provided token is malformed or otherwise invalid.'],
  InvalidURI: [400, 'Couldn\'t parse the specified URI.'],
  'KMS.DisabledException': [400, 'The KMS key is disabled.'],
  'KMS.KMSInvalidStateException': [400, 'The KMS key is not in a valid state for this request.'],
  'KMS.NotFoundException': [400, 'The KMS key does not exist.'],
  KeyTooLongError: [400, 'Your key is too long'],
  MalformedACLError: [400, 'The XML you provided was not well-formed or did not validate against our published schema'],
  MalformedPOSTRequest: [400, 'The body of your POST request is not well-formed multipart/form-data.'],
  MalformedPolicy: [400, 'Policies must be valid JSON and the first byte must be \'{\''],
  MalformedTrailerError: [400, 'The request contained trailing data that was not well-formed or did not conform to our published schema.'],
  MalformedXML: [400, 'The XML you provided was not well-formed or did not validate against our published schema'],
  MaxMessageLengthExceeded: [400, 'Your request was too big.'],
  MaxPostPreDataLengthExceeded: [400, 'Your POST request fields preceeding the upload file was too large.'],
  MetadataTooLarge: [400, 'Your metadata headers exceed the maximum allowed metadata size'],
  MethodNotAllowed: [405, 'The specified method is not allowed against this resource.'],
  MissingContentLength: [411, 'You must provide the Content-Length HTTP header.'],
  MissingRequestBodyError: [400, 'Request Body is empty'],
  MissingSecurityHeader: [400, 'Your request was missing a required header'],
  NoSuchBucket: [404, 'The specified bucket does not exist'],
  NoSuchBucketPolicy: [404, 'The bucket policy does not exist'],
  NoSuchCORSConfiguration: [404, 'The CORS configuration does not exist'],
  NoSuchConfiguration: [404, 'The specified configuration does not exist.'],
  NoSuchKey: [404, 'The specified key does not exist.'],
  NoSuchLifecycleConfiguration: [404, 'The lifecycle configuration does not exist'],
  NoSuchPublicAccessBlockConfiguration: [404, 'The public access block configuration was not found'],
  NoSuchTagSet: [404, 'The TagSet does not exist'],
  NoSuchUpload: [404, 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.'],
  NoSuchVersion: [404, 'The specified version does not exist.'],
  NoSuchWebsiteConfiguration: [404, 'The specified bucket does not have a website configuration'],
  NotImplemented: [501, 'A header or query you provided implies functionality that is not implemented.'],
  NotModified: [304, 'Not Modified'],
  ObjectLockConfigurationNotFoundError: [404, 'Object Lock configuration does not exist for this bucket'],
  OwnershipControlsNotFoundError: [404, 'The bucket ownership controls were not found'],
  PreconditionFailed: [412, 'At least one of the pre-conditions you specified did not hold'],
  ReplicationConfigurationNotFoundError: [404, 'The replication configuration was not found'],
  RequestTimeTooSkewed: [403, 'The difference between the request time and the current time is too large.'],
  RequestHeaderSectionTooLarge: [400, 'Your request header section exceeds the maximum allowed size.'],
  RequestTimeout: [400, 'Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.'],
  ServiceUnavailable: [503, 'Please reduce your request rate.'],
  SignatureDoesNotMatch: [403, 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'],
  SlowDown: [503, 'Please reduce your request rate.'],
  UnexpectedContent: [400, 'This request does not support content'],
  UnresolvableGrantByEmailAddress: [400, 'The e-mail address you provided does not match any account on record.'],
  XAmzContentSHA256Mismatch: [400, 'The provided \'x-amz-content-sha256\' header does not match what was computed.'],
} as const satisfies Record<string, readonly [number, string]>;

/** An S3 error code the gateway sends. */
export type S3ErrorCode = keyof typeof S3_ERRORS;

/**
 * Codes whose message S3 never varies: a back end's own wording ("bucket x
 * does not exist") gives way to S3's, so tools that match on it see what S3
 * sends. Other codes (InvalidArgument, InvalidRequest, ...) keep the back
 * end's message, which says what was wrong, as S3's do.
 */
const FIXED_MESSAGES: ReadonlySet<S3ErrorCode> = new Set<S3ErrorCode>([
  'BucketAlreadyExists',
  'BucketAlreadyOwnedByYou',
  'BucketNotEmpty',
  'EntityTooLarge',
  'EntityTooSmall',
  'InvalidBucketName',
  'InvalidDigest',
  'InvalidPart',
  'InvalidPartOrder',
  'InvalidRange',
  'KeyTooLongError',
  'MalformedACLError',
  'MetadataTooLarge',
  'MethodNotAllowed',
  'NoSuchBucket',
  'NoSuchBucketPolicy',
  'NoSuchKey',
  'NoSuchPublicAccessBlockConfiguration',
  'NoSuchTagSet',
  'NoSuchUpload',
  'NoSuchVersion',
  'NotModified',
  'OwnershipControlsNotFoundError',
  'PreconditionFailed',
]);

/** The S3 error for each reason a back end reports. */
const BY_REASON: Readonly<Record<ErrorReason, S3ErrorCode>> = {
  [ErrorReason.UNSPECIFIED]: 'InternalError',
  [ErrorReason.INVALID_ARGUMENT]: 'InvalidArgument',
  [ErrorReason.UNAUTHENTICATED]: 'InternalError',
  [ErrorReason.PRINCIPAL_NOT_ALLOWED]: 'AccessDenied',
  [ErrorReason.ACCESS_DENIED]: 'AccessDenied',
  [ErrorReason.INTERNAL]: 'InternalError',
  [ErrorReason.KEY_NOT_FOUND]: 'KMS.NotFoundException',
  [ErrorReason.KEY_DISABLED]: 'KMS.DisabledException',
  [ErrorReason.KEY_INVALID_STATE]: 'KMS.KMSInvalidStateException',
  [ErrorReason.INVALID_CIPHERTEXT]: 'InternalError',
  [ErrorReason.KMS_THROTTLED]: 'SlowDown',
  [ErrorReason.ALIAS_EXISTS]: 'InvalidArgument',
  [ErrorReason.ALIAS_NOT_FOUND]: 'KMS.NotFoundException',
  [ErrorReason.GRANT_NOT_FOUND]: 'AccessDenied',
  [ErrorReason.INCORRECT_KEY]: 'InvalidArgument',
  [ErrorReason.ACCOUNT_NOT_FOUND]: 'InvalidArgument',
  [ErrorReason.USER_NOT_FOUND]: 'InvalidArgument',
  [ErrorReason.ACCESS_KEY_NOT_FOUND]: 'InvalidAccessKeyId',
  [ErrorReason.ACCESS_KEY_INACTIVE]: 'InvalidAccessKeyId',
  [ErrorReason.MALFORMED_POLICY]: 'MalformedPolicy',
  [ErrorReason.NO_SUCH_BUCKET_POLICY]: 'NoSuchBucketPolicy',
  [ErrorReason.BUCKET_NOT_FOUND]: 'NoSuchBucket',
  [ErrorReason.PUBLIC_ACCESS_BLOCKED]: 'AccessDenied',
  [ErrorReason.ACLS_NOT_SUPPORTED]: 'AccessControlListNotSupported',
  [ErrorReason.ALREADY_EXISTS]: 'InvalidArgument',
  [ErrorReason.NO_SUCH_USER_POLICY]: 'InvalidArgument',
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
  [ErrorReason.UNRECOGNIZED]: 'InternalError',
};

/** The S3 error for a gRPC failure that carries no Strongroom reason (transport, deadline, overload). */
const BY_GRPC_STATUS: Readonly<Partial<Record<Status, S3ErrorCode>>> = {
  [Status.UNAVAILABLE]: 'ServiceUnavailable',
  [Status.RESOURCE_EXHAUSTED]: 'SlowDown',
  [Status.DEADLINE_EXCEEDED]: 'ServiceUnavailable',
  [Status.PERMISSION_DENIED]: 'AccessDenied',
  [Status.NOT_FOUND]: 'NoSuchKey',
  [Status.UNIMPLEMENTED]: 'NotImplemented',
};

/**
 * An S3 error answer. `details` are extra elements of the XML `<Error>`
 * (S3's names: `BucketName`, `Key`, `StringToSign`, `ArgumentName`, ...).
 */
export class S3Error extends Error {
  readonly code: S3ErrorCode;
  readonly details: Readonly<Record<string, string>>;
  /** Response headers that go with the error (`x-amz-delete-marker` on a deleted key). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: S3ErrorCode, message?: string, details: Readonly<Record<string, string>> = {}, cause?: unknown, headers: Readonly<Record<string, string>> = {}) {
    super(message ?? S3_ERRORS[code][1], cause === undefined ? undefined : { cause });
    this.name = 'S3Error';
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  /** The HTTP status S3 answers this code with. */
  get httpStatus(): number {
    return S3_ERRORS[this.code][0];
  }

  /**
   * True for a server-side fault (logged with its cause). NotImplemented is
   * a 501 but the client's: it asked for what Strongroom does not serve.
   */
  get isServerFault(): boolean {
    return this.httpStatus >= 500 && this.code !== 'NotImplemented';
  }
}

/** The message to answer `code` with, given a back end's: S3's own for an internal error and the {@link FIXED_MESSAGES} codes, else the back end's. */
export function s3MessageFor(code: S3ErrorCode, backendMessage: string): string {
  return code === 'InternalError' || FIXED_MESSAGES.has(code) || backendMessage === '' ? S3_ERRORS[code][1] : backendMessage;
}

/** The S3 error code for a (gRPC status, reason) pair; the reason wins when it is known. */
export function s3CodeFor(status: Status, reason: ErrorReason | undefined): S3ErrorCode {
  if (reason !== undefined && reason !== ErrorReason.UNSPECIFIED && reason !== ErrorReason.UNRECOGNIZED) return BY_REASON[reason];
  return BY_GRPC_STATUS[status] ?? 'InternalError';
}

/**
 * What a back end's error metadata adds to S3's answer: the delete marker
 * headers of a key whose current version is a delete marker, with the
 * marker's Last-Modified, which S3 sends since 2023 (and, for a delete
 * marker read by version id, `Allow: DELETE` and
 * `<ResourceType>DeleteMarker</ResourceType>`), the argument of a malformed
 * version id, of an upload-id marker of another key, of a part copy range that ends past its source or of an ACL grantee id that names no account, the key and version id of a missing version, the digests of a Content-MD5 that does not match the body, the object size of an unsatisfiable range, the sizes of a part
 * too small, the number and ETag of a part listed wrongly or too small, the part count of a missing part, the ETag, Last-Modified,
 * Cache-Control and Expires a 304 repeats, the constraint of an invalid LocationConstraint, the key (and value) of an invalid tag, the upload id
 * of a missing upload, the Retry-After of a throttled KMS, the header of a
 * conditional write S3 does not take, the condition that did not hold.
 */
function fromMetadata(code: S3ErrorCode, metadata: Readonly<Record<string, string>>): { details: Record<string, string>; headers: Record<string, string> } {
  const details: Record<string, string> = {};
  const headers: Record<string, string> = {};
  if (metadata.delete_marker === 'true') {
    headers['x-amz-delete-marker'] = 'true';
    if (metadata.version_id !== undefined) headers['x-amz-version-id'] = metadata.version_id;
    if (metadata.last_modified !== undefined) headers['last-modified'] = formatHttpDate(new Date(metadata.last_modified));
    if (code === 'MethodNotAllowed') {
      details.ResourceType = 'DeleteMarker';
      headers.allow = 'DELETE';
    }
  }
  if (code === 'InvalidRange' && metadata.size !== undefined) {
    details.ActualObjectSize = metadata.size;
    headers['content-range'] = `bytes */${metadata.size}`;
  }
  if (code === 'InvalidArgument' && metadata.invalid_version_id !== undefined) {
    details.ArgumentName = metadata.field === 'version_id_marker' ? 'version-id-marker' : 'versionId';
    details.ArgumentValue = metadata.invalid_version_id;
  }
  if (code === 'InvalidArgument' && metadata.invalid_upload_id_marker !== undefined) {
    details.ArgumentName = 'upload-id-marker';
    details.ArgumentValue = metadata.invalid_upload_id_marker;
  }
  if (code === 'InvalidArgument' && metadata.invalid_copy_source_range !== undefined) {
    details.ArgumentName = 'x-amz-copy-source-range';
    details.ArgumentValue = metadata.invalid_copy_source_range;
  }
  // An ACL grantee id that names no account: S3 names the argument as it does for an ACL body's malformed id (ceph/s3-tests, fails_on_aws notes).
  if (code === 'InvalidArgument' && metadata.grantee_id !== undefined) {
    details.ArgumentName = 'CanonicalUser/ID';
    details.ArgumentValue = metadata.grantee_id;
  }
  if (code === 'NoSuchVersion' && metadata.key !== undefined && metadata.version_id !== undefined) {
    details.Key = metadata.key;
    details.VersionId = metadata.version_id;
  }
  if (code === 'BadDigest' && metadata.expected_digest !== undefined && metadata.calculated_digest !== undefined) {
    details.CalculatedDigest = metadata.calculated_digest;
    details.ExpectedDigest = metadata.expected_digest;
  }
  if (code === 'EntityTooSmall' && metadata.proposed_size !== undefined && metadata.min_size_allowed !== undefined) {
    details.ProposedSize = metadata.proposed_size;
    details.MinSizeAllowed = metadata.min_size_allowed;
  }
  if (metadata.upload_id !== undefined) details.UploadId = metadata.upload_id;
  if ((code === 'InvalidPart' || code === 'EntityTooSmall') && metadata.part_number !== undefined && metadata.etag !== undefined) {
    details.PartNumber = metadata.part_number;
    details.ETag = metadata.etag;
  }
  if (code === 'InvalidPartNumber' && metadata.part_number !== undefined && metadata.parts_count !== undefined) {
    details.PartNumberRequested = metadata.part_number;
    details.ActualPartCount = metadata.parts_count;
  }
  if (code === 'NotModified' && metadata.etag !== undefined && metadata.last_modified !== undefined) {
    headers.etag = metadata.etag;
    headers['last-modified'] = formatHttpDate(new Date(metadata.last_modified));
    if (metadata.cache_control !== undefined) headers['cache-control'] = metadata.cache_control;
    if (metadata.expires !== undefined) headers.expires = metadata.expires;
  }
  if (code === 'InvalidLocationConstraint' && metadata.location_constraint !== undefined) details.LocationConstraint = metadata.location_constraint;
  if (code === 'InvalidTag' && metadata.tag_key !== undefined) {
    details.TagKey = metadata.tag_key;
    if (metadata.tag_value !== undefined) details.TagValue = metadata.tag_value;
  }
  if (code === 'PreconditionFailed' && metadata.condition !== undefined) details.Condition = metadata.condition;
  if (code === 'NotImplemented' && metadata.header !== undefined && metadata.additional_message !== undefined) {
    details.Header = metadata.header;
    details.additionalMessage = metadata.additional_message;
  }
  if (code === 'SlowDown' && metadata.retry_after !== undefined) headers['retry-after'] = metadata.retry_after;
  return { details, headers };
}

function fromSigV4(error: SigV4Error): S3Error {
  const details: Record<string, string> = { ...error.details };
  if (error.stringToSign !== undefined) {
    details.StringToSign = error.stringToSign;
    details.StringToSignBytes = Buffer.from(error.stringToSign).toString('hex').replace(/(..)(?!$)/g, '$1 ');
  }
  if (error.canonicalRequest !== undefined) {
    const shown = redactCanonicalRequest(error.canonicalRequest);
    details.CanonicalRequest = shown;
    details.CanonicalRequestBytes = Buffer.from(shown).toString('hex').replace(/(..)(?!$)/g, '$1 ');
  }
  // A credential scoped to another region: S3 names the bucket's region in a header too, which is all an SDK has to go on after a HEAD.
  const headers: Record<string, string> = error.details.Region === undefined ? {} : { 'x-amz-bucket-region': error.details.Region };
  return new S3Error(error.code, error.message, details, error, headers);
}

/**
 * Any failure as the S3 error to answer with: S3Errors pass through,
 * SigV4Errors keep their code, DomainErrors from a back end map by (status,
 * reason) through the table, transport failures by status, and anything
 * else is an InternalError whose cause stays in the log.
 */
export function toS3Error(error: unknown): S3Error {
  if (error instanceof S3Error) return error;
  if (error instanceof SigV4Error) return fromSigV4(error);
  if (error instanceof DomainError) {
    const code = s3CodeFor(statusForReason(error.reason), error.reason);
    const { details, headers } = fromMetadata(code, error.metadata);
    return new S3Error(code, s3MessageFor(code, error.message), details, error, headers);
  }
  if (error instanceof ClientError) {
    return new S3Error(s3CodeFor(error.code, undefined), undefined, {}, error);
  }
  return new S3Error('InternalError', undefined, {}, error);
}
