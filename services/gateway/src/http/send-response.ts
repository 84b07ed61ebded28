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
 * Writes a command's answer. A streamed body is written with backpressure
 * (the next chunk is pulled only when the socket takes more) and stops as
 * soon as the client goes away; a failure after the headers went out can
 * only cut the connection, so the client sees a short body, never a wrong
 * one. A failure before anything went out is left to the caller's error
 * answer.
 */
export async function sendResponse(response: ServerResponse, answer: S3Response, headOnly: boolean): Promise<void> {
  const { body } = answer;
  try {
    response.statusCode = answer.status;
    for (const [name, value] of Object.entries(answer.headers ?? {})) {
      if (value !== undefined) response.setHeader(name, value);
    }
  } catch (error) {
    if (isStream(body)) await body[Symbol.asyncIterator]().return?.();
    throw error;
  }
  if (!isStream(body)) {
    if (body !== undefined && !response.hasHeader('content-length')) response.setHeader('content-length', Buffer.byteLength(body));
    if (body === undefined && !response.hasHeader('content-length') && answer.status !== 204 && answer.status !== 304) {
      response.setHeader('content-length', 0);
    }
    response.end(headOnly ? undefined : body);
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
