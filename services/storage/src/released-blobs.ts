import type { Logger } from '@strongroom/observability';
import type { BlobStore } from './blob-store';

/**
 * Deletes the files of blobs that lost their last reference, a grace
 * period after the release committed. A read that looked its version up
 * just before an overwrite or delete (or a multipart read that reaches a
 * later part's file only minutes in) still finds the data, as S3 serves an
 * object that was replaced during the read. A file whose removal was
 * pending when the process stopped without {@link flush} is an orphan,
 * and the sweeper's.
 */
export class ReleasedBlobs {
  readonly #blobs: BlobStore;
  readonly #graceMs: number;
  readonly #logger: Logger;
  readonly #pending = new Map<string, NodeJS.Timeout>();

  constructor(blobs: BlobStore, graceMs: number, logger: Logger) {
    this.#blobs = blobs;
    this.#graceMs = graceMs;
    this.#logger = logger;
  }

  /** Deletes the files of `released` after the grace period (at once, awaited, when it is 0). */
  async release(released: readonly string[]): Promise<void> {
    if (this.#graceMs === 0) {
      for (const blobId of released) await this.#remove(blobId);
      return;
    }
    for (const blobId of released) {
      const timer = setTimeout(() => {
        this.#pending.delete(blobId);
        void this.#remove(blobId);
      }, this.#graceMs);
      timer.unref();
      this.#pending.set(blobId, timer);
    }
  }

  /** Deletes every file still waiting for its grace period to end, now (at shutdown, once no read is left). */
  async flush(): Promise<void> {
    const waiting = [...this.#pending.entries()];
    this.#pending.clear();
    for (const [blobId, timer] of waiting) {
      clearTimeout(timer);
      await this.#remove(blobId);
    }
  }

  async #remove(blobId: string): Promise<void> {
    await this.#blobs.remove(blobId).catch((error: unknown) => this.#logger.warn({ err: error, blobId }, 'could not delete a released blob; the sweeper will'));
  }
}
