import type { S3Request } from '../http/s3-request';
import { S3Error, toS3Error } from './errors';
import { isHeaderValue } from './header-text';

/** The `response-*` query parameters and the header each overrides. */
const OVERRIDES: Readonly<Record<string, string>> = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
};

/** S3's InvalidArgument for a `response-*` value that cannot be its header, naming the parameter and the value. */
function notHeaderText(parameter: string, value: string): S3Error {
  const message = /[^\u0000-\u00ff]/.test(value)
    ? 'Header value cannot be represented using ISO-8859-1.'
    : `${parameter} must be header text, without control characters`;
  return new S3Error('InvalidArgument', message, { ArgumentName: parameter, ArgumentValue: value });
}

/**
 * The headers a GetObject or HeadObject asks to override; S3 refuses them
 * on anonymous requests, and ignores an empty one, which would blank the
 * stored header. A value that cannot be a header is InvalidArgument:
 * beyond ISO-8859-1 in S3's words (a download name in another script needs
 * RFC 6266's `filename*=UTF-8''...`), or with a control character.
 */
export function responseOverrides(request: S3Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [parameter, name] of Object.entries(OVERRIDES)) {
    const value = request.query.get(parameter);
    if (value !== null && value !== '') headers[name] = value;
  }
  if (Object.keys(headers).length > 0 && request.caller.kind === 'anonymous') {
    throw new S3Error('InvalidRequest', 'Request specific response headers cannot be used for anonymous GET requests.');
  }
  for (const [parameter, name] of Object.entries(OVERRIDES)) {
    const value = headers[name];
    if (value !== undefined && !isHeaderValue(value)) throw notHeaderText(parameter, value);
  }
  return headers;
}

/** The overridable headers a 304 repeats: RFC 9110 15.4.5 names them; the others describe a body, which a 304 has not. */
const REPEATED_ON_NOT_MODIFIED = ['cache-control', 'expires'] as const;

/**
 * A 304 Not Modified with the Cache-Control and Expires a 200 to the same
 * request would have sent (RFC 9110 15.4.5): a `response-*` override of
 * either wins over the stored header, as on the 200. Any other error is
 * returned unchanged.
 */
export function notModifiedWithOverrides(error: unknown, overrides: Readonly<Record<string, string>>): unknown {
  const repeated = Object.fromEntries(REPEATED_ON_NOT_MODIFIED.flatMap((name) => (overrides[name] === undefined ? [] : [[name, overrides[name]]])));
  if (Object.keys(repeated).length === 0) return error;
  const s3Error = toS3Error(error);
  if (s3Error.code !== 'NotModified') return error;
  return new S3Error(s3Error.code, s3Error.message, s3Error.details, error, { ...s3Error.headers, ...repeated });
}
