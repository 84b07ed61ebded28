import { readFileSync } from 'node:fs';

/**
 * The text of the file a setting names; when it cannot be read, an error
 * naming the variable, the file and the reason (`ENOENT`, `EISDIR`), never
 * anything of the content.
 */
export function readConfiguredFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}
