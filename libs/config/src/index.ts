export { parseEnv, ConfigError, text, optionalText, integer, listenAddress, type EnvReader } from './env';
