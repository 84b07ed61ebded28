const DAY_MS = 86_400_000;

/**
 * A clock for the KMS's `clock` option that runs with real time but can be
 * moved forward, so rotation and deletion dates come due without waiting.
 */
export class FakeClock {
  #offsetMs = 0;

  /** The current (shifted) time; pass this as the harness's `clock`. */
  readonly now = (): Date => new Date(Date.now() + this.#offsetMs);

  /** Moves the clock forward by whole or fractional days. */
  advanceDays(days: number): void {
    this.#offsetMs += days * DAY_MS;
  }
}
