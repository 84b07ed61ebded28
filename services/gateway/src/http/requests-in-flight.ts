import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What a connection is doing: serving no S3 request, serving some none of which has started its answer, or writing an answer. */
export type ConnectionState = 'idle' | 'owes-answer' | 'answering';

/** News, for a request's body, that the client broke the connection under it. */
export interface ConnectionBreak {
  /** The S3 error to fail the body with, once the connection broke; undefined before. */
  readonly reason: Error | undefined;
  /** Calls `listener` when the connection breaks (once); returns the function that stops listening. */
  onBreak(listener: (reason: Error) => void): () => void;
}

/** One request being served, and what its body listens for. */
class InFlight implements ConnectionBreak {
  reason: Error | undefined;
  /** How many idle socket timeouts passed while the request owed its answer. */
  quietPeriods = 0;
  #listener: ((reason: Error) => void) | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
  ) {}

  onBreak(listener: (reason: Error) => void): () => void {
    this.#listener = listener;
    return () => {
      if (this.#listener === listener) this.#listener = undefined;
    };
  }

  break(reason: Error): void {
    this.reason = reason;
    const listener = this.#listener;
    this.#listener = undefined;
    listener?.(reason);
  }
}

/**
 * The S3 requests each connection is serving, so that what happens to the
 * connection reaches them rather than cutting it under them: a client error
 * (a body half-closed short, or framed so HTTP cannot read it) fails their
 * bodies, and they still answer (then close); an idle socket timeout leaves
 * alone, for a while, a connection whose answer is still to come.
 */
export class RequestsInFlight {
  readonly #bySocket = new WeakMap<Socket, Set<InFlight>>();

  /** Records a request until its response closes; what it returns tells the request's body when the client breaks the connection. */
  track(req: IncomingMessage, res: ServerResponse): ConnectionBreak {
    const socket = req.socket;
    const entry = new InFlight(req, res);
    const requests = this.#bySocket.get(socket) ?? new Set<InFlight>();
    requests.add(entry);
    this.#bySocket.set(socket, requests);
    res.once('close', () => {
      requests.delete(entry);
      if (requests.size === 0 && this.#bySocket.get(socket) === requests) this.#bySocket.delete(socket);
    });
    return entry;
  }

  /**
   * The client broke `socket` (its parser failed): every request on it
   * answers with `Connection: close`, and those whose body had not fully
   * arrived fail it with `reason`.
   */
  breakConnection(socket: Socket, reason: Error): void {
    for (const entry of this.#bySocket.get(socket) ?? []) {
      entry.res.shouldKeepAlive = false;
      if (!entry.req.complete) entry.break(reason);
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

  /**
   * Counts an idle socket timeout against the requests on `socket`: a
   * quiet period they spent owing their answer. Returns the most any of
   * them has spent (0 for none).
   */
  countQuietPeriod(socket: Socket): number {
    let most = 0;
    for (const entry of this.#bySocket.get(socket) ?? []) {
      entry.quietPeriods += 1;
      most = Math.max(most, entry.quietPeriods);
    }
    return most;
  }
}
