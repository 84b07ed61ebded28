import { CredentialRegistry, tokenDigest, type CredentialEntry } from '@strongroom/grpc';
import { randomBytes } from 'node:crypto';
import { serviceTokenPath } from './defaults';
import { readOrCreateSecretFile } from './local-secrets';

/** The credentials the embedded stack accepts, and the token its own parts (and the CLI) use. */
export interface StackCredentials {
  readonly registry: CredentialRegistry;
  /** The embedded stack's own token: any account, service keys allowed. */
  readonly token: string;
  readonly tokenPath: string;
}

/**
 * The stack's token lives in `<dataDir>/service-token` (created on first
 * start, mode 0600); the CLI reads it from there. `extra` are the
 * credentials of STRONGROOM_SERVICE_CREDENTIALS_FILE (a tenant's
 * microservices), read with the rest of the settings.
 */
export function loadStackCredentials(env: NodeJS.ProcessEnv, extra: readonly CredentialEntry[]): StackCredentials {
  const tokenPath = serviceTokenPath(env);
  const { value: token } = readOrCreateSecretFile(tokenPath, () => randomBytes(32).toString('base64url'));
  const own: CredentialEntry = { name: 'strongroom', tokenSha256: tokenDigest(token), accounts: '*', serviceKeys: true };
  return { registry: new CredentialRegistry([own, ...extra]), token, tokenPath };
}
