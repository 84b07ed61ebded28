import { StartRefused } from '@strongroom/config';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { S3Endpoints } from './gateway';
import type { GatewayThreadData, GatewayThreadFailure, GatewayThreadReply, GatewayThreadRequest } from './gateway-thread-messages';

/** The gateway thread's entry point; a TypeScript file while the stack runs under tsx, JavaScript once compiled. */
const ENTRY = join(__dirname, `gateway-worker${extname(__filename)}`);

/**
 * A worker running the gateway thread's `entry` ({@link ENTRY}; a test's
 * own to see what a thread is given) with `data`, in the environment
 * {@link gatewayThreadEnvironment} leaves it, loading TypeScript through
 * tsx's require hook when the entry is TypeScript. Of
 * this process's Node options it takes only the CPU profiler's
 * (`--cpu-prof`, `--cpu-prof-dir`, ...), so that a profiled stack profiles
 * its gateway thread too; any other (a second `--inspect` would fight over
 * the port) stays with the main thread.
 */
export function spawnGatewayWorker(data: GatewayThreadData, env: NodeJS.ProcessEnv, entry = ENTRY): Worker {
  const options = { workerData: data, env: gatewayThreadEnvironment(env), execArgv: process.execArgv.filter((option) => option.startsWith('--cpu-prof')) };
  if (!entry.endsWith('.ts')) return new Worker(entry, options);
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { ...options, eval: true });
}

/**
 * The stack's settings the gateway reads (its configuration, the services'
 * TLS, the log level): of the stack's own (`STRONGROOM_*`) settings, only
 * these reach its thread. The others hold secrets (the root key, the root
 * access key's secret) or concern only the services.
 */
const GATEWAY_SETTING = /^STRONGROOM_(GATEWAY_[A-Z0-9_]+|REGION|SERVICES_TLS|SERVICES_CA_FILE|LOG_LEVEL)$/;

/** The database's connection settings (DATABASE_URL, and libpq's PG* with PGPASSWORD and PGPASSFILE): the gateway opens no database. */
const DATABASE_SETTING = /^(DATABASE_URL|PG[A-Z_]+)$/;

/**
 * The environment the gateway thread starts with: of the stack's own
 * settings only {@link GATEWAY_SETTING}, and the rest of the environment
 * (the PATH, proxies, Node's and grpc-js's variables, which libraries read)
 * without {@link DATABASE_SETTING}. A worker starts with a copy of the
 * environment it is given, so without this the internet-facing thread's
 * heap held the stack's secrets.
 */
export function gatewayThreadEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => (name.startsWith('STRONGROOM_') ? GATEWAY_SETTING.test(name) : !DATABASE_SETTING.test(name))));
}

/** The gateway thread's failure as an error of this thread: a StartRefused again, or an Error with the thread's stack. */
function errorOf(failure: GatewayThreadFailure): Error {
  if (failure.refused) return new StartRefused(failure.message);
  const error = new Error(`the gateway thread failed: ${failure.message}`);
  if (failure.stack !== undefined) error.stack = `${error.message}\n${failure.stack}`;
  return error;
}

/** The running gateway thread. */
export interface GatewayThread {
  readonly endpoints: S3Endpoints;
  /** Stops the gateway and waits for its thread to end. */
  shutdown(): Promise<void>;
}

/**
 * Starts the embedded S3 gateway on a thread of its own, in this process:
 * HTTP parsing, SigV4 and the gateway's side of every gRPC call run beside
 * the services' event loop rather than on it, so the stack can use a second
 * core. The gateway still reaches storage, policy and kms over loopback
 * gRPC, as in every other deployment. `onCrash` hears, once, of a thread
 * that ends or fails without being asked to stop; `shutdown` then only
 * ends what is left of it.
 */
export function startGatewayThread(data: GatewayThreadData, env: NodeJS.ProcessEnv, onCrash: (error: Error) => void): Promise<GatewayThread> {
  const worker = spawnGatewayWorker(data, env);
  let phase: 'starting' | 'running' | 'crashed' | 'stopping' = 'starting';
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const ended = (error: Error) => {
      if (phase === 'starting') {
        phase = 'stopping';
        void worker.terminate();
        reject(error);
      } else if (phase === 'running') {
        phase = 'crashed';
        onCrash(error);
      }
    };
    worker.on('error', ended);
    worker.on('exit', (code) => ended(new Error(`the gateway thread exited with code ${code}`)));
    worker.on('message', (reply: GatewayThreadReply) => {
      if (reply.kind === 'failed' && phase !== 'stopping') ended(errorOf(reply));
      if (reply.kind !== 'ready') return;
      phase = 'running';
      resolve({
        endpoints: reply.endpoints,
        shutdown: async () => {
          const crashed = phase === 'crashed';
          phase = 'stopping';
          if (crashed) await worker.terminate();
          else await stop(worker);
          await exited;
        },
      });
    });
  });
}

/** Asks the gateway to stop, then ends its thread; rejects when the gateway did not stop cleanly. */
function stop(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.on('message', (reply: GatewayThreadReply) => {
      if (reply.kind === 'stopped') void worker.terminate().then(() => resolve());
      if (reply.kind === 'failed') void worker.terminate().then(() => reject(new Error(reply.message)));
    });
    worker.postMessage({ kind: 'stop' } satisfies GatewayThreadRequest);
  });
}
