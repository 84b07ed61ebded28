import type { TlsCertificate } from '@strongroom/config';
import type { Logger } from '@strongroom/observability';
import { Authenticator } from './auth/authenticator';
import type { GatewayConfig } from './config';
import type { PolicyClient, StorageClient } from './http/command';
import { COMMANDS } from './http/commands';
import { startS3Servers } from './http/server';
import type { KmsClient } from './kms/kms-operation';

/** Options of {@link startGateway}. */
export interface GatewayOptions {
  /** The storage service, called with this process's service credential. */
  readonly storage: StorageClient;
  /** The policy service (signing keys, Authorize, bucket sub-resources). */
  readonly policy: PolicyClient;
  /** The KMS, which the KMS JSON API (`X-Amz-Target: TrentService.*`) calls for the principal SigV4 authenticated. */
  readonly kms: KmsClient;
  /**
   * Where to listen and what to serve; `httpsAddress` is used only with `tls`; `bodyTimeoutMs` @default BODY_IDLE_TIMEOUT_MS;
   * `headersTimeoutMs` @default HEADERS_TIMEOUT_MS; `maxConnections` (per endpoint) @default MAX_CONNECTIONS; `drainMs` @default 5000.
   */
  readonly config: Pick<GatewayConfig, 'region' | 'httpAddress' | 'httpsAddress' | 'domain' | 'trustedProxies'> &
    Partial<Pick<GatewayConfig, 'bodyTimeoutMs' | 'headersTimeoutMs' | 'drainMs' | 'maxConnections'>>;
  /** The HTTPS certificate; no HTTPS without one. */
  readonly tls?: TlsCertificate;
  readonly logger: Logger;
  /** The clock, epoch milliseconds (SigV4 skew and expiry). @default Date.now */
  readonly now?: () => number;
}

/** The running gateway. */
export interface RunningGateway {
  /** The HTTP port (the actual one when configured as 0). */
  readonly httpPort: number | undefined;
  /** The HTTPS port, when serving HTTPS. */
  readonly httpsPort: number | undefined;
  /** Stops both endpoints after requests in flight finish (briefly), then wipes the cached signing keys; the clients stay the caller's. */
  close(): Promise<void>;
}

/**
 * Starts the S3 gateway: HTTP, and HTTPS when a certificate is given. The
 * same ports answer the AWS KMS JSON API (SigV4 service `kms`), so that
 * `aws kms ... --endpoint-url` works. It holds no state of its own beyond a
 * short-lived signing-key cache; every request becomes calls to the
 * storage, policy and KMS services.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const now = options.now ?? Date.now;
  const authenticator = new Authenticator({ policy: options.policy, region: options.config.region, now });
  const context = {
    storage: options.storage,
    policy: options.policy,
    region: options.config.region,
    domain: options.config.domain,
    authenticator,
    now,
    logger: options.logger,
  };
  const kmsAuthenticator = new Authenticator({ policy: options.policy, region: options.config.region, service: 'kms', now });
  const servers = await startS3Servers(
    {
      s3: {
        context,
        authenticator,
        proxies: options.config.trustedProxies,
        domain: options.config.domain,
        commands: COMMANDS,
        now,
        logger: options.logger,
        bodyTimeoutMs: options.config.bodyTimeoutMs,
      },
      kms: {
        kms: options.kms,
        authenticator: kmsAuthenticator,
        proxies: options.config.trustedProxies,
        logger: options.logger,
        bodyTimeoutMs: options.config.bodyTimeoutMs,
      },
    },
    {
      httpAddress: options.config.httpAddress,
      httpsAddress: options.config.httpsAddress,
      tls: options.tls,
      headersTimeoutMs: options.config.headersTimeoutMs,
      maxConnections: options.config.maxConnections,
      ...(options.config.drainMs === undefined ? {} : { closeGraceMs: options.config.drainMs }),
    },
  );
  return {
    httpPort: servers.httpPort,
    httpsPort: servers.httpsPort,
    async close() {
      try {
        await servers.close();
      } finally {
        authenticator.forgetSigningKeys();
        kmsAuthenticator.forgetSigningKeys();
      }
    },
  };
}
