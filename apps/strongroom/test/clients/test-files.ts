import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** One MiB. */
export const MiB = 1024 * 1024;

/** Writes `size` random bytes to `path` (creating its directory) and returns the path. */
export function writeRandomFile(path: string, size: number): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, randomBytes(size));
  return path;
}

/**
 * Where two files differ, in words, or null when they hold the same bytes. A
 * boolean would hide what went wrong, and jest's diff of two 64 MiB buffers
 * would take minutes.
 */
export function firstDifference(expected: string, actual: string): string | null {
  const a = readFileSync(expected);
  const b = readFileSync(actual);
  if (a.equals(b)) return null;
  const length = Math.min(a.length, b.length);
  let offset = 0;
  while (offset < length && a[offset] === b[offset]) offset++;
  return `${actual} (${b.length} bytes) differs from ${expected} (${a.length} bytes) first at byte ${offset}`;
}

/** Every file under `root`, as sorted `/`-separated paths relative to it. */
export function listTree(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/** The differences between two directory trees (names and bytes), empty when they are the same. */
export function treeDifferences(expected: string, actual: string): string[] {
  const want = listTree(expected);
  const got = listTree(actual);
  const names = want.join('\n') === got.join('\n') ? [] : [`files: expected [${want.join(', ')}], got [${got.join(', ')}]`];
  const bytes = want.filter((name) => got.includes(name)).map((name) => firstDifference(join(expected, name), join(actual, name)));
  return [...names, ...bytes.filter((difference): difference is string => difference !== null)];
}
