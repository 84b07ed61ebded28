import { parseAmzDate } from './amz-date';
import { queryValue, type QueryParameter } from './query-string';
import { ALGORITHM } from './signing';
import { SigV4Error } from './sigv4-error';

/** The longest validity S3 grants a presigned URL: 7 days, in seconds. */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

/** The query parameters that mark a SigV4 presigned URL. */
export const PRESIGNED_PARAMETERS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature'] as const;

/** The authentication parameters of a presigned URL, checked for form. */
export interface PresignedQuery {
  readonly credential: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** `X-Amz-Date`, as sent. */
  readonly amzDate: string;
  /** `X-Amz-Date` in epoch milliseconds. */
  readonly time: number;
  /** `X-Amz-Expires` in seconds. */
  readonly expiresSeconds: number;
}

/** The error for malformed presigned-URL parameters, with S3's code. */
export function queryParametersError(message: string, details?: Readonly<Record<string, string>>): SigV4Error {
  return new SigV4Error('AuthorizationQueryParametersError', message, { details });
}

/** The parameters that authenticate a presigned URL: each may appear once. */
const AUTHENTICATION_PARAMETERS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires', 'X-Amz-Security-Token'];

/** A presigned URL that names one of its authentication parameters twice is refused: which one counted would be a guess. */
function refuseRepeatedParameters(parameters: readonly QueryParameter[]): void {
  for (const name of AUTHENTICATION_PARAMETERS) {
    if (parameters.filter((parameter) => parameter.name === name).length > 1) throw queryParametersError(`${name} must appear only once`);
  }
}

/**
 * Reads and checks the `X-Amz-*` parameters of a presigned URL: all six are
 * required and none may repeat, the algorithm must be AWS4-HMAC-SHA256, the date ISO 8601 basic
 * and the expiry a whole number of seconds from 0 to 604800 (7 days).
 */
export function parsePresignedQuery(parameters: readonly QueryParameter[]): PresignedQuery {
  refuseRepeatedParameters(parameters);
  const algorithm = queryValue(parameters, 'X-Amz-Algorithm');
  const credential = queryValue(parameters, 'X-Amz-Credential');
  const signature = queryValue(parameters, 'X-Amz-Signature');
  const amzDate = queryValue(parameters, 'X-Amz-Date');
  const signedHeaders = queryValue(parameters, 'X-Amz-SignedHeaders');
  const expires = queryValue(parameters, 'X-Amz-Expires');
  if (!algorithm || !credential || !signature || !amzDate || !signedHeaders || !expires) {
    throw queryParametersError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  if (algorithm !== ALGORITHM) throw queryParametersError(`X-Amz-Algorithm only supports "${ALGORITHM}"`);
  const time = parseAmzDate(amzDate);
  if (time === undefined) {
    throw queryParametersError(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  }
  if (!/^-?\d+$/.test(expires)) throw queryParametersError('X-Amz-Expires should be a number');
  const expiresSeconds = Number(expires);
  if (expiresSeconds < 0) throw queryParametersError('X-Amz-Expires must be non-negative');
  if (expiresSeconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw queryParametersError(
      `X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than ${MAX_PRESIGNED_EXPIRES_SECONDS} seconds`,
    );
  }
  return {
    credential,
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    time,
    expiresSeconds,
  };
}
