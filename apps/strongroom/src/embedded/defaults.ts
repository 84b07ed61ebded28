/**
 * Defaults shared by the embedded stack and the `strongroom` CLI, so that
 * `npm start` and `npx strongroom ...` find each other with no configuration.
 */
import { join, resolve } from 'node:path';

/** The account the embedded stack creates first; the CLI acts for it unless told otherwise. */
export const DEFAULT_ACCOUNT_ID = '123456789012';

/** Where the embedded stack keeps its data: `STRONGROOM_DATA_DIR`, else `./data`. */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.STRONGROOM_DATA_DIR ?? 'data');
}

/** The file holding the embedded stack's service token (mode 0600), which the CLI reads. */
export function serviceTokenPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDirectory(env), 'service-token');
}

/** The KMS endpoint the CLI calls by default, matching the KMS's default listen address. */
export const DEFAULT_KMS_ENDPOINT = '127.0.0.1:7001';

/** The policy service endpoint the CLI calls by default, matching the policy service's default listen address. */
export const DEFAULT_POLICY_ENDPOINT = '127.0.0.1:7002';
