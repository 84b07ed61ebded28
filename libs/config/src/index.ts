export { parseEnv, ConfigError, text, optionalText, integer, boolean, listenAddress, type EnvReader } from './env';
