/**
 * A process that installs the crash logging, then crashes with an error
 * whose cause holds a customer key and key bytes: `throw` throws it
 * uncaught, `reject` leaves a promise rejected with it unhandled.
 */
import { createLogger, logCrashesThrough } from '../../src';

logCrashesThrough(createLogger({ name: 'crash-test', level: process.env.CRASH_LOG_LEVEL === 'silent' ? 'silent' : 'info' }));

const cause = Object.assign(new Error('unwrap failed'), {
  request: { customerKey: process.env.PLANTED_CUSTOMER_KEY, material: Buffer.from(process.env.PLANTED_KEY_BYTES ?? '') },
});
const error = new Error('get object failed', { cause });

if (process.argv[2] === 'throw') {
  setImmediate(() => {
    throw error;
  });
} else if (process.argv[2] === 'reject') {
  void Promise.reject(error);
}
