import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves once `condition` holds, checking every `pollMs`; rejects after `timeoutMs` with `what` in the message. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, pollMs = 10): Promise<void> {
  for (let waited = 0; !(await condition()); waited += pollMs) {
    if (waited >= timeoutMs) throw new Error(`still not ${what} after ${timeoutMs} ms`);
    await sleep(pollMs);
  }
}
