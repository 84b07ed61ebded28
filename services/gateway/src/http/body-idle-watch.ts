import type { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/** What {@link watchBodyIdle} watches. */
export interface BodyIdleWatch {
  /** The body as it arrives. */
  readonly source: Readable;
  /** Where `source` is piped. */
  readonly sink: Writable;
  /** The connection the body arrives on: once it closes, no byte can come and the watch ends. */
  readonly connection: EventEmitter;
  /** True once every byte of the body has arrived (some may still wait in `source`): nothing is left to wait for. */
  readonly whole: () => boolean;
  readonly idleMs: number;
  readonly onIdle: () => void;
}

/**
 * Calls `onIdle` once no byte of a body has arrived for `idleMs` while the
 * gateway was ready to read one. Time the gateway itself does not read
 * (bytes wait in `source`, or `sink` is full because its consumer is behind
 * or gave up) is not the client's stall: the wait starts over. The watch
 * ends by itself when `source` ends, the body is whole, or the connection
 * closes, or when the returned function is called.
 */
export function watchBodyIdle({ source, sink, connection, whole, idleMs, onIdle }: BodyIdleWatch): () => void {
  let timer: NodeJS.Timeout;
  const waitingForClient = () => source.readableLength === 0 && !sink.writableNeedDrain;
  const arrived = () => timer.refresh();
  const stop = () => {
    clearTimeout(timer);
    source.off('data', arrived);
    source.off('end', stop);
    connection.off('close', stop);
  };
  const expire = () => {
    if (whole()) {
      stop();
    } else if (waitingForClient()) {
      stop();
      onIdle();
    } else {
      timer = setTimeout(expire, idleMs);
    }
  };
  timer = setTimeout(expire, idleMs);
  source.on('data', arrived);
  source.once('end', stop);
  connection.once('close', stop);
  return stop;
}
