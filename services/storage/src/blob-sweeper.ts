import type { Pool } from '@strongroom/db';
import type { Logger } from '@strongroom/observability';
import { existingBlobIds } from './blob-ref-store';
import type { BlobStore } from './blob-store';

/** What one sweep did; `claimed` is false when another replica was sweeping. */
export interface SweepResult {
  readonly claimed: boolean;
  readonly orphansRemoved: number;
  readonly draftsRemoved: number;
}

/** Options of a {@link BlobSweeper}. */
export interface BlobSweeperOptions {
  readonly pool: Pool;
  readonly blobs: BlobStore;
  readonly logger: Logger;
  /** Files younger than this are left alone: a blob is renamed into place just before its row commits. */
  readonly graceMs: number;
  readonly now: () => number;
}

/** The advisory lock that lets one replica at a time sweep a shared blob directory. */
const SWEEP_LOCK = 'strongroom:storage:blob-sweeper';
const BATCH = 1000;

/**
 * Removes blob files that no committed row references (left by a crash
 * between the rename and the commit, or between a commit and the unlink of
 * a released blob) and stale temporary files (a crash mid-write), once they
 * are older than the grace period. A Postgres advisory lock claims the
 * sweep, so replicas sharing the directory take turns.
 */
export class BlobSweeper {
  readonly #options: BlobSweeperOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> = Promise.resolve();

  constructor(options: BlobSweeperOptions) {
    this.#options = options;
  }

  /**
   * Sweeps once `firstAfterMs` after starting, so that a server restarted
   * more often than every `intervalMs` (a crash loop, which is what leaves
   * orphans) still sweeps, then every `intervalMs`, until {@link stop}.
   */
  start(intervalMs: number, firstAfterMs: number): void {
    const run = () => {
      this.#running = this.sweep().catch((error: unknown) => this.#options.logger.warn({ err: error }, 'blob sweep failed'));
    };
    this.#timer = setTimeout(() => {
      run();
      this.#timer = setInterval(run, intervalMs);
      this.#timer.unref();
    }, firstAfterMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** One sweep now; `graceMs` overrides the configured grace period. */
  async sweep(options: { graceMs?: number } = {}): Promise<SweepResult> {
    const { pool, blobs, logger } = this.#options;
    const before = this.#options.now() - (options.graceMs ?? this.#options.graceMs);
    const client = await pool.connect();
    let failure: Error | undefined;
    try {
      const claim = await client.query<{ claimed: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS claimed', [SWEEP_LOCK]);
      if (claim.rows[0]?.claimed !== true) return { claimed: false, orphansRemoved: 0, draftsRemoved: 0 };
      try {
        const draftsRemoved = await blobs.removeStaleDrafts(before);
        let orphansRemoved = 0;
        for (let shard = 0; shard < 256; shard++) {
          const files = (await blobs.listShard(shard.toString(16).padStart(2, '0'))).filter((file) => file.modifiedMs < before);
          for (let start = 0; start < files.length; start += BATCH) {
            const batch = files.slice(start, start + BATCH).map((file) => file.blobId);
            const live = await existingBlobIds(client, batch);
            for (const blobId of batch.filter((id) => !live.has(id))) {
              // A release that committed since the listing dated the file anew: its grace period is the released blobs' to keep.
              const modifiedMs = await blobs.modifiedMs(blobId);
              if (modifiedMs === undefined || modifiedMs >= before) continue;
              await blobs.remove(blobId);
              orphansRemoved++;
            }
          }
        }
        if (orphansRemoved + draftsRemoved > 0) logger.info({ orphansRemoved, draftsRemoved }, 'blob sweep removed unreferenced files');
        return { claimed: true, orphansRemoved, draftsRemoved };
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [SWEEP_LOCK]);
      }
    } catch (error) {
      // A connection that failed (one left without an answer above all) is closed, never handed to another user mid-statement.
      failure = error as Error;
      throw error;
    } finally {
      client.release(failure);
    }
  }
}
