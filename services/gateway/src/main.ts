/**
 * The gateway as its own process (Kubernetes): `tsx services/gateway/src/main.ts`.
 * Without a certificate (STRONGROOM_GATEWAY_TLS_CERT_FILE / _KEY_FILE) it
 * serves HTTP only, for an ingress that ends TLS (list it in
 * STRONGROOM_GATEWAY_TRUSTED_PROXIES). Probes use `/livez` and `/readyz` on
 * STRONGROOM_GATEWAY_HEALTH_ADDRESS; ready means storage, policy and kms
 * answer SERVING to the gateway's own credential.
 */
import { exitOnStartFailure, parseEnv, parseSetting, servicesTls, SettingsProblems, text } from '@strongroom/config';
import { kmsServiceDefinition, kmsV1, policyServiceDefinition, policyV1, storageServiceDefinition, storageV1 } from '@strongroom/contracts';
import { createServiceClient, readServiceToken, tuneHeapForBulkStreams } from '@strongroom/grpc';
import { exitAfterShutdown, launcherLogger, logCrashesThrough, reportCrash } from '@strongroom/observability';
import { HealthDefinition } from 'nice-grpc-server-health';
import { loadGatewayConfig } from './config';
import { grpcServingCheck } from './health/grpc-serving-check';
import { startHealthEndpoint } from './health/health-endpoint';
import { startGateway } from './server';

const ENDPOINT = { pattern: /^\S+:\d{1,5}$/, hint: 'host:port' };

const { logger, levelProblem } = launcherLogger('gateway');
logCrashesThrough(logger);

/** Every setting of the gateway, its files read, before anything starts: every problem in one ConfigError. */
function readSettings() {
  const problems = new SettingsProblems(levelProblem);
  const config = problems.read(() => loadGatewayConfig(process.env));
  const endpoints = problems.read(() =>
    parseEnv(process.env, {
      storage: text('STRONGROOM_STORAGE_ENDPOINT', { default: '127.0.0.1:7003', ...ENDPOINT }),
      policy: text('STRONGROOM_POLICY_ENDPOINT', { default: '127.0.0.1:7002', ...ENDPOINT }),
      kms: text('STRONGROOM_KMS_ENDPOINT', { default: '127.0.0.1:7001', ...ENDPOINT }),
      servicesTls: servicesTls(),
    }),
  );
  const token = problems.read(() => readServiceToken(parseSetting(process.env, text('STRONGROOM_SERVICE_TOKEN_FILE'))));
  if (problems.found || config === undefined || endpoints === undefined || token === undefined) throw problems.error();
  return { config, endpoints, token, tls: config.tls };
}

async function main(): Promise<void> {
  const { config, endpoints, token, tls } = readSettings();
  tuneHeapForBulkStreams();
  const storage = createServiceClient(storageServiceDefinition, { address: endpoints.storage, token, tls: endpoints.servicesTls });
  const policy = createServiceClient(policyServiceDefinition, { address: endpoints.policy, token, tls: endpoints.servicesTls });
  const kms = createServiceClient(kmsServiceDefinition, { address: endpoints.kms, token, tls: endpoints.servicesTls });
  if (tls === undefined) logger.warn('no TLS certificate configured: serving HTTP only');
  const gateway = await startGateway({ storage: storage.client, policy: policy.client, kms: kms.client, config, ...(tls === undefined ? {} : { tls }), logger });
  const health = await startHealthEndpoint({
    address: config.healthAddress,
    logger,
    checks: [
      grpcServingCheck('storage', createServiceClient(HealthDefinition, { address: endpoints.storage, token, channel: storage.channel }).client, storageV1.StorageServiceDefinition.fullName),
      grpcServingCheck('policy', createServiceClient(HealthDefinition, { address: endpoints.policy, token, channel: policy.channel }).client, policyV1.PolicyServiceDefinition.fullName),
      grpcServingCheck('kms', createServiceClient(HealthDefinition, { address: endpoints.kms, token, channel: kms.channel }).client, kmsV1.KeyManagementServiceDefinition.fullName),
    ],
  });
  logger.info({ httpPort: gateway.httpPort, httpsPort: gateway.httpsPort, healthPort: health.port }, 'gateway serving');
  const stop = exitAfterShutdown(logger, () =>
    Promise.all([gateway.close(), health.close()]).then(() => {
      storage.channel.close();
      policy.channel.close();
      kms.channel.close();
    }),
  );
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => exitOnStartFailure('gateway', error, (crash) => reportCrash(logger, 'gateway failed to start', crash)));
