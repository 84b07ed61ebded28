import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startS3Harness, type S3Harness, type S3HarnessOptions, type TestAccount } from '../s3/s3-harness';

/** The region every client is told explicitly. */
export const REGION = 'us-east-1';

/** The in-process stack of the S3 tests, plus a scratch directory that is also the clients' HOME. */
export interface ClientStack {
  readonly s3: S3Harness;
  /** The gateway over plain HTTP: `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** `host:port` of the gateway, for clients that want it without a scheme. */
  readonly hostPort: string;
  /** The clients' HOME, inside the scratch directory, so no real `~/.aws`, `~/.s3cfg` or rclone config is read or written. */
  readonly home: string;
  /** A path inside the scratch directory. */
  path(...parts: string[]): string;
  /**
   * A bare environment for a client: PATH, the scratch HOME and TMPDIR, UTF-8,
   * the instance metadata service off, region us-east-1, nothing inherited
   * from this process (no AWS_PROFILE, no proxies, no pyenv), and `account`'s
   * keys in the AWS variables (default: the owner).
   */
  env(extra?: Readonly<Record<string, string>>, account?: TestAccount): NodeJS.ProcessEnv;
  /** Stops the stack and removes the scratch directory with everything the clients wrote there. */
  close(): Promise<void>;
}

/** Starts the S3 test harness (with `options`) and a scratch HOME for `client`. */
export async function startClientStack(client: string, options: S3HarnessOptions = {}): Promise<ClientStack> {
  const s3 = await startS3Harness(options);
  const scratch = mkdtempSync(join(tmpdir(), `strongroom-${client}-`));
  const home = join(scratch, 'home');
  const tmp = join(scratch, 'tmp');
  mkdirSync(home);
  mkdirSync(tmp);
  const endpoint = s3.http;
  return {
    s3,
    endpoint,
    hostPort: new URL(endpoint).host,
    home,
    path: (...parts) => join(scratch, ...parts),
    env(extra = {}, account = s3.owner) {
      return {
        PATH: process.env.PATH,
        HOME: home,
        TMPDIR: tmp,
        LANG: 'C.UTF-8',
        LC_ALL: 'C.UTF-8',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_REGION: REGION,
        AWS_DEFAULT_REGION: REGION,
        AWS_CONFIG_FILE: join(home, '.aws', 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
        AWS_ACCESS_KEY_ID: account.accessKeyId,
        AWS_SECRET_ACCESS_KEY: account.secretAccessKey,
        ...extra,
      };
    },
    async close() {
      try {
        await s3.close();
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
  };
}
