import { ClientError, Status, type ClientMiddleware } from 'nice-grpc';

/**
 * How long, by default, a call waits for the server's next answer, in ms:
 * half a minute less than the 10 minutes the gateway waits for the answer
 * it owes a client before it closes the connection (a 5 GB CopyObject may
 * take minutes), so that a client whose back end hangs is answered with a
 * retryable 503 rather than a dropped connection.
 */
export const ANSWER_DEADLINE_MS = 570_000;

/**
 * How long a service's calls to another (storage to policy and KMS, policy
 * to KMS) wait for an answer, in ms: lookups and data keys, each a few
 * statements under the database's 30 s statement deadline.
 */
export const DEPENDENCY_ANSWER_DEADLINE_MS = 60_000;

/** Sends `requests`, then calls `sent`. */
async function* thenTell<Request>(requests: AsyncIterable<Request>, sent: () => void): AsyncGenerator<Request> {
  yield* requests;
  sent();
}

/**
 * Fails a call whose server keeps it waiting for longer than `deadlineMs`
 * with DEADLINE_EXCEEDED, and cancels it on the server, so that a service
 * that hangs (a stuck disk, a handler that never settles) cannot hold its
 * callers forever while its connection looks healthy to keepalive. Only
 * waiting counts: a unary call's whole wait, a stream's wait for each
 * message its caller asked for (not the time the caller takes to ask),
 * and an upload's wait once its last message is sent (while it sends,
 * flow control and the caller's own body timeout govern). Bulk streams
 * thus last as long as their data keeps coming. A caller's own signal
 * still cancels the call.
 */
export function answerDeadlineMiddleware(deadlineMs: number): ClientMiddleware {
  return async function* answerDeadline(call, options) {
    const expiry = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // An upload's stream may end after its answer came (an early refusal): a wait armed then would outlive the call.
    let ended = false;
    const wait = () => {
      if (!ended) timer = setTimeout(() => expiry.abort(), deadlineMs);
    };
    const stopWaiting = () => clearTimeout(timer);
    const signal = options.signal === undefined ? expiry.signal : AbortSignal.any([options.signal, expiry.signal]);
    const request = call.requestStream ? thenTell(call.request, wait) : call.request;
    if (!call.requestStream) wait();
    try {
      if (!call.responseStream) return yield* call.next(request, { ...options, signal });
      const responses = call.next(request, { ...options, signal });
      try {
        for (let first = true; ; first = false) {
          if (!first) wait();
          const next = await responses.next();
          stopWaiting();
          if (next.done === true) return next.value;
          yield next.value;
        }
      } finally {
        // A caller that stops reading early (return, as a for-await break does) ends the call, which cancels it on the server.
        await responses.return(undefined);
      }
    } catch (error) {
      if (expiry.signal.aborted && options.signal?.aborted !== true) throw new ClientError(call.method.path, Status.DEADLINE_EXCEEDED, `no answer within ${deadlineMs} ms`);
      throw error;
    } finally {
      ended = true;
      stopWaiting();
    }
  };
}
