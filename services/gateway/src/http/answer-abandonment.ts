import type { ServerResponse } from 'node:http';

/** A request's news that its answer will never be delivered. */
export interface AnswerAbandonment {
  /** Aborts once the response closed before its answer was fully written: the client went away, or the connection was cut. */
  readonly signal: AbortSignal;
  /** Stops watching the response (once the request is served). */
  stopWatching(): void;
}

/**
 * Watches `res` for a close before its answer was written, so that what a
 * request still has in flight for it (its calls to the services) is
 * cancelled rather than left waiting for an answer no one will read.
 */
export function watchForAbandonment(res: ServerResponse): AnswerAbandonment {
  const aborter = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) aborter.abort();
  };
  res.on('close', onClose);
  return { signal: aborter.signal, stopWatching: () => res.off('close', onClose) };
}
