/** Where the CLI connects and with which service token. */
import { ConfigError, parseEnv, servicesTls, type ServicesTls } from '@strongroom/config';
import { readFileSync } from 'node:fs';
import { serviceTokenPath } from '../embedded/defaults';
import { ConfigurationError } from './errors';
import type { ParsedFlags } from './flags';
import type { EndpointSpec } from './group';

/** What a group needs to open a client. */
export interface Connection {
  /** `host:port` of the service. */
  readonly address: string;
  /** The bearer token of a service credential. */
  readonly token: string;
  /** Present: the service serves TLS, verified by this CA bundle or the system's roots. */
  readonly tls: ServicesTls | undefined;
}

/** The service address: `--endpoint`, else the service's own flag (`--policy-endpoint`), else its variable, else its default. */
export function resolveEndpoint(flags: ParsedFlags, env: NodeJS.ProcessEnv, endpoint: EndpointSpec): string {
  const serviceFlag = endpoint.flag === undefined ? undefined : flags.string(endpoint.flag);
  return flags.string('endpoint') ?? serviceFlag ?? env[endpoint.env] ?? endpoint.fallback;
}

function readToken(path: string, origin: string): string {
  let token: string;
  try {
    token = readFileSync(path, 'utf8').trim();
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new ConfigurationError(
      `Unable to read the service token from ${path} (${origin}): ${reason}. Start the stack with \`npm start\` (it writes that file), or pass --token-file or set STRONGROOM_TOKEN.`,
    );
  }
  if (token === '') throw new ConfigurationError(`The service token file ${path} (${origin}) is empty.`);
  return token;
}

/** The service token: `--token-file`, else `$STRONGROOM_TOKEN_FILE`, else `$STRONGROOM_TOKEN`, else the embedded stack's token file. */
export function resolveToken(flags: ParsedFlags, env: NodeJS.ProcessEnv): string {
  const flag = flags.string('token-file');
  if (flag !== undefined) return readToken(flag, '--token-file');
  if (env.STRONGROOM_TOKEN_FILE) return readToken(env.STRONGROOM_TOKEN_FILE, 'STRONGROOM_TOKEN_FILE');
  if (env.STRONGROOM_TOKEN) return env.STRONGROOM_TOKEN.trim();
  return readToken(serviceTokenPath(env), 'the embedded stack\'s default');
}

/**
 * The connection to `address`: its token ({@link resolveToken}) and TLS
 * ({@link resolveServicesTls}), each read whatever the other's problem, so
 * that a missing token file and a missing CA file are told in one run.
 */
export function resolveConnection(flags: ParsedFlags, env: NodeJS.ProcessEnv, address: string): Connection {
  const problems: string[] = [];
  const attempt = <T>(resolve: () => T): T | undefined => {
    try {
      return resolve();
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      problems.push(error.message);
      return undefined;
    }
  };
  const token = attempt(() => resolveToken(flags, env));
  const tls = attempt(() => resolveServicesTls(env));
  if (token === undefined || problems.length > 0) throw new ConfigurationError(problems.join(' '));
  return { address, token, tls };
}

/** How to verify the services' TLS: `$STRONGROOM_SERVICES_CA_FILE`, or `$STRONGROOM_SERVICES_TLS=true` for the system's roots; neither: plaintext. */
export function resolveServicesTls(env: NodeJS.ProcessEnv): ServicesTls | undefined {
  try {
    return parseEnv(env, { tls: servicesTls() }).tls;
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigurationError(error.problems.join('; '));
    throw error;
  }
}
