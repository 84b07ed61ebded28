/**
 * How many cells of a real-client matrix run at once: two client processes
 * (each about a second of Python start-up) keep both cores of a CI machine
 * busy; the matrix then takes about two thirds of the time.
 */
export const CELLS_AT_ONCE = 2;

/**
 * Starts `work` for every item, at most `atOnce` at a time, in order, and
 * returns each item's promise at once, so that serial tests can await
 * results that were computed concurrently. A failure rejects only its own
 * item's promise (handled here too, so that a test that has not awaited it
 * yet does not see an unhandled rejection).
 */
export function runAhead<T, R>(items: readonly T[], atOnce: number, work: (item: T) => Promise<R>): Map<T, Promise<R>> {
  const settlers = new Map<T, { resolve: (value: R) => void; reject: (error: unknown) => void }>();
  const results = new Map<T, Promise<R>>();
  for (const item of items) {
    const result = new Promise<R>((resolve, reject) => settlers.set(item, { resolve, reject }));
    result.catch(() => undefined);
    results.set(item, result);
  }
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      const settle = settlers.get(item)!;
      await work(item).then(settle.resolve, settle.reject);
    }
  };
  for (let i = 0; i < Math.min(atOnce, items.length); i++) void worker();
  return results;
}
