import { type ServicesTls, type TlsCertificate } from '@strongroom/config';
import { kmsServiceDefinition, policyServiceDefinition, storageServiceDefinition } from '@strongroom/contracts';
import { loadOrCreateLocalCertificate, startGateway, type GatewayConfig } from '@strongroom/gateway';
import { createServiceClient } from '@strongroom/grpc';
import type { Logger } from '@strongroom/observability';

/** The embedded S3 endpoints, for the banner. */
export interface S3Endpoints {
  /** `http://127.0.0.1:<port>`. */
  readonly http: string | undefined;
  /** `https://localhost:<port>` (the name the self-signed certificate has), or with a configured certificate the HTTPS address's host; when serving HTTPS. */
  readonly https: string | undefined;
  /** The generated self-signed certificate clients must trust, when one is used. */
  readonly certificatePath: string | undefined;
}

function hostFor(address: string): string {
  const host = address.slice(0, address.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1');
  return host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the S3 gateway of the embedded stack on its own clients to storage,
 * policy and kms (for the KMS JSON API on the same ports). HTTPS uses the configured certificate, else a self-signed one
 * for localhost kept in the data directory.
 */
export async function startEmbeddedGateway(options: {
  readonly config: GatewayConfig;
  readonly storageAddress: string;
  readonly policyAddress: string;
  readonly kmsAddress: string;
  readonly token: string;
  /** How to verify the services' TLS; plaintext when absent. */
  readonly servicesTls: ServicesTls | undefined;
  readonly dataDir: string;
  readonly logger: Logger;
}): Promise<{ readonly endpoints: S3Endpoints; shutdown(): Promise<void> }> {
  const { config } = options;
  const configured = config.tls;
  const local = configured === undefined ? await loadOrCreateLocalCertificate(options.dataDir, config.domain) : undefined;
  const tls: TlsCertificate = configured ?? local!;
  const storage = createServiceClient(storageServiceDefinition, { address: options.storageAddress, token: options.token, tls: options.servicesTls });
  const policy = createServiceClient(policyServiceDefinition, { address: options.policyAddress, token: options.token, tls: options.servicesTls });
  const kms = createServiceClient(kmsServiceDefinition, { address: options.kmsAddress, token: options.token, tls: options.servicesTls });
  const gateway = await startGateway({ storage: storage.client, policy: policy.client, kms: kms.client, config, tls, logger: options.logger });
  return {
    endpoints: {
      http: gateway.httpPort === undefined ? undefined : `http://${hostFor(config.httpAddress)}:${gateway.httpPort}`,
      // The self-signed certificate names localhost; a configured one, presumably the host the gateway listens on.
      https: gateway.httpsPort === undefined ? undefined : `https://${configured === undefined ? 'localhost' : hostFor(config.httpsAddress)}:${gateway.httpsPort}`,
      certificatePath: local?.certPath,
    },
    async shutdown() {
      await gateway.close();
      storage.channel.close();
      policy.channel.close();
      kms.channel.close();
    },
  };
}
