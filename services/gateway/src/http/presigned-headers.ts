import { S3_CHECKSUM_ALGORITHMS, checksumHeaderName } from '@strongroom/checksums';
import { headerText } from '@strongroom/sigv4';
import type { IncomingHttpHeaders } from 'node:http';
import type { SignatureFacts } from '../auth/request-context';
import { COPY_SOURCE_CUSTOMER_KEY_HEADERS, CUSTOMER_KEY_HEADERS } from '../s3/customer-key-headers';
import { S3Error } from '../s3/errors';
import { isHeaderName, isHeaderValue } from '../s3/header-text';
import { asHeaderValue, isMetadataText, META_PREFIX } from '../s3/user-metadata';

/** The parameters of the presigned URL itself, which SigV4 consumed (`X-Amz-Content-Sha256` is its payload hash). */
const AUTH_PARAMETERS = new Set([
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-signedheaders',
  'x-amz-signature',
  'x-amz-security-token',
  'x-amz-content-sha256',
]);

/**
 * Checksum values of the body (`x-amz-checksum-crc32`, ...), ignored in a
 * query string as S3 ignores them: the URL is signed before its body is
 * chosen, and the JavaScript SDK signs the checksum of an empty body into
 * every presigned upload it makes.
 */
const BODY_CHECKSUMS = new Set(S3_CHECKSUM_ALGORITHMS.map((name) => checksumHeaderName(name)));

/**
 * The SDK's note of the checksum it sent (`x-amz-sdk-checksum-algorithm`),
 * whose value a URL does not carry (above): in a query string it asks for
 * that checksum to be computed and stored ({@link presignedChecksumAlgorithm}),
 * so it is not taken as the header.
 */
const SDK_CHECKSUM_ALGORITHM = 'x-amz-sdk-checksum-algorithm';

/** Lower-cases ASCII letters only: `toLowerCase` would also fold characters such as the Kelvin sign (U+212A) into `k`. */
function asciiLowerCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

function joined(value: string | string[]): string {
  return Array.isArray(value) ? value.join(',') : value;
}

function isCustomerKeyName(name: string): boolean {
  return name.startsWith(CUSTOMER_KEY_HEADERS) || name.startsWith(COPY_SOURCE_CUSTOMER_KEY_HEADERS);
}

/** InvalidArgument naming the parameter; the value is never quoted. */
function invalid(name: string, message: string): S3Error {
  return new S3Error('InvalidArgument', message, { ArgumentName: name });
}

function conflict(name: string): S3Error {
  return invalid(name, `A presigned URL's ${name} query parameter and the request's ${name} header (or another ${name} parameter) carry different values.`);
}

/**
 * One query parameter as the header of the same name would carry it,
 * checked as an HTTP field: a token for a name; a metadata value any text
 * without a control character (other than HTAB), sent as its UTF-8 bytes;
 * any other value HTAB, 0x20-0x7E and 0x80-0xFF only.
 */
function headerValueOf(name: string, text: string): string {
  if (!isHeaderName(name)) throw invalid(name, 'A presigned URL query parameter taken as a header must have an HTTP token for a name.');
  const metadata = name.startsWith(META_PREFIX);
  if (metadata ? !isMetadataText(text) : !isHeaderValue(text)) {
    throw invalid(name, `The value of presigned URL query parameter '${name}' has a character not allowed in an HTTP header.`);
  }
  return metadata ? asHeaderValue(text) : text;
}

/** The `x-amz-*` query parameters that stand for headers, names in lower case, each checked ({@link headerValueOf}). */
function hoistedParameters(query: URLSearchParams): Map<string, string> {
  const hoisted = new Map<string, string>();
  for (const [rawName, text] of query) {
    const name = asciiLowerCase(rawName);
    if (!name.startsWith('x-amz-') || AUTH_PARAMETERS.has(name) || BODY_CHECKSUMS.has(name) || name === SDK_CHECKSUM_ALGORITHM) continue;
    if (isCustomerKeyName(name)) {
      throw invalid(name, 'Server Side Encryption with Customer provided keys must be sent in request headers, never in the query string of a URL.');
    }
    const value = headerValueOf(name, text);
    const previous = hoisted.get(name);
    if (previous !== undefined && previous !== value) throw conflict(name);
    hoisted.set(name, value);
  }
  return hoisted;
}

/** True for a request signed in its query string (`s3:authType` REST-QUERY-STRING): a presigned URL. */
function isPresigned(verified: SignatureFacts): boolean {
  return verified.kind === 'signed' && verified.authType === 'REST-QUERY-STRING';
}

/**
 * The checksum a presigned URL asks an upload to be stored with: the
 * SDK's `x-amz-sdk-checksum-algorithm` parameter, signed into the URL
 * ({@link SDK_CHECKSUM_ALGORITHM}); undefined for any other request. Two
 * such parameters must agree.
 */
export function presignedChecksumAlgorithm(query: URLSearchParams, verified: SignatureFacts): string | undefined {
  if (!isPresigned(verified)) return undefined;
  const values = new Set([...query].filter(([name]) => asciiLowerCase(name) === SDK_CHECKSUM_ALGORITHM).map(([, value]) => value));
  if (values.size > 1) throw conflict(SDK_CHECKSUM_ALGORITHM);
  return values.values().next().value;
}

/**
 * The headers the commands of a request read. For a presigned request
 * (`s3:authType` REST-QUERY-STRING) every `x-amz-*` query parameter is the
 * header of the same name, as in S3: SDKs move (hoist) headers such as
 * `x-amz-meta-*`, `x-amz-acl`, `x-amz-tagging` or `x-amz-copy-source` into
 * the URL, where the signature covers them, and the client sends no such
 * header. Not taken: the URL's own auth parameters and the body checksum
 * values ({@link BODY_CHECKSUMS}) and `x-amz-sdk-checksum-algorithm`
 * ({@link presignedChecksumAlgorithm}). Refused, with 400 InvalidArgument: an
 * SSE-C parameter (the key would sit in every log and history the URL
 * reaches; S3 has the client send SSE-C as headers), and a name given twice
 * (header and parameter, or two parameters, names compared
 * case-insensitively, values as text) with different values, and a value
 * no HTTP header could carry ({@link headerValueOf}). Header-signed
 * and anonymous requests keep their headers: their query parameters are
 * not headers.
 */
export function presignedHeaders(headers: IncomingHttpHeaders, query: URLSearchParams, verified: SignatureFacts): IncomingHttpHeaders {
  if (!isPresigned(verified)) return headers;
  const merged: IncomingHttpHeaders = { ...headers };
  for (const [name, value] of hoistedParameters(query)) {
    const sent = headers[name];
    if (sent === undefined) merged[name] = value;
    else if (headerText(joined(sent)) !== headerText(value)) throw conflict(name);
  }
  return merged;
}
