/**
 * A process that installs the crash logging, then crashes with an error
 * whose cause holds a customer key and key bytes: `throw` throws it
 * uncaught, `reject` leaves a promise rejected with it unhandled, `thread`
 * runs `throw` on a worker thread (as the embedded gateway runs) and exits
 * with the thread's exit code.
 */
import { Worker } from 'node:worker_threads';
import { createLogger, logCrashesThrough } from '../../src';

if (process.argv[2] === 'thread') {
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true, argv: ['throw'] });
  worker.on('exit', (code) => {
    process.exitCode = code;
  });
}

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
