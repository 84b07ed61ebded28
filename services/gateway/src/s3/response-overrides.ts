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

/**
 * The headers a GetObject or HeadObject asks to override; S3 refuses them
 * on anonymous requests. A value that cannot be a header (CR, LF, control
 * characters) is InvalidArgument.
 */
export function responseOverrides(request: S3Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [parameter, name] of Object.entries(OVERRIDES)) {
    const value = request.query.get(parameter);
    if (value === null) continue;
    if (!isHeaderValue(value)) throw new S3Error('InvalidArgument', `${parameter} must be header text, without control characters`);
    headers[name] = value;
  }
  if (Object.keys(headers).length > 0 && request.caller.kind === 'anonymous') {
    throw new S3Error('InvalidRequest', 'Request specific response headers cannot be used for anonymous GET requests.');
  }
  return headers;
}
