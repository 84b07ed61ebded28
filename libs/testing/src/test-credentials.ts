import { CredentialRegistry, tokenDigest, type ServiceCredential } from '@strongroom/grpc';
import { randomBytes } from 'node:crypto';

/** A service credential minted for a test: the token to call with and a registry accepting it. */
export interface TestCredential {
  readonly token: string;
  readonly registry: CredentialRegistry;
}

/** Mints one credential (by default: any account, service keys allowed) plus any extra ones. */
export function testCredentials(
  credential: Partial<ServiceCredential> = {},
  extra: readonly (ServiceCredential & { token: string })[] = [],
): TestCredential {
  const token = randomBytes(24).toString('base64url');
  const main = { name: 'test', accounts: '*' as const, serviceKeys: true, ...credential, tokenSha256: tokenDigest(token) };
  return {
    token,
    registry: new CredentialRegistry([main, ...extra.map((e) => ({ ...e, tokenSha256: tokenDigest(e.token) }))]),
  };
}
