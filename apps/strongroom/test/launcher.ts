import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');

/** A launcher started by {@link startLauncher}. */
export interface StartedStack {
  readonly process: ChildProcess;
  /** True when it leads a process group of its own, which {@link stopLauncher} then signals whole, as a terminal does. */
  readonly ownProcessGroup: boolean;
  readonly kms: string;
  readonly health: string;
  readonly policyHealth: string;
  readonly storageHealth: string;
  readonly output: () => string;
}

/** The environment of a launcher on `dataDir`: free ports, and no DATABASE_URL unless `overrides` gives one, so it starts its own PostgreSQL; `overrides` last. */
function launcherEnv(dataDir: string, overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STRONGROOM_DATA_DIR: dataDir,
    STRONGROOM_KMS_ADDRESS: '127.0.0.1:0',
    STRONGROOM_KMS_HEALTH_ADDRESS: '127.0.0.1:0',
    STRONGROOM_POLICY_ADDRESS: '127.0.0.1:0',
    STRONGROOM_POLICY_HEALTH_ADDRESS: '127.0.0.1:0',
    STRONGROOM_GATEWAY_HTTP_ADDRESS: '127.0.0.1:0',
    STRONGROOM_GATEWAY_HTTPS_ADDRESS: '127.0.0.1:0',
    STRONGROOM_STORAGE_ADDRESS: '127.0.0.1:0',
    STRONGROOM_STORAGE_HEALTH_ADDRESS: '127.0.0.1:0',
    STRONGROOM_LOG_LEVEL: 'warn',
    ...overrides,
  };
  if (overrides.DATABASE_URL === undefined) delete env.DATABASE_URL;
  return env;
}

function spawnLauncher(dataDir: string, args: readonly string[] = [], overrides: NodeJS.ProcessEnv = {}, ownProcessGroup = false): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(REPO, 'apps/strongroom/src/main.ts'), ...args], {
    cwd: REPO,
    env: launcherEnv(dataDir, overrides),
    detached: ownProcessGroup,
  });
}

/**
 * Starts the launcher exactly as `npm start` does, but on free ports and
 * without DATABASE_URL (`env` added to its environment); with
 * `ownProcessGroup`, as the leader of a process group that its PostgreSQL
 * joins, as in a terminal.
 */
export function startLauncher(dataDir: string, options: { ownProcessGroup?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<StartedStack> {
  const ownProcessGroup = options.ownProcessGroup ?? false;
  const child = spawnLauncher(dataDir, [], options.env ?? {}, ownProcessGroup);
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /kms\s+grpc (\S+)\s+health (\S+)/.exec(output);
      const policy = /policy\s+grpc (\S+)\s+health (\S+)/.exec(output);
      const storage = /storage\s+grpc (\S+)\s+health (\S+)/.exec(output);
      if (match && policy && storage && output.includes('Press Ctrl-C')) {
        resolvePromise({ process: child, ownProcessGroup, kms: match[1]!, health: match[2]!, policyHealth: policy[2]!, storageHealth: storage[2]!, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`launcher exited with ${code}:\n${output}`)));
  });
}

/** Sends `signal` to a launcher, or to its whole process group when it leads one. */
export function signalLauncher(stack: StartedStack, signal: 'SIGINT' | 'SIGTERM'): void {
  if (stack.ownProcessGroup) process.kill(-stack.process.pid!, signal);
  else stack.process.kill(signal);
}

/** Stops a launcher with `signal` (Ctrl-C unless told); resolves with its exit code. */
export function stopLauncher(stack: StartedStack, signal: 'SIGINT' | 'SIGTERM' = 'SIGINT'): Promise<number | null> {
  return new Promise((resolvePromise) => {
    stack.process.removeAllListeners('exit');
    stack.process.once('exit', (code) => resolvePromise(code));
    signalLauncher(stack, signal);
  });
}

/** Runs a launcher command (`npm start -- <args>`, with `overrides` in its environment) to its end; resolves with its exit code and output. */
export function runLauncherCommand(dataDir: string, args: readonly string[], overrides: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  const child = spawnLauncher(dataDir, args, overrides);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolvePromise) => child.once('exit', (code) => resolvePromise({ code, output })));
}
