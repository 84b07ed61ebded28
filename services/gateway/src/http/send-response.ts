import type { ServerResponse } from 'node:http';
import type { S3Response } from './command';

/** Resolves once the response can take more data, or has closed. */
function writable(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

function isStream(body: S3Response['body']): body is AsyncIterable<Uint8Array> {
  return body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body);
}

/**
 * Sets the answer's headers, each value's characters as its bytes
 * (ISO-8859-1), as S3 sends them. Node writes the header block that way
 * unless the first body chunk is a string (it then writes both in the
 * string's encoding), so string bodies are sent as Buffers. And Node
 * re-reads a Content-Disposition's bytes as UTF-8 (nodejs/node#46528;
 * a character above U+007F then comes out as 0xFD) when it knows a
 * non-zero body length as it writes that header: from a Content-Length
 * set before it, or from `end(body)`. So Content-Length is set last, and a
 * body is written apart from `end()`.
 */
function setHeaders(response: ServerResponse, headers: NonNullable<S3Response['headers']>): void {
  let contentLength: string | number | undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'content-length') contentLength = value;
    else if (value !== undefined) response.setHeader(name, value);
  }
  if (contentLength !== undefined) response.setHeader('content-length', contentLength);
}

/**
 * Writes a command's answer. A streamed body is written with backpressure
 * (the next chunk is pulled only when the socket takes more) and stops as
 * soon as the client goes away; a failure after the headers went out can
 * only cut the connection, so the client sees a short body, never a wrong
 * one. A failure before anything went out is left to the caller's error
 * answer.
 */
export async function sendResponse(response: ServerResponse, answer: S3Response, headOnly: boolean): Promise<void> {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
  try {
    response.statusCode = answer.status;
    setHeaders(response, answer.headers ?? {});
  } catch (error) {
    if (isStream(body)) await body[Symbol.asyncIterator]().return?.();
    throw error;
  }
  if (!isStream(body)) {
    if (body !== undefined && !response.hasHeader('content-length')) response.setHeader('content-length', body.byteLength);
    if (body === undefined && !response.hasHeader('content-length') && answer.status !== 204 && answer.status !== 304) {
      response.setHeader('content-length', 0);
    }
    if (headOnly || body === undefined || body.byteLength === 0) {
      response.end();
      return;
    }
    // Written apart from end(): end(body) tells Node the body's length before the headers go out (see setHeaders).
    response.cork();
    response.write(body);
    response.end();
    response.uncork();
    return;
  }
  if (headOnly) {
    await body[Symbol.asyncIterator]().return?.();
    response.end();
    return;
  }
  try {
    for await (const chunk of body) {
      if (response.destroyed) break;
      if (!response.write(chunk)) await writable(response);
    }
    response.end();
  } catch (error) {
    if (response.headersSent) response.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
