import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describeUnless } from '../describe-unless';

/** Where a real S3 client was found, or why it was not. */
export type LocatedClient = { readonly available: true; readonly name: string; readonly command: string } | { readonly available: false; readonly name: string; readonly reason: string };

/**
 * Debian's binaries come first: `scripts/install-s3-clients.sh` installs them
 * there, and a pyenv or pip install earlier on PATH (aws-cli v1, another
 * Python's boto3) is not the client these tests mean to exercise.
 */
const DEBIAN_BIN = '/usr/bin';

const INSTALL_HINT = 'install it with scripts/install-s3-clients.sh';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Debian's copy of `binary`, then every other one on PATH, without duplicates. */
function candidates(binary: string): string[] {
  const directories = [DEBIAN_BIN, ...(process.env.PATH ?? '').split(delimiter).filter((directory) => directory !== '')];
  return [...new Set(directories.map((directory) => join(directory, binary)))].filter(executable);
}

/** Runs `command args` with a bare environment; its output, or undefined when it fails. */
function probe(command: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync(command, args, { env: { PATH: process.env.PATH, HOME: '/nonexistent', LANG: 'C.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 }).toString();
  } catch {
    return undefined;
  }
}

function locate(name: string, binary: string, accept: (command: string) => boolean, missing: string): LocatedClient {
  const command = candidates(binary).find(accept);
  return command === undefined ? { available: false, name, reason: `${missing}; ${INSTALL_HINT}` } : { available: true, name, command };
}

/** aws-cli v2 (Debian `awscli`); a v1 `aws` does not count. */
export function locateAwsCli(): LocatedClient {
  return locate('aws-cli v2', 'aws', (command) => /^aws-cli\/2\./.test(probe(command, ['--version']) ?? ''), 'no aws-cli v2 (`aws --version` = aws-cli/2.x) was found');
}

/** A python3 that imports boto3 (Debian `python3-boto3`). */
export function locateBoto3(): LocatedClient {
  return locate('boto3', 'python3', (command) => probe(command, ['-c', 'import boto3']) !== undefined, 'no python3 that can `import boto3` was found');
}

/** s3cmd (Debian `s3cmd`). */
export function locateS3cmd(): LocatedClient {
  return locate('s3cmd', 's3cmd', (command) => probe(command, ['--version']) !== undefined, 'no working s3cmd was found');
}

/** rclone (Debian `rclone`). */
export function locateRclone(): LocatedClient {
  return locate('rclone', 'rclone', (command) => probe(command, ['version']) !== undefined, 'no working rclone was found');
}

/** `describe` when the client is there; otherwise as {@link describeUnless} says. */
export function describeWithClient(client: LocatedClient, title: string, body: (command: string) => void): void {
  describeUnless(client.available ? undefined : `${client.name}: ${client.reason}`, `${client.name} is installed`, title, () => body(client.available ? client.command : ''));
}
