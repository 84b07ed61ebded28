/**
 * The gateway's probe endpoint, on a port of its own (no S3, no
 * authentication): `GET /livez` answers 200 while the process serves HTTP;
 * `GET /readyz` answers 200 only when every dependency check passes, else
 * 503 naming the ones that failed. Liveness does not look at the
 * dependencies, so an outage of storage or policy takes the gateway out of
 * its Service without restarting it.
 */
import type { Logger } from '@strongroom/observability';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOn } from '../http/listen';

/** One dependency the gateway needs in order to serve S3 requests. */
export interface ReadinessCheck {
  /** Named in `/readyz`'s answer and in the log. */
  readonly name: string;
  /** Resolves when the dependency is ready, rejects when it is not; `signal` aborts at the endpoint's timeout. */
  check(signal: AbortSignal): Promise<void>;
}

/** Options of {@link startHealthEndpoint}. */
export interface HealthEndpointOptions {
  /** `host:port` to listen on; port 0 picks a free port. */
  readonly address: string;
  /** What `/readyz` checks, concurrently. */
  readonly checks: readonly ReadinessCheck[];
  readonly logger: Logger;
  /** How long `/readyz` waits for a check before counting it failed, in ms. @default 2000 */
  readonly timeoutMs?: number;
}

/** The listening probe endpoint. */
export interface RunningHealthEndpoint {
  /** The port (the actual one when configured as 0). */
  readonly port: number;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** Why a check failed, or undefined when it passed in time. */
async function failureOf(check: ReadinessCheck, timeoutMs: number): Promise<string | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const timedOut = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs} ms`)), { once: true });
  });
  try {
    await Promise.race([check.check(controller.signal), timedOut]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

function answer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** Starts the probe endpoint. A change of readiness is logged once (warn when lost, info when regained), not on every probe. */
export async function startHealthEndpoint(options: HealthEndpointOptions): Promise<RunningHealthEndpoint> {
  const timeoutMs = options.timeoutMs ?? 2000;
  let wasReady: boolean | undefined;
  const readiness = async (res: ServerResponse) => {
    const results = await Promise.all(options.checks.map(async (check) => ({ name: check.name, failure: await failureOf(check, timeoutMs) })));
    const failed = results.filter((result) => result.failure !== undefined);
    const ready = failed.length === 0;
    if (ready !== wasReady) {
      if (ready) options.logger.info('gateway ready');
      else options.logger.warn({ failed: Object.fromEntries(failed.map((result) => [result.name, result.failure])) }, 'gateway not ready');
      wasReady = ready;
    }
    answer(res, ready ? 200 : 503, ready ? 'ready\n' : `not ready: ${failed.map((result) => result.name).join(', ')}\n`);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/livez' && path !== '/readyz') return answer(res, 404, 'not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return answer(res, 405, 'method not allowed\n');
    }
    if (path === '/livez') return answer(res, 200, 'ok\n');
    readiness(res).catch((error: unknown) => {
      options.logger.error({ err: error }, 'readiness check failed');
      if (!res.headersSent) answer(res, 500, 'error\n');
    });
  });
  const port = await listenOn(server, options.address, 'its probes');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
