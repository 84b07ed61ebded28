import { S3Error } from '../s3/errors';
import { renderXml } from '../s3/xml';
import { newRequestIds } from './request-id';

/** Node's code for a request line and headers over its limit (16 KiB). */
const HEADER_OVERFLOW = 'HPE_HEADER_OVERFLOW';

/**
 * The whole answer, for the socket, to a client whose bytes did not parse
 * as an HTTP request: S3's XML error with request ids, then the connection
 * closes. A request line and headers over Node's limit are
 * RequestHeaderSectionTooLarge, as S3 answers them; anything else is BadRequest.
 */
export function unparsedRequestAnswer(error: NodeJS.ErrnoException): string {
  const s3Error = new S3Error(error.code === HEADER_OVERFLOW ? 'RequestHeaderSectionTooLarge' : 'BadRequest');
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
