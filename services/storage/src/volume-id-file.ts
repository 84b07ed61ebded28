import { randomUUID } from 'node:crypto';
import { link, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectoryOnce } from './directory-syncer';

/** The file of the blob directory that names the volume (and so the database) it belongs to. */
export const VOLUME_ID_FILE = 'volume-id';

/** Makes a hard link, as `fs.promises.link`; a parameter so that tests can play a volume without hard links. */
export type LinkFile = (existingPath: string, newPath: string) => Promise<void>;

/** How volumes without hard links (SMB/Azure Files, some FUSE mounts) answer `link()`. */
const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP']);

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** What the directory's `volume-id` file holds, as written (a volume id and a newline); undefined when there is no such file. */
export async function readVolumeFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** What {@link createVolumeFile} writes: a file holding a strict prefix of it was cut short while being written. */
export const volumeFileContent = (volumeId: string): string => `${volumeId}\n`;

/** Creates `path` holding `content`, synced, failing with EEXIST when it exists; a file cut short by a failed write is removed. */
async function writeExclusively(path: string, content: string): Promise<void> {
  const file = await open(path, 'wx', 0o600);
  try {
    await file.writeFile(content);
    await file.sync();
  } catch (error) {
    await file.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
  await file.close();
}

/**
 * Creates the `volume-id` file of the directory `root` naming `volumeId`,
 * unless it exists, and syncs the directory. Returns what the file holds
 * then: `volumeId`, or what another's file holds (as written) when it was first.
 *
 * The file appears whole: a synced temporary file linked to the name. A
 * volume without hard links gets the file created exclusively instead, and
 * there a start that dies while writing it leaves it empty or cut short;
 * the caller refuses such a file rather than wait for it to be completed
 * (see blob-volume.ts).
 */
export async function createVolumeFile(root: string, volumeId: string, linkFile: LinkFile = link): Promise<string | undefined> {
  const path = join(root, VOLUME_ID_FILE);
  const content = volumeFileContent(volumeId);
  const temp = join(root, 'tmp', `${VOLUME_ID_FILE}-${randomUUID()}.part`);
  await writeExclusively(temp, content);
  try {
    await linkFile(temp, path);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return readVolumeFile(path);
    if (!LINK_UNSUPPORTED.has(errorCode(error) as string)) throw error;
    const created = await writeExclusively(path, content).then(
      () => true,
      (createError: unknown) => {
        if (errorCode(createError) === 'EEXIST') return false;
        throw createError;
      },
    );
    if (!created) return readVolumeFile(path);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncDirectoryOnce(root);
  return volumeId;
}
