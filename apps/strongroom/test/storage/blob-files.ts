import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under the blob directory (blobs and temporary files), as paths relative to it. */
export function blobFiles(blobDirectory: string): string[] {
  const found: string[] = [];
  for (const directory of readdirSync(blobDirectory)) {
    const path = join(blobDirectory, directory);
    if (!statSync(path).isDirectory()) continue;
    for (const name of readdirSync(path)) found.push(join(directory, name));
  }
  return found.sort();
}
