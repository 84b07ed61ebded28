import { S3Error } from '../s3/errors';
import { renderXml } from '../s3/xml';
import { newRequestIds } from './request-id';

/** The S3 error for each of Node's codes of a request that never parsed; BadRequest for any other. */
const S3_CODES: ReadonlyMap<string, 'RequestHeaderSectionTooLarge' | 'RequestTimeout'> = new Map([
  ['HPE_HEADER_OVERFLOW', 'RequestHeaderSectionTooLarge'], // a request line and headers over Node's limit (16 KiB)
  ['ERR_HTTP_REQUEST_TIMEOUT', 'RequestTimeout'], // headers not complete within the server's headersTimeout
] as const);

/**
 * The whole answer, for the socket, to a client whose bytes did not parse
 * as an HTTP request: S3's XML error with request ids, then the connection
 * closes. A request line and headers over Node's limit are
 * RequestHeaderSectionTooLarge and headers that never finish are
 * RequestTimeout, as S3 answers them; anything else is BadRequest.
 */
export function unparsedRequestAnswer(error: NodeJS.ErrnoException): string {
  const s3Error = new S3Error((error.code === undefined ? undefined : S3_CODES.get(error.code)) ?? 'BadRequest');
  const { requestId, hostId } = newRequestIds();
  const body = renderXml('Error', { Code: s3Error.code, Message: s3Error.message, RequestId: requestId, HostId: hostId }, null);
  const head = [
    `HTTP/1.1 ${s3Error.httpStatus} Bad Request`,
    'Content-Type: application/xml',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `x-amz-request-id: ${requestId}`,
    `x-amz-id-2: ${hostId}`,
    'Connection: close',
  ];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}
