import { open, type FileHandle } from 'node:fs/promises';

/** Opens a directory, fsyncs it and closes it: makes the renames into it durable. */
export async function syncDirectoryOnce(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** One directory's kept-open descriptor; once retired, it closes when no sync is using it. */
class KeptOpenDirectory {
  readonly #handle: Promise<FileHandle>;
  #syncing = 0;
  #retired = false;

  constructor(path: string) {
    this.#handle = open(path, 'r');
  }

  async sync(): Promise<void> {
    this.#syncing++;
    try {
      await (await this.#handle).sync();
    } finally {
      this.#syncing--;
      if (this.#retired && this.#syncing === 0) await this.#close();
    }
  }

  async retire(): Promise<void> {
    this.#retired = true;
    if (this.#syncing === 0) await this.#close();
  }

  async #close(): Promise<void> {
    const handle = await this.#handle.catch(() => undefined);
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Fsyncs directories through descriptors kept open, one per directory, so
 * that a commit's directory fsync is one file-system call rather than
 * three. A descriptor whose sync failed is retired (closed once no other
 * sync uses it) and the next sync opens a fresh one; after {@link close}
 * every sync opens, syncs and closes its own.
 */
export class DirectorySyncer {
  readonly #directories = new Map<string, KeptOpenDirectory>();
  #closed = false;

  async sync(path: string): Promise<void> {
    if (this.#closed) return syncDirectoryOnce(path);
    let directory = this.#directories.get(path);
    if (directory === undefined) {
      directory = new KeptOpenDirectory(path);
      this.#directories.set(path, directory);
    }
    try {
      await directory.sync();
    } catch (error) {
      if (this.#directories.get(path) === directory) {
        this.#directories.delete(path);
        await directory.retire();
      }
      throw error;
    }
  }

  /** Closes every kept-open descriptor (each once its syncs are done). */
  async close(): Promise<void> {
    this.#closed = true;
    const directories = [...this.#directories.values()];
    this.#directories.clear();
    await Promise.all(directories.map((directory) => directory.retire()));
  }
}
