import type { Logger } from '@strongroom/observability';
import type { BlobStore } from './blob-store';

/** A released blob waiting for its grace period to end. */
interface Waiting {
  readonly blobId: string;
  /** When its file may go, in epoch ms (real time, as the timer runs). */
  readonly dueMs: number;
}

/**
 * Deletes the files of blobs that lost their last reference, a grace
 * period after the release committed. A read that looked its version up
 * just before an overwrite or delete still finds the data, as S3 serves an
 * object that was replaced during the read (a multipart read opens its
 * parts' files up front, and an open file outlives its deletion). A released file's modification
 * time is set to the release, so the sweeper (of any replica sharing the
 * directory), which takes a file without a row for an orphan once it is
 * older than its own grace period, leaves it alone until then; a file
 * still waiting when the process stops is the sweeper's too, and not
 * deleted at shutdown, since another replica may be reading it. Releases
 * wait in order of release, behind one timer.
 */
export class ReleasedBlobs {
  readonly #blobs: BlobStore;
  readonly #graceMs: number;
  readonly #logger: Logger;
  #waiting: Waiting[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(options: { readonly blobs: BlobStore; readonly graceMs: number; readonly logger: Logger }) {
    this.#blobs = options.blobs;
    this.#graceMs = options.graceMs;
    this.#logger = options.logger;
  }

  /** Deletes the files of `released` after the grace period (at once, awaited, when it is 0). */
  async release(released: readonly string[]): Promise<void> {
    if (this.#graceMs === 0) {
      for (const blobId of released) await this.#remove(blobId);
      return;
    }
    const dueMs = Date.now() + this.#graceMs;
    for (const blobId of released) {
      await this.#blobs.touch(blobId).catch((error: unknown) => this.#logger.warn({ err: error, blobId }, 'could not date a released blob; the sweeper may take it early'));
      this.#waiting.push({ blobId, dueMs });
    }
    if (this.#timer === undefined) this.#schedule();
  }

  /** Stops the timer; the files still waiting are left to the sweeper. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#waiting = [];
  }

  #schedule(): void {
    const next = this.#waiting[0];
    if (next === undefined) return;
    this.#timer = setTimeout(() => void this.#removeDue(), Math.max(0, next.dueMs - Date.now()));
    this.#timer.unref();
  }

  async #removeDue(): Promise<void> {
    const now = Date.now();
    const due = this.#waiting.findIndex((waiting) => waiting.dueMs > now);
    const ready = this.#waiting.splice(0, due < 0 ? this.#waiting.length : due);
    for (const { blobId } of ready) await this.#remove(blobId);
    this.#timer = undefined;
    this.#schedule();
  }

  async #remove(blobId: string): Promise<void> {
    await this.#blobs.remove(blobId).catch((error: unknown) => this.#logger.warn({ err: error, blobId }, 'could not delete a released blob; the sweeper will'));
  }
}
