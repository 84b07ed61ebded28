import { randomUUID } from 'node:crypto';
import { mkdir, open, opendir, readdir, rename, stat, unlink, utimes, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobSpan } from '@strongroom/crypto';
import { DurableFileWritable } from './blob-file';
import { DirectorySyncer, syncDirectoryOnce } from './directory-syncer';

/** A blob being written: a temporary file, durable only after {@link commit}. */
export interface BlobDraft {
  /** Where the sealed bytes go; fsyncs before it finishes. */
  readonly sink: DurableFileWritable;
  /** Moves the finished, fsynced file to its blob path and makes the rename durable. */
  commit(blobId: string): Promise<void>;
  /** Closes and deletes the temporary file (after a failure). */
  discard(): Promise<void>;
}

/** One blob file found by {@link BlobStore.list}. */
export interface BlobFileInfo {
  readonly blobId: string;
  readonly modifiedMs: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The largest read: whole small blobs, or one chunk of a larger one. */
export const READ_CHUNK_BYTES = 512 * 1024;

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/**
 * Sealed object data on a local (or shared) file system:
 * `<root>/<first 2 hex of the id>/<blob id>`, written through
 * `<root>/tmp`. Blob ids are UUIDs; keys never become file names.
 *
 * Shard directories are fsynced through descriptors kept open (at most
 * 256), since every commit fsyncs its blob's directory.
 */
export class BlobStore {
  readonly root: string;
  readonly #tmp: string;
  readonly #directories = new DirectorySyncer();
  readonly #draftTouchMs: number | undefined;

  /**
   * `draftTouchMs`: how often an open draft's modification time is set to
   * now, well inside the sweeper's grace period, so that a stale-draft sweep
   * (of any replica sharing the directory) never takes a draft still being
   * written, however slowly its bytes arrive; undefined never touches.
   */
  constructor(root: string, options: { readonly draftTouchMs?: number } = {}) {
    this.root = root;
    this.#tmp = join(root, 'tmp');
    this.#draftTouchMs = options.draftTouchMs;
  }

