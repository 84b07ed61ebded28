import { ServerCredentials } from '@grpc/grpc-js';
import { StartRefused, type TlsCertificate } from '@strongroom/config';
import { PROTOSET_PATH } from '@strongroom/contracts';
import type { Logger } from '@strongroom/observability';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'nice-grpc';
import { errorDetailsServerMiddleware } from 'nice-grpc-error-details';
import { HealthDefinition, HealthServiceImpl, HealthState } from 'nice-grpc-server-health';
import { ServerReflection, ServerReflectionService } from 'nice-grpc-server-reflection';
import { authenticationMiddleware, type CallerContext } from './auth';
import { withoutBindFailureLines } from './bind-failure-log';
import { GRPC_CHANNEL_OPTIONS } from './channel-options';
import type { CredentialRegistry } from './credentials';
import { errorBoundaryMiddleware, type UnavailabilityCheck } from './error-boundary';
import { refusingUndecodableRequests, withGuardedDecoding } from './request-decoding';
import { widenServerReceiveWindows } from './server-flow-control';

/** An authenticated server to register services on. */
export type AuthenticatedServer = Server<CallerContext>;

/** Options of {@link startGrpcServer}. */
export interface GrpcServerOptions {
  /** What operators call the service (kms, policy, storage): a listen that fails names it. */
  readonly name: string;
  /** `host:port` of the authenticated API; port 0 picks a free port. */
  readonly address: string;
  /** `host:port` of the health endpoint (no authentication, for probes); port 0 picks a free port. */
  readonly healthAddress: string;
  /** The service credentials accepted. */
  readonly credentials: CredentialRegistry;
  readonly logger: Logger;
  /** Registers the service implementations. */
  readonly register: (server: AuthenticatedServer) => void;
  /** Full names of the services, served by reflection and reported by health. */
  readonly serviceNames: readonly string[];
  /** The API port's certificate chain and key: it serves TLS (clients need no certificate); plaintext when absent. The health port stays plaintext, for probes. */
  readonly tls?: TlsCertificate | undefined;
  /** Recognizes failures of the server's database that make a call UNAVAILABLE rather than INTERNAL. */
  readonly isUnavailable?: UnavailabilityCheck;
  /** How long a connection to the health port lasts; it is cut half as long again after. @default PROBE_CONNECTION_AGE_MS */
  readonly probeConnectionAgeMs?: number;
}

/**
 * How long a connection to the health port lasts, in ms. A probe takes one
 * call; the port answers anyone (Kubernetes' probes come from the node), and
 * without an end a client that opened connections and sent nothing (or
 * held a Watch open) kept them, and their descriptors, for good.
 */
export const PROBE_CONNECTION_AGE_MS = 10_000;

/** A running server. */
export interface RunningGrpcServer {
  readonly port: number;
  readonly healthPort: number;
  /** Health of the whole server ('') and of each service; set 'unhealthy' to drain. */
  readonly health: HealthState;
  /** Stops accepting calls, lets running calls finish, then closes. */
  shutdown(): Promise<void>;
}

/**
 * Listens, or fails naming the address and what it was for: grpc-js says
 * only "No address added out of total 1 resolved", with the cause inside.
 */
async function listenOn(address: string, purpose: string, listen: () => Promise<number>): Promise<number> {
  try {
    return await listen();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = message.includes('EADDRINUSE') ? 'the address is in use by another process' : message;
    throw new StartRefused(`cannot listen on ${address} for ${purpose}: ${reason}`, { cause: error });
  }
}

/**
 * Starts a gRPC server the Strongroom way: every call authenticated by a
 * service credential and passed through one error boundary; a request its
 * decoder refuses is INVALID_ARGUMENT, not grpc-js's INTERNAL; gRPC reflection
 * beside the services; `grpc.health.v1` on a second port that needs no
 * credential, so Kubernetes probes work.
 */
export async function startGrpcServer(options: GrpcServerOptions): Promise<RunningGrpcServer> {
  widenServerReceiveWindows();
  withoutBindFailureLines();
  const health = HealthState();
  const api = createServer(GRPC_CHANNEL_OPTIONS)
    .use(errorDetailsServerMiddleware)
    .use(errorBoundaryMiddleware(options.logger, options.isUnavailable))
    .use(authenticationMiddleware(options.credentials, options.tls !== undefined));
  options.register({
    ...api,
    add: (definition, implementation) => api.add(withGuardedDecoding(definition), refusingUndecodableRequests(definition, implementation)),
  });
  api.add(ServerReflectionService, ServerReflection(readFileSync(PROTOSET_PATH), [...options.serviceNames, 'grpc.health.v1.Health']));
  api.add(HealthDefinition, HealthServiceImpl(health));

  const probeConnectionAgeMs = options.probeConnectionAgeMs ?? PROBE_CONNECTION_AGE_MS;
  const probes = createServer({ 'grpc.max_connection_age_ms': probeConnectionAgeMs, 'grpc.max_connection_age_grace_ms': Math.ceil(probeConnectionAgeMs / 2) });
  probes.add(HealthDefinition, HealthServiceImpl(health));

  const apiCredentials =
    options.tls === undefined
      ? ServerCredentials.createInsecure()
      : ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(options.tls.cert), private_key: Buffer.from(options.tls.key) }], false);
  const port = await listenOn(options.address, `the ${options.name} API`, () => api.listen(options.address, apiCredentials));
  const healthPort = await listenOn(options.healthAddress, `the ${options.name} health probes`, () => probes.listen(options.healthAddress)).catch(async (error: unknown) => {
    await api.shutdown();
    throw error;
  });
  health.setStatus('healthy');
  for (const name of options.serviceNames) health.setStatus('healthy', name);

  return {
    port,
    healthPort,
    health,
    async shutdown() {
      health.setStatus('unhealthy');
      for (const name of options.serviceNames) health.setStatus('unhealthy', name);
      await api.shutdown();
      await probes.shutdown();
    },
  };
}
