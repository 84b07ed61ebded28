import { execFile } from 'node:child_process';

/** How a client process ended. */
export interface ClientRun {
  /** The exit code; -1 when the process was killed (timeout) or could not start. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The longest any single client command may take. */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Runs a client without a shell and without blocking the event loop (the
 * gateway it talks to runs in this process), and resolves however it ends.
 */
export function runClient(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ClientRun> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr: error !== null && code === -1 ? `${stderr}\n${error.message}` : stderr });
    });
  });
}

/** Runs a client that must succeed; its stdout, or an error that shows the command and everything it printed. */
export async function runClientOk(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<string> {
  const run = await runClient(command, args, env, timeoutMs);
  if (run.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  }
  return run.stdout;
}