  /** Creates the directories (every shard up front, so writes never create one) and makes them durable. */
  async init(): Promise<void> {
    await mkdir(this.#tmp, { recursive: true });
    for (let shard = 0; shard < 256; shard++) await mkdir(join(this.root, shard.toString(16).padStart(2, '0')), { recursive: true });
    await syncDirectoryOnce(this.root);
  }

  /** The path of a blob's file. */
  pathOf(blobId: string): string {
    if (!UUID.test(blobId)) throw new Error('a blob id is a lower-case UUID');
    return join(this.root, blobId.slice(0, 2), blobId);
  }

  /** Opens a temporary file to write a blob into. */
  async draft(): Promise<BlobDraft> {
    const tempPath = join(this.#tmp, `${randomUUID()}.part`);
    const file = await open(tempPath, 'wx', 0o600);
    const sink = new DurableFileWritable(file);
    const touching = this.#keepFresh(file);
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      clearInterval(touching);
      await file.close();
    };
    return {
      sink,
      commit: async (blobId) => {
        await close();
        const path = this.pathOf(blobId);
        await rename(tempPath, path);
        await this.#directories.sync(join(this.root, blobId.slice(0, 2)));
      },
      discard: async () => {
        sink.destroy();
        await close().catch(() => undefined);
        await unlink(tempPath).catch((error: unknown) => {
          if (!isMissing(error)) throw error;
        });
      },
    };
  }

  /**
   * Touches an open draft every `draftTouchMs` (first after one interval, so
   * a quick upload makes no extra call), until the draft closes. A failed
   * touch is left alone: the next one tries again, and at worst the sweep
   * takes the draft and the upload fails, as it would without touching.
   */
  #keepFresh(file: FileHandle): NodeJS.Timeout | undefined {
    if (this.#draftTouchMs === undefined) return undefined;
    return setInterval(() => {
      const now = new Date();
      file.utimes(now, now).catch(() => undefined);
    }, this.#draftTouchMs).unref();
  }

  /** Closes the shard directories' kept-open descriptors; later commits fsync through descriptors of their own. */
  close(): Promise<void> {
    return this.#directories.close();
  }

  /** Opens a blob for reading; undefined when its file is missing. */
  async openBlob(blobId: string): Promise<FileHandle | undefined> {
    try {
      return await open(this.pathOf(blobId), 'r');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /**
   * Reads a whole blob of `expectedLength` bytes (at most {@link READ_CHUNK_BYTES})
   * with one read of one byte more, so the usual case needs no stat: the
   * bytes, or undefined when the read did not return exactly that many (the
   * file grew, shrank or the read came up short; the caller then looks closer).
   */
  async readWhole(file: FileHandle, expectedLength: number): Promise<Buffer | undefined> {
    if (expectedLength > READ_CHUNK_BYTES) throw new RangeError(`a whole read is at most ${READ_CHUNK_BYTES} bytes`);
    const buffer = Buffer.allocUnsafe(expectedLength + 1);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return bytesRead === expectedLength ? buffer.subarray(0, expectedLength) : undefined;
  }

  /**
   * Reads the given spans of an open blob in order, in chunks of up to
   * 512 KiB. A span cut short by the end of the file just ends early (the
   * opener then reports the truncation).
   */
  async *readSpans(file: FileHandle, spans: readonly BlobSpan[], signal?: AbortSignal): AsyncGenerator<Buffer> {
    for (const span of spans) {
      let position = span.offset;
      const end = span.offset + span.length;
      while (position < end) {
        signal?.throwIfAborted();
        const buffer = Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, end - position));
        const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) return;
        position += bytesRead;
        yield buffer.subarray(0, bytesRead);
      }
    }
  }

  /** Sets a blob file's modification time to now, so that the sweeper counts its grace period from now; a missing file is fine. */
  async touch(blobId: string): Promise<void> {
    const now = new Date();
    await utimes(this.pathOf(blobId), now, now).catch((error: unknown) => {
      if (!isMissing(error)) throw error;
    });
  }

  /** Deletes a blob's file; a missing file is fine. */
  async remove(blobId: string): Promise<void> {
    await unlink(this.pathOf(blobId)).catch((error: unknown) => {
      if (!isMissing(error)) throw error;
    });
  }

  /** Every blob file of one shard (`00`..`ff`), with its modification time. */
  async listShard(shard: string): Promise<BlobFileInfo[]> {
    const directory = join(this.root, shard);
    const names = await readdir(directory).catch((error: unknown) => {
      if (isMissing(error)) return [];
      throw error;
    });
    const files: BlobFileInfo[] = [];
    for (const name of names) {
      if (!UUID.test(name)) continue;
      const info = await stat(join(directory, name)).catch(() => undefined);
      if (info !== undefined) files.push({ blobId: name, modifiedMs: info.mtimeMs });
    }
    return files;
  }

  /** Whether any shard holds a blob file (drafts in `tmp` do not count); stops at the first. */
  async hasBlobFiles(): Promise<boolean> {
    for (let shard = 0; shard < 256; shard++) {
      const directory = await opendir(join(this.root, shard.toString(16).padStart(2, '0'))).catch((error: unknown) => {
        if (isMissing(error)) return undefined;
        throw error;
      });
      if (directory === undefined) continue;
      for await (const entry of directory) {
        if (UUID.test(entry.name)) return true;
      }
    }
    return false;
  }

  /** When a blob's file was last modified (a release sets it), in epoch ms; undefined when the file is gone. */
  async modifiedMs(blobId: string): Promise<number | undefined> {
    return (await stat(this.pathOf(blobId)).catch(() => undefined))?.mtimeMs;
  }

  /** Deletes temporary files last modified before `beforeMs`; returns how many. */
  async removeStaleDrafts(beforeMs: number): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.#tmp)) {
      const path = join(this.#tmp, name);
      const info = await stat(path).catch(() => undefined);
      if (info === undefined || info.mtimeMs >= beforeMs) continue;
      await unlink(path).catch(() => undefined);
      removed++;
    }
    return removed;
  }
}
