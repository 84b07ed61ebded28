/** The S3 error codes this library raises, each with the HTTP status S3 answers it with. */
export const SIGV4_ERROR_STATUS = {
  AccessDenied: 403,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
  BadDigest: 400,
  ExpiredToken: 400,
  IncompleteBody: 400,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidChunkSizeError: 400,
  InvalidRequest: 400,
  InvalidToken: 400,
  MalformedTrailerError: 400,
  MissingSecurityHeader: 400,
  RequestTimeTooSkewed: 403,
  SignatureDoesNotMatch: 403,
  XAmzContentSHA256Mismatch: 400,
} as const;

/** An S3 error code raised while authenticating a request or decoding its body. */
export type SigV4ErrorCode = keyof typeof SIGV4_ERROR_STATUS;

/** What a {@link SigV4Error} carries besides its code and message. */
export interface SigV4ErrorOptions {
  /** The string to sign the server computed (SignatureDoesNotMatch only). */
  readonly stringToSign?: string;
  /** The canonical request the server computed (SignatureDoesNotMatch on the request signature only). */
  readonly canonicalRequest?: string;
  /**
   * Further elements of S3's XML error, keyed by S3's element names, for
   * example `AWSAccessKeyId`, `SignatureProvided`, `HeadersNotSigned`,
   * `Region`, `RequestTime`, `ServerTime`, `MaxAllowedSkewMilliseconds`.
   */
  readonly details?: Readonly<Record<string, string>>;
  /** The underlying failure, for logs only. */
  readonly cause?: unknown;
}

/**
 * The one error this library throws (or emits from its body streams) for a
 * request the client got wrong. `code` and `message` are what S3 puts in its
 * XML `<Error>`; nothing here is secret: the string to sign and the canonical
 * request are built from what the client sent, and S3 returns them too.
 * Anything else thrown (a failing `getSigningKey`, for instance) is a server
 * fault and passes through unchanged.
 */
export class SigV4Error extends Error {
  /** S3's error code, the `<Code>` of the XML error. */
  readonly code: SigV4ErrorCode;
  /** See {@link SigV4ErrorOptions.stringToSign}. */
  readonly stringToSign: string | undefined;
  /** See {@link SigV4ErrorOptions.canonicalRequest}. */
  readonly canonicalRequest: string | undefined;
  /** See {@link SigV4ErrorOptions.details}; empty when there are none. */
  readonly details: Readonly<Record<string, string>>;

  constructor(code: SigV4ErrorCode, message: string, options: SigV4ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SigV4Error';
    this.code = code;
    this.stringToSign = options.stringToSign;
    this.canonicalRequest = options.canonicalRequest;
    this.details = options.details ?? {};
  }

  /** The HTTP status S3 answers this code with. */
  get httpStatus(): number {
    return SIGV4_ERROR_STATUS[this.code];
  }
}

/** The error a `getSigningKey` callback throws for an access key id it does not know. */
export function invalidAccessKeyId(accessKeyId: string): SigV4Error {
  return new SigV4Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
    details: { AWSAccessKeyId: accessKeyId },
  });
}

/** True for a {@link SigV4Error}, optionally with the given code. */
export function isSigV4Error(error: unknown, code?: SigV4ErrorCode): error is SigV4Error {
  return error instanceof SigV4Error && (code === undefined || error.code === code);
}
