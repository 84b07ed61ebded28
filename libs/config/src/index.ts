export { parseEnv, parseSetting, ConfigError, text, optionalText, integer, timeoutMs, boolean, listenAddress, type EnvReader } from './env';
export { REGION_NAME } from './region-name';
export { readConfiguredFile } from './configured-file';
export { createConfiguredDirectory } from './configured-directory';
export { tlsFiles, servicesTls, type TlsCertificate, type ServicesTls } from './tls-files';
export { SettingsProblems } from './settings-problems';
export { StartRefused, exitOnFailure, exitOnStartFailure } from './start-refused';
