import { formatAmzDate, formatIsoSeconds, parseAmzDate, parseHttpDate } from './amz-date';
import { malformedAuthorizationHeader, parseAuthorizationHeader } from './authorization-header';
import { parseCredentialScope, type CredentialScope } from './credential-scope';
import { parsePayloadMode, SHA256_HEX, UNSIGNED_PAYLOAD, type PayloadMode } from './payload-mode';
import { parsePresignedQuery, queryParametersError } from './presigned-query';
import { canonicalQuery, type QueryParameter } from './query-string';
import { headerValue, type SigV4Request } from './request';
import { SigV4Error } from './sigv4-error';
import type { AuthType } from './verified-request';

/** What the endpoint expects and when it is, for checking a claim. */
export interface ClaimExpectations {
  readonly region: string;
  readonly service: string;
  readonly now: number;
  readonly maxClockSkewMs: number;
}

/** What a request claims about its signature, checked for form, scope and time but not yet verified. */
export interface AuthClaim {
  readonly authType: AuthType;
  readonly scope: CredentialScope;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** The signing time as it enters the string to sign. */
  readonly amzDate: string;
  readonly time: number;
  readonly expiresAt: number | undefined;
  readonly securityToken: string | undefined;
  /** The last line of the canonical request. */
  readonly payloadHash: string;
  readonly payload: PayloadMode;
  readonly canonicalQuery: string;
}

/**
 * The headers S3 takes unsigned on a presigned URL: an SSE-C key and its
 * MD5. A URL may sign only `x-amz-server-side-encryption-customer-algorithm`,
 * so that its signer need not know the key its user will send (AWS's SigV4
 * "SSE-C" presigned URLs, as against those bound to one key).
 */
const S3_PRESIGNED_UNSIGNED_HEADERS: ReadonlySet<string> = new Set(['x-amz-server-side-encryption-customer-key', 'x-amz-server-side-encryption-customer-key-md5']);

function unsignedHeaders(request: SigV4Request, signedHeaders: readonly string[], mayGoUnsigned: ReadonlySet<string>): string[] {
  const signed = new Set(signedHeaders);
  const present = Object.keys(request.headers).filter((name) => request.headers[name] !== undefined && !mayGoUnsigned.has(name));
  return ['host', ...present.filter((name) => name.startsWith('x-amz-'))].filter((name) => !signed.has(name));
}

function requireSigned(request: SigV4Request, signedHeaders: readonly string[], mayGoUnsigned: ReadonlySet<string> = new Set()): void {
  const missing = unsignedHeaders(request, signedHeaders, mayGoUnsigned);
  if (missing.length > 0) {
    throw new SigV4Error('AccessDenied', 'There were headers present in the request which were not signed', {
      details: { HeadersNotSigned: missing.join(', ') },
    });
  }
}

/**
 * The session token a request carries, wherever it carries it: the
 * `x-amz-security-token` header or a query parameter of that name in any
 * case. A request signed with header auth may still carry one in its query
 * and a presigned URL may sign one as a header; reading only the usual
 * place would let a token go unseen by whoever must refuse or check it.
 */
function securityTokenOf(request: SigV4Request, parameters: readonly QueryParameter[]): string | undefined {
  return headerValue(request.headers, 'x-amz-security-token') ?? parameters.find((parameter) => parameter.name.toLowerCase() === 'x-amz-security-token')?.value;
}

/**
 * The last line of a presigned request's canonical request:
 * `X-Amz-Content-Sha256` when the URL carries one, else the
 * `x-amz-content-sha256` header when the URL signs one (as the AWS SDKs'
 * signer reads it: a URL may so pin its body to a digest, which is then
 * checked as a header-signed request's is), else `UNSIGNED-PAYLOAD`. A
 * parameter named twice (in any case), or a parameter and a header that
 * disagree, are refused: whichever counted, the other would have been
 * signed and not honoured.
 */
function presignedPayloadHash(request: SigV4Request, parameters: readonly QueryParameter[]): string {
  const named = parameters.filter((candidate) => candidate.name.toLowerCase() === 'x-amz-content-sha256');
  if (named.length > 1) throw queryParametersError('X-Amz-Content-Sha256 must appear only once');
  const parameter = named[0]?.value;
  const header = headerValue(request.headers, 'x-amz-content-sha256');
  const agree = (one: string, other: string) => one === other || (SHA256_HEX.test(one) && one.toLowerCase() === other.toLowerCase());
  if (parameter !== undefined && header !== undefined && !agree(parameter, header)) {
    throw new SigV4Error('InvalidArgument', "A presigned URL's x-amz-content-sha256 query parameter and the request's x-amz-content-sha256 header carry different values.", {
      details: { ArgumentName: 'x-amz-content-sha256' },
    });
  }
  return parameter ?? header ?? UNSIGNED_PAYLOAD;
}

