import { readFileSync } from 'node:fs';
import { ConfigError } from './env';

/**
 * The text of the file a setting names; when it cannot be read, an error
 * naming the variable, the file and the reason (a ConfigError) (`ENOENT`, `EISDIR`), never
 * anything of the content.
 */
export function readConfiguredFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`]);
  }
}
