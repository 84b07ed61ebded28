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
import { closePool, createPool } from '@strongroom/db';
import { decodeRootKey, rotateRootKey } from '@strongroom/kms';
import type { Logger } from '@strongroom/observability';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openStackDatabase } from '../embedded/database';
import { dataDirectory } from '../embedded/defaults';
import { configuredRootKey, generatedRootKeyPath } from '../embedded/root-key';
import { loadStackConfig } from '../embedded/stack-config';

const USAGE = 'usage: npm start -- rotate-root-key --new-root-key-file <file holding 32 bytes as base64 or hex>';

/** Runs the command; returns the process exit code. */
export async function rotateRootKeyCommand(args: readonly string[], env: NodeJS.ProcessEnv, logger: Logger, print: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { 'new-root-key-file': { type: 'string' } }, strict: true });
  const newKeyFile = values['new-root-key-file'];
  if (newKeyFile === undefined) {
    print(USAGE);
    return 2;
  }
  const newKeyText = readFileSync(newKeyFile, 'utf8');
  const newKey = decodeRootKey(newKeyText);
  const dataDir = dataDirectory(env);
  const generatedPath = generatedRootKeyPath(dataDir);
  const configured = configuredRootKey(env);
  if (configured === undefined && !existsSync(generatedPath)) {
    print(`no root key to rotate: STRONGROOM_ROOT_KEY(_FILE) is unset and ${generatedPath} does not exist`);
    return 1;
  }
  const oldKey = configured ?? decodeRootKey(readFileSync(generatedPath, 'utf8'));

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
  return 0;
}
