/** What the CLI talks to: the process's streams and environment, or a test's. */
export interface CliIo {
  /** Writes text to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error. */
  readonly stderr: (text: string) => void;
  /** The environment variables the CLI reads its defaults from. */
  readonly env: NodeJS.ProcessEnv;
}
