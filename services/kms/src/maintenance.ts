import { withTransaction, type Pool } from '@strongroom/db';
import type { Logger } from '@strongroom/observability';
import { announce } from './change-feed';
import type { KeyCache } from './key-cache';
import type { KeyLifecycle } from './key-lifecycle';
import { deleteDueKeys, lockDueRotations } from './key-store';

/** Dependencies of {@link runMaintenance}. */
export interface MaintenanceDeps {
  readonly pool: Pool;
  readonly lifecycle: KeyLifecycle;
  readonly cache: KeyCache;
  readonly clock: () => Date;
  readonly logger: Logger;
}

/**
 * One pass of the periodic work: rotates keys whose automatic rotation is
 * due, and deletes keys whose deletion window has ended. Safe on every
 * replica at once (rows are claimed with SKIP LOCKED; deletion is idempotent).
 */
async function runMaintenance(deps: MaintenanceDeps): Promise<{ rotated: number; deleted: number }> {
  const now = deps.clock();
  const rotated = await withTransaction(deps.pool, async (client) => {
    const due = await lockDueRotations(client, now, 100);
    for (const key of due) {
      await deps.lifecycle.rotateLocked(client, key, 'AUTOMATIC');
      await announce(client, { kind: 'key', keyId: key.keyId });
    }
    return due.map((key) => key.keyId);
  });
  const deleted = await withTransaction(deps.pool, async (client) => {
    const ids = await deleteDueKeys(client, now);
    for (const keyId of ids) await announce(client, { kind: 'key', keyId });
    return ids;
  });
  for (const keyId of [...rotated, ...deleted]) deps.cache.invalidate({ kind: 'key', keyId });
  if (rotated.length + deleted.length > 0) deps.logger.info({ rotated, deleted }, 'key maintenance');
  return { rotated: rotated.length, deleted: deleted.length };
}

/** Runs maintenance passes and knows which are still running. */
export interface MaintenanceRunner {
  /** Runs one pass ({@link runMaintenance}). */
  run(): Promise<{ rotated: number; deleted: number }>;
  /** Resolves once every pass started so far has ended, however it ended. */
  settled(): Promise<void>;
}

/** A {@link MaintenanceRunner}: a KMS that stops waits for the passes running before it wipes the root key they wrap with. */
export function maintenanceRunner(deps: MaintenanceDeps): MaintenanceRunner {
  const running = new Set<Promise<void>>();
  return {
    run() {
      const pass = runMaintenance(deps);
      const ended = pass.then(
        () => undefined,
        () => undefined,
      );
      running.add(ended);
      void ended.then(() => running.delete(ended));
      return pass;
    },
    async settled() {
      await Promise.all(running);
    },
  };
}
