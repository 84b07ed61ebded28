/**
 * The request handlers still running. A server's `close` resolves once its
 * connections are closed, but a handler whose connection was cut then is
 * still settling: its cancelled calls fail a moment later, and only then
 * does it log (`client left before its answer`). A stop that waits for them
 * ends with their records written, not cut off as the process, or the
 * embedded stack's gateway thread, ends.
 */
export class HandlersInFlight {
  readonly #running = new Set<Promise<unknown>>();

  /** Keeps `handling` until it settles. */
  track(handling: Promise<unknown>): void {
    const settled: Promise<unknown> = handling.then(
      () => this.#running.delete(settled),
      () => this.#running.delete(settled),
    );
    this.#running.add(settled);
  }

  /** Resolves once every handler running now has settled, or after `limitMs` (a stuck one does not hold a stop). */
  settled(limitMs: number): Promise<void> {
    if (this.#running.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, limitMs);
      void Promise.allSettled([...this.#running]).then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
