import { randomUUID } from 'node:crypto';
import { link, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool } from '@strongroom/db';
import type { BlobStore } from './blob-store';
import { syncDirectoryOnce } from './directory-syncer';

/** The file of the blob directory that names the volume (and so the database) it belongs to. */
export const VOLUME_ID_FILE = 'volume-id';

const WHAT_TO_DO = 'Point STRONGROOM_DATA_DIR at the directory of this database, or DATABASE_URL at the database of this directory.';

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** The id the directory's `volume-id` file names (its content, trimmed); undefined when there is no such file. */
async function readVolumeFile(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

async function databaseVolumeId(pool: Pool): Promise<string | undefined> {
  return (await pool.query<{ volume_id: string }>('SELECT volume_id FROM storage.volume')).rows[0]?.volume_id;
}

async function databaseNamesBlobs(pool: Pool): Promise<boolean> {
  return (await pool.query<{ named: boolean }>('SELECT EXISTS (SELECT 1 FROM storage.blobs) AS named')).rows[0]?.named === true;
}

/** Gives the database a volume id unless it has one; the id it has then (replicas starting together agree on the first). */
async function claimDatabaseVolumeId(pool: Pool): Promise<string> {
  await pool.query('INSERT INTO storage.volume (volume_id) VALUES ($1) ON CONFLICT DO NOTHING', [randomUUID()]);
  const volumeId = await databaseVolumeId(pool);
  if (volumeId === undefined) throw new Error('storage.volume holds no row right after its insert');
  return volumeId;
}

/**
 * Creates the `volume-id` file naming `volumeId`, whole or not at all: an
 * fsynced temporary file linked to the name, so of replicas starting
 * together exactly one creates it. Returns the id the file names then
 * (another's, when one was first).
 */
async function createVolumeFile(blobs: BlobStore, path: string, volumeId: string): Promise<string | undefined> {
  const temp = join(blobs.root, 'tmp', `${VOLUME_ID_FILE}-${randomUUID()}.part`);
  const file = await open(temp, 'wx', 0o600);
  try {
    await file.writeFile(`${volumeId}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(temp, path);
    await syncDirectoryOnce(blobs.root);
    return volumeId;
  } catch (error) {
    if (!hasCode(error, 'EEXIST')) throw error;
    return readVolumeFile(path);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

function volumeMismatch(path: string, fileId: string, databaseId: string | undefined): Error {
  const database = databaseId === undefined ? 'this database has no volume id (it is not the database this directory was used with)' : `this database belongs to volume ${databaseId}`;
  return new Error(`refusing to start: the blob directory's volume file ${path} names volume ${fileId}, but ${database}; its sweeper would delete the other database's data. ${WHAT_TO_DO}`);
}

/**
 * Binds the blob directory and the database to one volume id, or refuses
 * to start when they belong to different ones: the sweeper deletes every
 * old file its database does not name, which on another database's
 * directory is all of that database's data. A directory without the file
 * that holds blob files is adopted only by a database without an id that
 * names blobs (a deployment upgrading to the binding); with any other
 * database its files' owner is unknown, and the server refuses too.
 */
export async function bindBlobVolume(pool: Pool, blobs: BlobStore): Promise<string> {
  const path = join(blobs.root, VOLUME_ID_FILE);
  const fileId = await readVolumeFile(path);
  const databaseId = await databaseVolumeId(pool);
  if (fileId !== undefined) {
    if (fileId !== databaseId) throw volumeMismatch(path, fileId, databaseId);
    return fileId;
  }
  if (await blobs.hasBlobFiles()) {
    const upgrading = databaseId === undefined && (await databaseNamesBlobs(pool));
    if (!upgrading) {
      // A replica starting alongside may have bound the directory and written its first blob since the file was read.
      if ((await readVolumeFile(path)) !== undefined) return bindBlobVolume(pool, blobs);
      const database = databaseId === undefined ? 'this database names no blob' : `this database belongs to volume ${databaseId}`;
      throw new Error(
        `refusing to start: the blob directory ${blobs.root} holds blob files but no ${VOLUME_ID_FILE} file, and ${database}, so whose files they are is unknown; its sweeper could delete them. ${WHAT_TO_DO}` +
          (databaseId === undefined ? '' : ` If the files are this database's, write ${databaseId} into ${path}.`),
      );
    }
  }
  const volumeId = databaseId ?? (await claimDatabaseVolumeId(pool));
  const writtenId = await createVolumeFile(blobs, path, volumeId);
  if (writtenId !== volumeId) throw volumeMismatch(path, writtenId ?? '(none)', volumeId);
  return volumeId;
}
