import { StartRefused } from '@strongroom/config';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { S3Endpoints } from './gateway';
import type { GatewayThreadData, GatewayThreadFailure, GatewayThreadReply, GatewayThreadRequest } from './gateway-thread-messages';

/** The gateway thread's entry point; a TypeScript file while the stack runs under tsx, JavaScript once compiled. */
const ENTRY = join(__dirname, `gateway-worker${extname(__filename)}`);

/**
 * A worker running {@link ENTRY}, loading TypeScript through tsx's require
 * hook when the entry is TypeScript. Of this process's Node options it
 * takes only the CPU profiler's (`--cpu-prof`, `--cpu-prof-dir`, ...), so
 * that a profiled stack profiles its gateway thread too; any other (a
 * second `--inspect` would fight over the port) stays with the main thread.
 */
function spawn(data: GatewayThreadData, env: NodeJS.ProcessEnv): Worker {
  const options = { workerData: data, env: gatewayThreadEnvironment(env), execArgv: process.execArgv.filter((option) => option.startsWith('--cpu-prof')) };
  if (!ENTRY.endsWith('.ts')) return new Worker(ENTRY, options);
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(ENTRY)});`, { ...options, eval: true });
}

/**
 * Settings of the stack that the gateway does not read and that hold
 * secrets: the root key, the root access key's secret, the database's URL
 * (with its password). A worker starts with a copy of the environment it
 * is given, so without this the internet-facing thread's heap held them.
 */
const NOT_FOR_THE_GATEWAY = ['STRONGROOM_ROOT_KEY', 'STRONGROOM_ROOT_SECRET_ACCESS_KEY', 'DATABASE_URL'];

/** The environment the gateway thread starts with: the stack's, without {@link NOT_FOR_THE_GATEWAY}. */
export function gatewayThreadEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const gatewayEnv = { ...env };
  for (const name of NOT_FOR_THE_GATEWAY) delete gatewayEnv[name];
  return gatewayEnv;
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
  const worker = spawn(data, env);
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
