import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A value that must never be logged or serialised: a root key, a data key, a
 * token. Every way of printing it (`String()`, `JSON.stringify`, `util.inspect`,
 * pino) yields `[redacted]`; only {@link Secret.reveal} returns the value, so
 * each use of the value is explicit and greppable.
 */
export class Secret<T> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  /** The wrapped value. Call it only where the value is used, never to print. */
  reveal(): T {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
