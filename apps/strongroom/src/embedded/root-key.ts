import { decodeRootKey } from '@strongroom/kms';
import type { Logger, Secret } from '@strongroom/observability';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOrCreateSecretFile } from './local-secrets';

/**
 * The root key: STRONGROOM_ROOT_KEY, else STRONGROOM_ROOT_KEY_FILE, else (the
 * embedded stack only) `<dataDir>/root-key`, generated on first start with a
 * warning, since whoever reads that file can decrypt everything.
 */
export function loadRootKey(env: NodeJS.ProcessEnv, dataDir: string, logger: Logger): Secret<Uint8Array> {
  const configured = configuredRootKey(env);
  if (configured) return configured;
  const path = generatedRootKeyPath(dataDir);
  const { value, created } = readOrCreateSecretFile(path, () => randomBytes(32).toString('base64'));
  if (created) {
    logger.warn({ path }, 'generated a root key in the data directory; anyone who can read it can decrypt every object. Set STRONGROOM_ROOT_KEY_FILE outside development');
  }
  return decodeRootKey(value);
}

/** The root key given by STRONGROOM_ROOT_KEY or STRONGROOM_ROOT_KEY_FILE, if either is set. */
export function configuredRootKey(env: NodeJS.ProcessEnv): Secret<Uint8Array> | undefined {
  if (env.STRONGROOM_ROOT_KEY) return decodeRootKey(env.STRONGROOM_ROOT_KEY);
  if (env.STRONGROOM_ROOT_KEY_FILE) return decodeRootKey(readFileSync(env.STRONGROOM_ROOT_KEY_FILE, 'utf8'));
  return undefined;
}

/** Where the embedded stack keeps the root key it generated. */
export function generatedRootKeyPath(dataDir: string): string {
  return join(dataDir, 'root-key');
}
