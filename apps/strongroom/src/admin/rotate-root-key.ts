/**
 * `npm start -- rotate-root-key --new-root-key-file <file>`: re-wraps every
 * KMS key version under a new root key, in one transaction, without changing
 * any data key or any ciphertext. Run it while the stack is stopped.
 *
 * The old root key is the one the stack uses (STRONGROOM_ROOT_KEY(_FILE), or
 * the generated `<data>/root-key`). When the stack uses the generated file,
 * the file is replaced by the new key after the transaction commits;
 * otherwise the operator must configure the new key before the next start.
 */
import { StartRefused } from '@strongroom/config';
import { closePool, createPool } from '@strongroom/db';
import { decodeRootKey, rotateRootKey } from '@strongroom/kms';
import type { Logger, Secret } from '@strongroom/observability';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openStackDatabase } from '../embedded/database';
import { dataDirectory } from '../embedded/defaults';
import { configuredRootKey, generatedRootKeyPath } from '../embedded/root-key';
import { loadStackConfig } from '../embedded/stack-config';

const USAGE = 'usage: npm start -- rotate-root-key --new-root-key-file <file holding 32 bytes as base64 or hex>';

/** The --new-root-key-file the arguments name; undefined when they name none or are not the command's. */
function newKeyFileOf(args: readonly string[]): string | undefined {
  try {
    return parseArgs({ args: [...args], options: { 'new-root-key-file': { type: 'string' } }, strict: true }).values['new-root-key-file'];
  } catch {
    return undefined;
  }
}

/** The text of a root key file, refusing (with the file's name and never its content) one that cannot be read. */
function readRootKeyFile(description: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new StartRefused(`cannot read ${description} ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}

/** The root key a file's text holds, refusing (with the file's name and never its content) one that holds none. */
function decodeRootKeyFile(description: string, path: string, text: string) {
  try {
    return decodeRootKey(text);
  } catch (error) {
    throw new StartRefused(`${description} ${path}: ${(error as Error).message}`);
  }
}

/**
 * Runs the command; returns the process exit code (2 for arguments that
 * are not the command's, after printing its usage). A failure the operator
 * can act on (a key file, a setting, the database) is a StartRefused.
 * Its copies of both root keys are wiped once done, rotated or refused
 * (rotateRootKey wipes its own).
 */
export async function rotateRootKeyCommand(args: readonly string[], env: NodeJS.ProcessEnv, logger: Logger, print: (line: string) => void): Promise<number> {
  const newKeyFile = newKeyFileOf(args);
  if (newKeyFile === undefined) {
    print(USAGE);
    return 2;
  }
  const newKeyText = readRootKeyFile('the new root key file', newKeyFile);
  const newKey = decodeRootKeyFile('the new root key file', newKeyFile, newKeyText);
  let oldKey: Secret<Uint8Array> | undefined;
  try {
    const dataDir = dataDirectory(env);
    const generatedPath = generatedRootKeyPath(dataDir);
    const configured = configuredRootKey(env);
    if (configured === undefined && !existsSync(generatedPath)) {
      throw new StartRefused(`no root key to rotate: STRONGROOM_ROOT_KEY(_FILE) is unset and ${generatedPath} does not exist`);
    }
    oldKey = configured ?? decodeRootKeyFile('the root key file', generatedPath, readRootKeyFile('the root key file', generatedPath));

    const stackConfig = loadStackConfig(env);
    const database = await openStackDatabase(stackConfig.databaseUrl, dataDir, stackConfig.postgresPort, logger);
    const pool = createPool({ connectionString: database.url, applicationName: 'strongroom-rotate-root-key' });
    try {
      const count = await rotateRootKey(pool, oldKey, newKey);
      print(`re-wrapped ${count} key version(s) under the new root key`);
    } finally {
      await closePool(pool);
      await database.stop();
    }
    if (configured === undefined) {
      const temporary = `${generatedPath}.new`;
      rmSync(temporary, { force: true });
      writeFileSync(temporary, `${newKeyText.trim()}\n`, { mode: 0o600, flag: 'wx' });
      renameSync(temporary, generatedPath);
      print(`${generatedPath} now holds the new root key`);
    } else {
      print('configure the new root key (STRONGROOM_ROOT_KEY or STRONGROOM_ROOT_KEY_FILE) on every kms before its next start');
    }
  } finally {
    newKey.reveal().fill(0);
    oldKey?.reveal().fill(0);
  }
  return 0;
}
