import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { StartRefused } from '@strongroom/config';
import { isSqlState, type Pool, type PoolClient } from '@strongroom/db';
import type { BlobStore } from './blob-store';
import { syncDirectoryOnce } from './directory-syncer';
import { unlink } from 'node:fs/promises';
import { createVolumeFile, readVolumeFile, VOLUME_ID_FILE, volumeFileContent, type LinkFile } from './volume-id-file';

export { VOLUME_ID_FILE } from './volume-id-file';

/** The advisory lock that lets one server at a time bind the blob directory of a database (replicas share both). */
const BIND_LOCK = 'strongroom:storage:blob-volume';

/**
 * How long a start waits for another server of the database to finish its
 * bind: longer than the pool's statement deadline, since that server may be
 * waiting on a slow (network) filesystem, but bounded, so a stalled one
 * does not hold every other start for good.
 */
const BIND_LOCK_WAIT_MS = 300_000;

/** PostgreSQL's query_canceled: the statement ran past statement_timeout. */
const QUERY_CANCELED = '57014';

const VOLUME_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const WHAT_TO_DO = 'Point STRONGROOM_DATA_DIR at the directory of this database, or DATABASE_URL at the database of this directory.';

/** Any storage state: what a database that served this directory before the volume id existed holds (a bucket at least while it has data). */
const HOLDS_STORAGE_STATE = `SELECT EXISTS (SELECT 1 FROM storage.buckets) OR EXISTS (SELECT 1 FROM storage.blobs)
  OR EXISTS (SELECT 1 FROM storage.object_versions) OR EXISTS (SELECT 1 FROM storage.multipart_uploads)
  OR EXISTS (SELECT 1 FROM storage.version_tombstones) OR EXISTS (SELECT 1 FROM storage.upload_tombstones) AS holds`;

interface DatabaseVolume {
  readonly volumeId: string;
  /** Inserted by a server adopting a directory that has not confirmed the directory's file yet. */
  readonly pending: boolean;
}

async function databaseVolume(client: PoolClient): Promise<DatabaseVolume | undefined> {
  const row = (await client.query<{ volume_id: string; pending: boolean }>('SELECT volume_id, pending FROM storage.volume')).rows[0];
  return row === undefined ? undefined : { volumeId: row.volume_id, pending: row.pending };
}

async function holdsStorageState(client: PoolClient): Promise<boolean> {
  return (await client.query<{ holds: boolean }>(HOLDS_STORAGE_STATE)).rows[0]?.holds === true;
}

async function namesBlobs(client: PoolClient): Promise<boolean> {
  return (await client.query<{ names: boolean }>('SELECT EXISTS (SELECT 1 FROM storage.blobs) AS names')).rows[0]?.names === true;
}

async function claimPendingVolumeId(client: PoolClient): Promise<string> {
  const volumeId = randomUUID();
  await client.query('INSERT INTO storage.volume (volume_id, pending) VALUES ($1, true)', [volumeId]);
  return volumeId;
}

function notVolumeId(path: string, content: string): Error {
  // Binds of one database take turns, so none of this database's can be writing the file now: it is the leftover of a start
  // that died while writing it (on a volume without hard links), or another database's bind is writing it. Waiting could only
  // tell the second, which is refused as well, and only the operator can tell whose directory it is.
  return new StartRefused(
    `refusing to start: the blob directory's volume file ${path} holds ${content === '' ? 'nothing' : `"${content.slice(0, 40)}"`}, not a volume id (a start that stopped while writing it leaves it empty or cut short). If no other deployment uses this directory, remove the file and start again; otherwise ${WHAT_TO_DO}`,
  );
}

function unrecordedVolume(path: string, fileId: string, holdsState: boolean): Error {
  if (!holdsState) {
    return new StartRefused(
      `refusing to start: the blob directory's volume file ${path} names volume ${fileId}, but this database has no volume id and holds no storage data at all (no bucket, object, upload or blob), so it cannot be this directory's database; its sweeper would delete the directory's files. ${WHAT_TO_DO}`,
    );
  }
  return new StartRefused(
    `refusing to start: the blob directory's volume file ${path} names volume ${fileId}, but this database has no volume id: it may be a different database, or this directory's database restored from a backup taken before the volume id existed. If it is this directory's database, record the id in it: INSERT INTO storage.volume (volume_id) VALUES ('${fileId}'); otherwise ${WHAT_TO_DO}`,
  );
}

function volumeMismatch(path: string, fileId: string, databaseId: string): Error {
  return new StartRefused(`refusing to start: the blob directory's volume file ${path} names volume ${fileId}, but this database belongs to volume ${databaseId}; its sweeper would delete the other database's data. ${WHAT_TO_DO}`);
}

/** The id the file holds when it is the database's; otherwise why the server refuses to start. */
async function checkVolumeFile(client: PoolClient, path: string, content: string, database: DatabaseVolume | undefined): Promise<string> {
  const fileId = content.trim();
  if (!VOLUME_ID.test(fileId)) throw notVolumeId(path, fileId);
  if (database === undefined) throw unrecordedVolume(path, fileId, await holdsStorageState(client));
  if (database.volumeId !== fileId) throw volumeMismatch(path, fileId, database.volumeId);
  return fileId;
}

/** A file the pending adoption started to write and did not finish (a volume without hard links): binds of one database take turns, so no other is writing it. */
function cutShortByPendingBind(content: string, database: DatabaseVolume | undefined): boolean {
  if (database?.pending !== true) return false;
  const whole = volumeFileContent(database.volumeId);
  return content !== whole && whole.startsWith(content);
}

