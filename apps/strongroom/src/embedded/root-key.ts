import { configuredRootKey as configuredRootKeyOf, decodeRootKey } from '@strongroom/kms';
import type { Logger, Secret } from '@strongroom/observability';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateSecretFile } from './local-secrets';

/**
 * The embedded stack's root key when neither STRONGROOM_ROOT_KEY nor
 * STRONGROOM_ROOT_KEY_FILE gives one: `<dataDir>/root-key`, generated on
 * first start with a warning, since whoever reads that file can decrypt
 * everything.
 */
export function generatedRootKey(dataDir: string, logger: Logger): Secret<Uint8Array> {
  const path = generatedRootKeyPath(dataDir);
  const { value, created } = readOrCreateSecretFile(path, () => randomBytes(32).toString('base64'));
  if (created) {
    logger.warn({ path }, 'generated a root key in the data directory; anyone who can read it can decrypt every object. Set STRONGROOM_ROOT_KEY_FILE outside development');
  }
  return decodeRootKey(value);
}

/** The root key given by STRONGROOM_ROOT_KEY or STRONGROOM_ROOT_KEY_FILE, if either is set; errors name the variable. */
export function configuredRootKey(env: NodeJS.ProcessEnv): Secret<Uint8Array> | undefined {
  return configuredRootKeyOf({ rootKey: env.STRONGROOM_ROOT_KEY, rootKeyFile: env.STRONGROOM_ROOT_KEY_FILE });
}

/** Where the embedded stack keeps the root key it generated. */
export function generatedRootKeyPath(dataDir: string): string {
  return join(dataDir, 'root-key');
}
