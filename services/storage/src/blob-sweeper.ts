import type { Pool, PoolClient } from '@strongroom/db';
import type { Logger } from '@strongroom/observability';
import { existingBlobIds } from './blob-ref-store';
import type { BlobStore } from './blob-store';
import { purgeExpiredTombstones } from './tombstones';

/** What one sweep did; `claimed` is false when another replica was sweeping. */
export interface SweepResult {
  readonly claimed: boolean;
  readonly orphansRemoved: number;
  readonly draftsRemoved: number;
  /** Expired places of deleted versions and gone uploads (tombstones.ts), which the sweep clears too. */
  readonly tombstonesPurged: number;
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
 * are older than the grace period; and, being the storage service's one
 * periodic job, the places of deleted versions and gone uploads once they
 * expire (tombstones.ts). A Postgres advisory lock claims the sweep, so
 * replicas sharing the directory take turns.
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

  /**
   * One sweep now; `graceMs` overrides the configured grace period. A
   * sweep that fails closes its connection, which lets go of the sweep's
   * lock too: a statement left without an answer holds the connection, and
   * an unlock sent behind it would only wait out another deadline.
   */
  async sweep(options: { graceMs?: number } = {}): Promise<SweepResult> {
    const client = await this.#options.pool.connect();
    try {
      const claim = await client.query<{ claimed: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS claimed', [SWEEP_LOCK]);
      if (claim.rows[0]?.claimed !== true) {
        client.release();
        return { claimed: false, orphansRemoved: 0, draftsRemoved: 0, tombstonesPurged: 0 };
      }
      const result = await this.#sweepUnderLock(client, this.#options.now() - (options.graceMs ?? this.#options.graceMs));
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [SWEEP_LOCK]);
      client.release();
      return result;
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  }

  /** Removes stale drafts, the files older than `before` that no row names, and expired tombstones. */
  async #sweepUnderLock(client: PoolClient, before: number): Promise<SweepResult> {
    const { blobs, logger } = this.#options;
    const tombstonesPurged = await purgeExpiredTombstones(client, this.#options.now());
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
    return { claimed: true, orphansRemoved, draftsRemoved, tombstonesPurged };
  }
}
