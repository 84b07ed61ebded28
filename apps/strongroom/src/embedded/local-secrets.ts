import { ConfigError, StartRefused } from '@strongroom/config';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Reads a secret file the embedded stack keeps in its data directory, or
 * creates it (mode 0600) with `generate()` on first start.
 * Returns the contents and whether it was just created. A file that other
 * users may read or write is refused, as ssh refuses a private key: its
 * secret may already be known, and the operator should decide. A file that
 * cannot be read or made is a StartRefused naming it.
 */
export function readOrCreateSecretFile(path: string, generate: () => string): { value: string; created: boolean } {
  try {
    return readOrCreate(path, generate);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    // Never the content: only the file, and the code of what failed (ENOTDIR, EACCES, EROFS, ENOSPC).
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new StartRefused(`cannot read or create ${path} (${code}): STRONGROOM_DATA_DIR must name a directory this user can write`);
  }
}

function readOrCreate(path: string, generate: () => string): { value: string; created: boolean } {
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new ConfigError([`${path} holds a secret but other users may read or write it (mode ${mode.toString(8).padStart(4, '0')}); run chmod 600 ${path} if it can still be trusted`]);
    }
    return { value: readFileSync(path, 'utf8').trim(), created: false };
  }
  mkdirSync(dirname(path), { recursive: true });
  const value = generate();
  writeFileSync(path, `${value}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { value, created: true };
}
