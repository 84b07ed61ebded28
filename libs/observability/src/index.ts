export { Secret } from './secret';
export { createLogger, configuredLogLevel, launcherLogger, isLogLevel, LOG_LEVELS, type Logger, type LoggerOptions, type LogLevel } from './logger';
export { logCrashesThrough, reportCrash } from './crash-logging';
export { exitAfterShutdown } from './shutdown-exit';
