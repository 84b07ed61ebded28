import { ConfigError, readConfiguredFile } from '@strongroom/config';
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A service credential: who a calling process is, and whom it may speak for.
 * Every gRPC server of Strongroom requires one on every call (health aside).
 */
export interface ServiceCredential {
  /** A name for logs and audit, e.g. `gateway`, `billing-service`. */
  readonly name: string;
  /** The accounts whose principals the caller may assert: `*` for any. */
  readonly accounts: '*' | readonly string[];
  /** Whether the caller may use service-owned keys (the SSE-S3 key): the storage service. */
  readonly serviceKeys: boolean;
}

/** How a credential is configured: its token is kept only as a SHA-256 digest. */
export interface CredentialEntry extends ServiceCredential {
  /** Hex SHA-256 of the bearer token. */
  readonly tokenSha256: string;
}

/** The hex SHA-256 of a token, as stored in a {@link CredentialEntry}. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Resolves bearer tokens to credentials in constant time per entry. */
export class CredentialRegistry {
  readonly #entries: readonly { digest: Buffer; credential: ServiceCredential }[];

  constructor(entries: readonly CredentialEntry[]) {
    this.#entries = entries.map((entry) => ({
      digest: Buffer.from(entry.tokenSha256, 'hex'),
      credential: { name: entry.name, accounts: entry.accounts, serviceKeys: entry.serviceKeys },
    }));
  }

  /** The credential a token belongs to, or undefined. */
  resolve(token: string): ServiceCredential | undefined {
    const digest = createHash('sha256').update(token, 'utf8').digest();
    let found: ServiceCredential | undefined;
    for (const entry of this.#entries) {
      if (timingSafeEqual(entry.digest, digest)) found = entry.credential;
    }
    return found;
  }
}

/**
 * Parses the credentials file (`STRONGROOM_SERVICE_CREDENTIALS_FILE`): a JSON
 * array of `{name, tokenSha256, accounts, serviceKeys}` (the digest in hex of
 * either case). Throws naming the first malformed entry, never quoting the
 * text: a file mistaken for it may hold a token.
 */
export function parseCredentialEntries(json: string): CredentialEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('service credentials: not valid JSON');
  }
  if (!Array.isArray(parsed)) throw new Error('service credentials: expected a JSON array');
  return parsed.map((raw: unknown, index) => {
    // An entry that is not an object (null, a string) has none of the fields: its problem is theirs, not a TypeError's.
    const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof CredentialEntry, unknown>>;
    const accounts = entry.accounts;
    const accountsOk = accounts === '*' || (Array.isArray(accounts) && accounts.every((a) => typeof a === 'string' && /^\d{12}$/.test(a)));
    if (typeof entry.name !== 'string' || typeof entry.tokenSha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(entry.tokenSha256) || !accountsOk) {
      throw new Error(`service credentials: entry ${index} needs name, tokenSha256 (64 hex) and accounts ('*' or 12-digit ids)`);
    }
    return {
      name: entry.name,
      tokenSha256: entry.tokenSha256.toLowerCase(),
      accounts: accounts as '*' | string[],
      serviceKeys: entry.serviceKeys === true,
    };
  });
}

/** Reads and parses the file `STRONGROOM_SERVICE_CREDENTIALS_FILE` names; every error names the variable and the file. */
export function readCredentialsFile(path: string): CredentialEntry[] {
  const json = readConfiguredFile('STRONGROOM_SERVICE_CREDENTIALS_FILE', path);
  try {
    return parseCredentialEntries(json);
  } catch (error) {
    throw new ConfigError([`STRONGROOM_SERVICE_CREDENTIALS_FILE (${path}): ${(error as Error).message}`]);
  }
}

/** A service's own bearer token, from the file STRONGROOM_SERVICE_TOKEN_FILE names; errors name the variable and the file. */
export function readServiceToken(path: string): string {
  const token = readConfiguredFile('STRONGROOM_SERVICE_TOKEN_FILE', path).trim();
  if (token === '') throw new ConfigError([`STRONGROOM_SERVICE_TOKEN_FILE: ${path} is empty`]);
  return token;
}
