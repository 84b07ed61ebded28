/**
 * The errors of the KMS JSON API, as AWS KMS answers them: an HTTP status
 * and a JSON body `{"__type": "<Exception>", "message": "..."}`. Client
 * faults are 400, as KMS sends them; server faults are 5xx, so that SDKs
 * retry them.
 */

/** Every exception name the gateway's KMS API sends, with its HTTP status. */
const KMS_EXCEPTIONS = {
  AccessDeniedException: 400,
  AlreadyExistsException: 400,
  DependencyTimeoutException: 503,
  DisabledException: 400,
  ExpiredTokenException: 400,
  IncompleteSignatureException: 400,
  IncorrectKeyException: 400,
  InvalidCiphertextException: 400,
  InvalidKeyUsageException: 400,
  InvalidMarkerException: 400,
  InvalidSignatureException: 400,
  KMSInternalException: 500,
  KMSInvalidStateException: 400,
  LimitExceededException: 400,
  MalformedPolicyDocumentException: 400,
  MissingAuthenticationTokenException: 400,
  NotFoundException: 400,
  RequestTimeoutException: 408,
  SerializationException: 400,
  ThrottlingException: 400,
  UnknownOperationException: 400,
  UnrecognizedClientException: 400,
  UnsupportedOperationException: 400,
  ValidationException: 400,
} as const satisfies Record<string, number>;

/** An exception name of the KMS API. */
export type KmsExceptionName = keyof typeof KMS_EXCEPTIONS;

/** The message of every server fault: the cause stays in the log. */
export const INTERNAL_MESSAGE = 'The request processing has failed because of an unknown error, exception or failure.';

/** A KMS API error answer. `cause` is for the log only and never reaches the client. */
export class KmsError extends Error {
  /** The exception name, the `__type` of the JSON body. */
  readonly type: KmsExceptionName;

  constructor(type: KmsExceptionName, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'KmsError';
    this.type = type;
  }

  /** The HTTP status this exception is sent with. */
  get httpStatus(): number {
    return KMS_EXCEPTIONS[this.type];
  }

  /** True for a server-side fault, which is logged with its cause. */
  get isServerFault(): boolean {
    return this.httpStatus >= 500;
  }

  /** The JSON body of the answer. */
  toJson(): string {
    return JSON.stringify({ __type: this.type, message: this.message });
  }
}

/** AWS's wording for a member that fails a constraint: `1 validation error detected: Value ... at 'keyId' failed to satisfy constraint: ...`. */
export function validationError(member: string, value: string, constraint: string): KmsError {
  const field = member.charAt(0).toLowerCase() + member.slice(1);
  return new KmsError('ValidationException', `1 validation error detected: Value ${value} at '${field}' failed to satisfy constraint: ${constraint}`);
}

/** A parameter or value the AWS API has and Strongroom's KMS does not. */
export function unsupported(message: string): KmsError {
  return new KmsError('UnsupportedOperationException', message);
}
