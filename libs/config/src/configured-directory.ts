import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from './env';

/**
 * Creates the directory a setting names (`variable`), with its missing
 * parents, one level at a time; when one cannot be created, a ConfigError
 * naming the variable, that directory and the reason. Node's recursive
 * mkdir never returns under a parent that exists but answers ENOENT for a
 * new directory (/proc: `/proc/foo`), so a start there hung.
 */
export function createConfiguredDirectory(variable: string, path: string): void {
  const missing: string[] = [];
  for (let directory = resolve(path); !existsSync(directory) && dirname(directory) !== directory; directory = dirname(directory)) missing.unshift(directory);
  for (const directory of missing) {
    try {
      mkdirSync(directory);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new ConfigError([`${variable}: cannot create the directory ${directory} (${code ?? 'failed'}): choose one on a writable file system`]);
    }
  }
}
