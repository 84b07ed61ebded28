/**
 * A process whose shutdown fails with an error holding a customer key: it
 * runs what {@link exitAfterShutdown} makes of that shutdown, as a
 * standalone service does on SIGTERM.
 */
import { createLogger, exitAfterShutdown } from '../../src';

const error = Object.assign(new Error('drain failed'), { request: { customerKey: process.env.PLANTED_CUSTOMER_KEY } });
exitAfterShutdown(createLogger({ name: 'shutdown-test', level: 'info' }), () => Promise.reject(error))();
