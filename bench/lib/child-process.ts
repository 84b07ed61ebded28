import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository root, where `node_modules/tsx` lives. */
const REPO = resolve(__dirname, '../..');

/** Options of {@link startTsChild}. */
export interface TsChildOptions {
  /** The TypeScript entry point, relative to the repository root. */
  readonly script: string;
  readonly args?: readonly string[];
  /** The child's whole environment. @default this process's */
  readonly env?: NodeJS.ProcessEnv;
  /** Node options before the script, such as `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  /** True once the child's output (stdout and stderr, so far) shows it is ready. */
  readonly ready: (output: string) => boolean;
  /** How long to wait for readiness. @default 60 s */
  readonly timeoutMs?: number;
}

/** A child process running TypeScript, ready to serve. */
export interface TsChild {
  readonly process: ChildProcess;
  /** Its process id: tsx is loaded with `--import`, so this is the process that does the work, not a wrapper. */
  readonly pid: number;
  /** Everything it has printed so far. */
  output(): string;
  /** Sends `signal` (default SIGINT) and resolves with the exit code once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `node --import tsx <script>` (one process, unlike the tsx CLI,
 * which runs the script in a second one) and resolves once `ready` accepts
 * its output; rejects if it exits or times out first.
 */
export function startTsChild(options: TsChildOptions): Promise<TsChild> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', resolve(REPO, options.script), ...(options.args ?? [])], {
    cwd: REPO,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const stop = async (signal: NodeJS.Signals = 'SIGINT') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`${options.script} was not ready after ${options.timeoutMs ?? 60_000} ms:\n${output}`));
    }, options.timeoutMs ?? 60_000);
    let ready = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!ready && options.ready(output)) {
        ready = true;
        clearTimeout(timer);
        resolveReady({ process: child, pid: child.pid!, output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${options.script} exited with ${code} before it was ready:\n${output}`));
    });
  });
}
