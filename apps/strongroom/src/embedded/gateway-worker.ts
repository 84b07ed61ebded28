/**
 * The entry point of the embedded stack's gateway thread (see
 * gateway-thread.ts): starts the S3 gateway with the addresses and token
 * it was given, answers `ready` with its endpoints, and on `stop` closes it
 * and answers `stopped`.
 */
import { parseEnv, servicesTls, StartRefused } from '@strongroom/config';
import { loadGatewayConfig } from '@strongroom/gateway';
import { createLogger } from '@strongroom/observability';
import { parentPort, workerData } from 'node:worker_threads';
import { startEmbeddedGateway } from './gateway';
import type { GatewayThreadData, GatewayThreadFailure, GatewayThreadReply, GatewayThreadRequest } from './gateway-thread-messages';

/** What the main thread is told of an error that ends the gateway. */
function failureOf(error: unknown): GatewayThreadFailure {
  if (error instanceof StartRefused) return { kind: 'failed', message: error.message, refused: true };
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error), refused: false, stack: error instanceof Error ? error.stack : undefined };
}

async function run(port: NonNullable<typeof parentPort>): Promise<void> {
  const data = workerData as GatewayThreadData;
  const logger = createLogger({ name: 'strongroom', sync: true }).child({ service: 'gateway' });
  const reply = (message: GatewayThreadReply) => port.postMessage(message);
  // The main thread alone logs a crash, as one fatal record. This thread's logger writes each record as it is logged (sync): pino flushes no worker's buffer, and the thread is terminated once its gateway has stopped.
  const crash = (error: unknown) => {
    reply(failureOf(error));
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  try {
    const { servicesTls: clientTls } = parseEnv(process.env, { servicesTls: servicesTls() });
    const gateway = await startEmbeddedGateway({ ...data, config: loadGatewayConfig(process.env), servicesTls: clientTls, logger });
    port.on('message', (message: GatewayThreadRequest) => {
      if (message.kind !== 'stop') return;
      gateway.shutdown().then(
        () => reply({ kind: 'stopped' }),
        (error: unknown) => reply({ kind: 'failed', message: `the gateway did not stop cleanly: ${String(error)}`, refused: false }),
      );
    });
    reply({ kind: 'ready', endpoints: gateway.endpoints });
  } catch (error) {
    reply(failureOf(error));
  }
}

if (parentPort !== null) void run(parentPort);