function headerPayloadHash(request: SigV4Request, service: string): string {
  const header = headerValue(request.headers, 'x-amz-content-sha256');
  const body = request.bodySha256?.toLowerCase();
  if (header !== undefined && body !== undefined && SHA256_HEX.test(header) && header.toLowerCase() !== body) {
    throw new SigV4Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", {
      details: { ClientComputedContentSHA256: header, S3ComputedContentSHA256: body },
    });
  }
  if (header !== undefined) return header;
  if (service === 's3') {
    throw new SigV4Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  if (body === undefined) throw new TypeError(`bodySha256 is required for ${service} requests without x-amz-content-sha256`);
  return body;
}

/**
 * Reads the `Authorization: AWS4-HMAC-SHA256 ...` form: the request time from
 * `x-amz-date` (or `Date`), within the allowed clock skew; the credential
 * scope, which must match that date and this endpoint's region and service;
 * `host` and every `x-amz-*` header signed; the payload hash.
 */
export function readHeaderClaim(
  request: SigV4Request,
  authorization: string,
  parameters: readonly QueryParameter[],
  expected: ClaimExpectations,
): AuthClaim {
  const header = parseAuthorizationHeader(authorization);
  const amzDateHeader = headerValue(request.headers, 'x-amz-date');
  const dateHeader = headerValue(request.headers, 'date');
  const time = amzDateHeader !== undefined ? parseAmzDate(amzDateHeader) : dateHeader !== undefined ? parseHttpDate(dateHeader) : undefined;
  if (time === undefined) throw new SigV4Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  const amzDate = formatAmzDate(time);
  const scope = parseCredentialScope(header.credential, { ...expected, date: amzDate.slice(0, 8) }, malformedAuthorizationHeader);
  if (Math.abs(expected.now - time) > expected.maxClockSkewMs) {
    throw new SigV4Error('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
      details: {
        RequestTime: amzDateHeader ?? dateHeader ?? '',
        ServerTime: formatIsoSeconds(expected.now),
        MaxAllowedSkewMilliseconds: String(expected.maxClockSkewMs),
      },
    });
  }
  requireSigned(request, header.signedHeaders);
  const payloadHash = headerPayloadHash(request, expected.service);
  return {
    authType: 'REST-HEADER',
    scope,
    signedHeaders: header.signedHeaders,
    signature: header.signature,
    amzDate,
    time,
    expiresAt: undefined,
    securityToken: securityTokenOf(request, parameters),
    payloadHash,
    payload: parsePayloadMode(payloadHash, request.headers, true),
    canonicalQuery: canonicalQuery(parameters),
  };
}

function credentialError(message: string, details?: Readonly<Record<string, string>>): SigV4Error {
  return queryParametersError(`Error parsing the X-Amz-Credential parameter; ${message}`, details);
}

/**
 * Reads the presigned-URL form: the `X-Amz-*` parameters, a scope matching
 * `X-Amz-Date` and this endpoint, a signing time not in the future (beyond the
 * allowed skew) and not past `X-Amz-Expires`, `host` and every `x-amz-*`
 * header signed but, for S3, an SSE-C key and its MD5
 * ({@link S3_PRESIGNED_UNSIGNED_HEADERS}); the payload hash
 * {@link presignedPayloadHash} finds.
 */
export function readQueryClaim(request: SigV4Request, parameters: readonly QueryParameter[], expected: ClaimExpectations): AuthClaim {
  const query = parsePresignedQuery(parameters);
  const scope = parseCredentialScope(query.credential, { ...expected, date: query.amzDate.slice(0, 8) }, credentialError);
  const expiresAt = query.time + query.expiresSeconds * 1000;
  const times = { Expires: formatIsoSeconds(expiresAt), ServerTime: formatIsoSeconds(expected.now) };
  if (query.time - expected.now > expected.maxClockSkewMs) {
    // S3 names the X-Amz-Date of a URL not yet valid in epoch milliseconds.
    throw new SigV4Error('AccessDenied', 'Request is not yet valid', { details: { 'X-Amz-Date': String(query.time), ...times } });
  }
  if (expected.now > expiresAt) {
    throw new SigV4Error('AccessDenied', 'Request has expired', { details: { 'X-Amz-Expires': String(query.expiresSeconds), ...times } });
  }
  requireSigned(request, query.signedHeaders, expected.service === 's3' ? S3_PRESIGNED_UNSIGNED_HEADERS : undefined);
  const payloadHash = presignedPayloadHash(request, parameters);
  return {
    authType: 'REST-QUERY-STRING',
    scope,
    signedHeaders: query.signedHeaders,
    signature: query.signature,
    amzDate: query.amzDate,
    time: query.time,
    expiresAt,
    securityToken: securityTokenOf(request, parameters),
    payloadHash,
    payload: parsePayloadMode(payloadHash, request.headers, false),
    canonicalQuery: canonicalQuery(parameters, 'X-Amz-Signature'),
  };
}
