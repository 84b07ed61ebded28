import { setLogger } from '@grpc/grpc-js';

/** The line grpc-js logs, on its own, before it rejects a listen that bound no address. */
const BIND_FAILURE = /^No address added out of total \d+ resolved$/;

/**
 * Keeps grpc-js's log as it is (`E `, `I ` or `D ` and the message, on
 * stderr) but for its "No address added" line: the failed listen rejects
 * with that text and its cause, which the server reports as one
 * StartRefused line naming the service and the address. Setting the same
 * logger again is harmless.
 */
export function withoutBindFailureLines(): void {
  setLogger({
    error: (message: unknown, ...rest: unknown[]) => {
      if (typeof message === 'string' && BIND_FAILURE.test(message)) return;
      console.error(`E ${String(message)}`, ...rest);
    },
    info: (message: unknown, ...rest: unknown[]) => console.error(`I ${String(message)}`, ...rest),
    debug: (message: unknown, ...rest: unknown[]) => console.error(`D ${String(message)}`, ...rest),
  });
}
