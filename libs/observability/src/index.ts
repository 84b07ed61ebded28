export { Secret } from './secret';
export { createLogger, type Logger, type LoggerOptions } from './logger';
