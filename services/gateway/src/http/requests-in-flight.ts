import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What a connection is doing: serving no S3 request, serving some none of which has started its answer, or writing an answer. */
export type ConnectionState = 'idle' | 'owes-answer' | 'answering';

interface InFlight {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly broken: AbortController;
}

/**
 * The S3 requests each connection is serving, so that what happens to the
 * connection reaches them rather than cutting it under them: a client error
 * (a body half-closed short, or framed so HTTP cannot read it) fails their
 * bodies, and they still answer; an idle socket timeout leaves alone a
 * connection whose answer is still to come.
 */
export class RequestsInFlight {
  readonly #bySocket = new WeakMap<Socket, Set<InFlight>>();

  /**
   * Records a request until its response closes. The returned signal is
   * aborted, with `reason` of {@link breakBodies}, when the client breaks
   * the connection before the request's body has fully arrived.
   */
  track(req: IncomingMessage, res: ServerResponse): AbortSignal {
    const socket = req.socket;
    const entry: InFlight = { req, res, broken: new AbortController() };
    const requests = this.#bySocket.get(socket) ?? new Set<InFlight>();
    requests.add(entry);
    this.#bySocket.set(socket, requests);
    res.once('close', () => {
      requests.delete(entry);
      if (requests.size === 0 && this.#bySocket.get(socket) === requests) this.#bySocket.delete(socket);
    });
    return entry.broken.signal;
  }

  /** Fails, with `reason`, the body of every request on `socket` whose body has not fully arrived. */
  breakBodies(socket: Socket, reason: Error): void {
    for (const { req, broken } of this.#bySocket.get(socket) ?? []) {
      if (!req.complete) broken.abort(reason);
    }
  }

  /**
   * What `socket` is doing for the gateway. While it `owes-answer` (none of
   * its requests has started its answer), the connection is the requests' to
   * answer on (and close); once `answering`, a quiet connection is a client
   * that does not read.
   */
  stateOf(socket: Socket): ConnectionState {
    const requests = this.#bySocket.get(socket);
    if (requests === undefined) return 'idle';
    for (const { res } of requests) {
      if (res.headersSent) return 'answering';
    }
    return 'owes-answer';
  }
}