function looksUnmounted(root: string, path: string): Error {
  return new StartRefused(
    `refusing to start: the blob directory ${root} is empty (no blob files, no ${VOLUME_ID_FILE} file), but this database names blobs stored in it: the directory looks unmounted or mistyped, and serving from it would fail every existing object and lose new ones when the real volume returns. Mount the volume, or point STRONGROOM_DATA_DIR at this database's directory (the one holding its blob files and ${VOLUME_ID_FILE}). If this database's blob files are really lost, write its volume id into ${path} to start without them.`,
  );
}

/** Ends an adoption: the directory's file is written and synced, and so is its directory. */
async function confirmVolume(client: PoolClient): Promise<void> {
  await client.query('UPDATE storage.volume SET pending = false WHERE pending');
}

/** Writes the directory's file naming `volumeId` and confirms the database's row; refuses when another database's file came first. */
async function bindDirectory(client: PoolClient, blobs: BlobStore, volumeId: string, linkFile: LinkFile | undefined): Promise<string> {
  const content = await createVolumeFile(blobs.root, volumeId, linkFile);
  await checkVolumeFile(client, join(blobs.root, VOLUME_ID_FILE), content ?? '', { volumeId, pending: true });
  await confirmVolume(client);
  return volumeId;
}

async function bindUnderLock(client: PoolClient, blobs: BlobStore, linkFile: LinkFile | undefined): Promise<string> {
  const path = join(blobs.root, VOLUME_ID_FILE);
  let content = await readVolumeFile(path);
  const database = await databaseVolume(client);
  if (content !== undefined && cutShortByPendingBind(content, database)) {
    await unlink(path);
    content = undefined;
  }
  if (content !== undefined) {
    const volumeId = await checkVolumeFile(client, path, content, database);
    // The server that linked the file may have stopped before it synced the directory: the file is synced, its entry perhaps not.
    await syncDirectoryOnce(blobs.root);
    if (database?.pending === true) await confirmVolume(client);
    return volumeId;
  }
  const hasBlobFiles = await blobs.hasBlobFiles();
  if (!hasBlobFiles && (await namesBlobs(client))) throw looksUnmounted(blobs.root, path);
  if (database !== undefined && !database.pending) {
    if (hasBlobFiles) {
      throw new StartRefused(
        `refusing to start: the blob directory ${blobs.root} holds blob files but no ${VOLUME_ID_FILE} file, and this database belongs to volume ${database.volumeId}, so whose files they are is unknown; its sweeper could delete them. ${WHAT_TO_DO} If the files are this database's, write ${database.volumeId} into ${path}.`,
      );
    }
    return bindDirectory(client, blobs, database.volumeId, linkFile);
  }
  // No id yet, or the adoption of a server that stopped before writing the file: the same decision, made again.
  if (hasBlobFiles && !(await holdsStorageState(client))) {
    throw new StartRefused(
      `refusing to start: the blob directory ${blobs.root} holds blob files but no ${VOLUME_ID_FILE} file, and this database holds no storage data at all (no bucket, object, upload or blob), so the files cannot be its data; its sweeper would delete them. Point STRONGROOM_DATA_DIR at an empty directory, or DATABASE_URL at the database of these files.`,
    );
  }
  return bindDirectory(client, blobs, database?.volumeId ?? (await claimPendingVolumeId(client)), linkFile);
}

export interface BindOptions {
  /** Stands in for `fs.promises.link` in tests. */
  readonly linkFile?: LinkFile;
  /** How long to wait for another server's bind; {@link BIND_LOCK_WAIT_MS} unless a test needs it short. */
  readonly lockWaitMs?: number;
}

/** Takes the bind lock, waiting up to `lockWaitMs` rather than the pool's statement deadline (the connection is closed on failure). */
async function waitForBindLock(client: PoolClient, lockWaitMs: number): Promise<void> {
  await client.query(`SET statement_timeout = ${lockWaitMs}`);
  try {
    // pg reads a query's own client-side deadline (query_timeout) from its config; the pool's is barely past its statement deadline.
    const lock = { text: 'SELECT pg_advisory_lock(hashtext($1))', values: [BIND_LOCK], query_timeout: lockWaitMs + 5_000 };
    await client.query(lock);
  } catch (error) {
    if (!isSqlState(error, QUERY_CANCELED)) throw error;
    throw new StartRefused(
      `refusing to start: waited ${lockWaitMs / 1000} s for another storage server of this database to finish binding the blob directory (advisory lock "${BIND_LOCK}"); that server may be stalled on the blob directory's filesystem. Check the other storage servers and the volume, then start again.`,
    );
  }
  await client.query('RESET statement_timeout');
}

/**
 * Binds the blob directory and the database to one volume id, or refuses
 * to start when they belong to different ones: the sweeper deletes every
 * old file its database does not name, which on another database's
 * directory is all of that database's data. A directory without the file
 * that holds blob files is adopted only by a database without an id (or
 * with a pending one) that holds storage data: a deployment upgrading to
 * the binding. Servers sharing the database bind one at a time, under an
 * advisory lock held on one connection, so a replica never sees another's
 * adoption half done; one that stopped half way is finished by the next
 * start.
 */
export async function bindBlobVolume(pool: Pool, blobs: BlobStore, options: BindOptions = {}): Promise<string> {
  const { linkFile, lockWaitMs = BIND_LOCK_WAIT_MS } = options;
  const client = await pool.connect();
  try {
    await waitForBindLock(client, lockWaitMs);
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  try {
    return await bindUnderLock(client, blobs, linkFile);
  } finally {
    // A connection that cannot unlock is closed, which lets go of the lock.
    const unlockFailure = await client.query('SELECT pg_advisory_unlock(hashtext($1))', [BIND_LOCK]).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    client.release(unlockFailure);
  }
}
