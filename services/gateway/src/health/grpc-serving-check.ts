import type { Client } from 'nice-grpc';
import { HealthCheckResponse_ServingStatus, type HealthDefinition } from 'nice-grpc-server-health/lib/proto/grpc/health/v1/health';
import type { ReadinessCheck } from './health-endpoint';

/** A `grpc.health.v1` client on a dependency's authenticated API channel. */
export type HealthClient = Client<HealthDefinition>;

/**
 * A readiness check that asks a dependency's API port (`grpc.health.v1`,
 * with the gateway's own service credential) whether `service` is SERVING.
 * Passing proves more than a TCP connect would: the address resolves, the
 * server answers, it accepts the gateway's token and has not started to
 * drain.
 */
export function grpcServingCheck(name: string, health: HealthClient, service: string): ReadinessCheck {
  return {
    name,
    async check(signal) {
      const { status } = await health.check({ service }, { signal });
      if (status !== HealthCheckResponse_ServingStatus.SERVING) {
        throw new Error(`${service} is ${HealthCheckResponse_ServingStatus[status] ?? String(status)}`);
      }
    },
  };
}
