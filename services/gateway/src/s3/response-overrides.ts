import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';
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
