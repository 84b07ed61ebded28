import { createTestDatabase } from '@strongroom/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTsChild, type TsChild } from '../lib/child-process';
import type { BaselineKind } from './baseline-main';
import type { S3Credentials } from './sigv4-signer';

/** The servers the S3 case measures: Strongroom, the three baselines, and the durability floor (d). */
export type TargetName = 'Strongroom' | '(a) files' | '(b) files+crypto' | '(c) s3rver' | '(d) durable files';

/** The order targets are measured in, and printed. */
export const TARGET_NAMES: readonly TargetName[] = ['Strongroom', '(a) files', '(b) files+crypto', '(c) s3rver', '(d) durable files'];

/** The bucket every target serves the bench from. */
export const BENCH_BUCKET = 'bench';

/** s3rver's only credentials; the file servers check none, so they get the same. */
const S3RVER_CREDENTIALS: S3Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' };

/** A server under test, running in a child process of its own. */
export interface S3Target {
  readonly name: TargetName;
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly credentials: S3Credentials;
  /** The process that serves (for its CPU time and RSS). */
  readonly pid: number;
  /** Strongroom only: its HTTPS endpoint (`https://127.0.0.1:<port>`) and the self-signed certificate to trust for it, in PEM. */
  readonly https?: { readonly endpoint: string; readonly ca: string };
  /** Strongroom only: the URL of its database (for the KMS audit trail). */
  readonly databaseUrl?: string;
  /** Stops the process and removes its data. */
  stop(): Promise<void>;
}

/** Options of {@link startStrongroom}. */
export interface StrongroomTargetOptions {
  /** Node options for the stack's process, such as `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  /** More environment for the stack, such as `STRONGROOM_LEGACY_BUCKET_DEFAULTS`. */
  readonly env?: Readonly<Record<string, string>>;
}

const LISTEN_ON_PORT_0 = [
  'STRONGROOM_KMS_ADDRESS',
  'STRONGROOM_KMS_HEALTH_ADDRESS',
  'STRONGROOM_POLICY_ADDRESS',
  'STRONGROOM_POLICY_HEALTH_ADDRESS',
  'STRONGROOM_STORAGE_ADDRESS',
  'STRONGROOM_STORAGE_HEALTH_ADDRESS',
  'STRONGROOM_GATEWAY_HTTP_ADDRESS',
  'STRONGROOM_GATEWAY_HTTPS_ADDRESS',
];

function bannerField(output: string, pattern: RegExp, what: string): string {
  const value = pattern.exec(output)?.[1];
  if (value === undefined) throw new Error(`the launcher's banner has no ${what}:\n${output}`);
  return value;
}

async function stopChild(child: TsChild, cleanup: () => Promise<void> | void): Promise<void> {
  const timer = setTimeout(() => void child.stop('SIGKILL'), 30_000);
  try {
    await child.stop('SIGINT');
  } finally {
    clearTimeout(timer);
    await cleanup();
  }
}

/**
 * Starts the whole stack as `npm start` does (`apps/strongroom/src/main.ts`:
 * KMS, policy, storage and the gateway in one process) on a fresh database
 * of the server `DATABASE_URL` names, a temporary data directory and free
 * ports, and takes the S3 endpoint and the generated root key from its banner.
 */
export async function startStrongroom(options: StrongroomTargetOptions = {}): Promise<S3Target> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-bench-s3-'));
  const cleanup = async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, STRONGROOM_DATA_DIR: dataDir, STRONGROOM_LOG_LEVEL: 'error', ...options.env };
    for (const name of LISTEN_ON_PORT_0) env[name] = '127.0.0.1:0';
    const child = await startTsChild({ script: 'apps/strongroom/src/main.ts', env, nodeArgs: options.nodeArgs, ready: (output) => output.includes('Press Ctrl-C') });
    const output = child.output();
    // The certificate names localhost and 127.0.0.1; the gateway listens on 127.0.0.1 only, so no lookup may pick ::1.
    const httpsPort = /^\s+s3\s+.*https:\/\/localhost:(\d+)/m.exec(output)?.[1];
    const certificatePath = /self-signed certificate for localhost: (\S+)/.exec(output)?.[1];
    return {
      name: 'Strongroom',
      endpoint: bannerField(output, /^\s+s3\s+(http:\/\/\S+)/m, 'S3 endpoint'),
      credentials: {
        accessKeyId: bannerField(output, /^\s+access key\s+(\S+)/m, 'access key'),
        secretAccessKey: bannerField(output, /^\s+secret key\s+(\S+)/m, 'secret key'),
        region: bannerField(output, /running \(region (\S+)\)/, 'region'),
      },
      pid: child.pid,
      https: httpsPort === undefined || certificatePath === undefined ? undefined : { endpoint: `https://127.0.0.1:${httpsPort}`, ca: readFileSync(certificatePath, 'utf8') },
      databaseUrl: database.url,
      stop: () => stopChild(child, cleanup),
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Starts a baseline (`bench/s3/baseline-main.ts`) in a child process on a temporary directory ((d): and a fresh database of `DATABASE_URL`'s server). */
export async function startBaseline(name: Exclude<TargetName, 'Strongroom'>): Promise<S3Target> {
  const kinds: Record<typeof name, BaselineKind> = { '(a) files': 'files', '(b) files+crypto': 'sealed-files', '(c) s3rver': 's3rver', '(d) durable files': 'durable-files' };
  const directory = mkdtempSync(join(tmpdir(), 'strongroom-bench-baseline-'));
  const database = kinds[name] === 'durable-files' ? await createTestDatabase() : undefined;
  const cleanup = async () => {
    await database?.drop();
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    const child = await startTsChild({
      script: 'bench/s3/baseline-main.ts',
      args: [kinds[name], directory],
      env: database === undefined ? process.env : { ...process.env, DATABASE_URL: database.url },
      ready: (output) => output.includes('listening '),
    });
    return {
      name,
      endpoint: bannerField(child.output(), /listening (\S+)/, 'address'),
      credentials: S3RVER_CREDENTIALS,
      pid: child.pid,
      stop: () => stopChild(child, cleanup),
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
