import { integer, listenAddress, parseEnv, REGION_NAME, text, timeoutMs, tlsFiles, type EnvReader } from '@strongroom/config';
import { TrustedProxies } from './http/client-address';
import { BODY_IDLE_TIMEOUT_MS } from './http/request-body';
import { HEADERS_TIMEOUT_MS, MAX_CONNECTIONS } from './http/server';

/** The gateway's settings, from the environment (see the README's table). */
export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** A comma-separated list of CIDRs or addresses; unset means no proxy is trusted. */
function trustedProxies(variable: string): EnvReader<TrustedProxies> {
  return {
    variable,
    read(env) {
      try {
        return { ok: true, value: TrustedProxies.parse(env[variable] ?? '') };
      } catch (error) {
        return { ok: false, problem: `must be comma-separated CIDRs (${error instanceof Error ? error.message : String(error)})` };
      }
    },
  };
}

/** Reads the gateway's settings; throws one ConfigError listing every problem. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv) {
  return parseEnv(env, {
    region: text('STRONGROOM_REGION', { default: 'us-east-1', pattern: REGION_NAME, hint: 'a region name such as us-east-1' }),
    httpAddress: listenAddress('STRONGROOM_GATEWAY_HTTP_ADDRESS', '127.0.0.1:9000'),
    httpsAddress: listenAddress('STRONGROOM_GATEWAY_HTTPS_ADDRESS', '127.0.0.1:9443'),
    healthAddress: listenAddress('STRONGROOM_GATEWAY_HEALTH_ADDRESS', '127.0.0.1:9100'),
    tls: tlsFiles('STRONGROOM_GATEWAY_TLS_CERT_FILE', 'STRONGROOM_GATEWAY_TLS_KEY_FILE'),
    domain: text('STRONGROOM_GATEWAY_DOMAIN', {
      default: 'localhost',
      pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/,
      hint: 'a lower-case DNS name such as s3.example.com',
    }),
    trustedProxies: trustedProxies('STRONGROOM_GATEWAY_TRUSTED_PROXIES'),
    bodyTimeoutMs: timeoutMs('STRONGROOM_GATEWAY_BODY_TIMEOUT_MS', BODY_IDLE_TIMEOUT_MS),
    headersTimeoutMs: timeoutMs('STRONGROOM_GATEWAY_HEADERS_TIMEOUT_MS', HEADERS_TIMEOUT_MS),
    maxConnections: integer('STRONGROOM_GATEWAY_MAX_CONNECTIONS', { default: MAX_CONNECTIONS, min: 1, max: 1_000_000 }),
    drainMs: integer('STRONGROOM_GATEWAY_DRAIN_MS', { default: 5000, min: 0, max: 3_600_000 }),
  });
}
